/**
 * The sync triggers a test can't press: the browser firing the service worker's Background Sync
 * event, and the runs the page hears of on the app's sync channel, whoever ran them.
 */
import { expect, type Page } from '@playwright/test';

/**
 * The browser fires the service worker's Background Sync event, as Chromium does when the network
 * is back (through the DevTools Protocol: ServiceWorker.dispatchSyncEvent on this origin's
 * registration). The tag is the one the app registers and sw/sw.ts answers.
 */
export async function browserFiresBackgroundSync(page: Page, options: { tag?: string; lastChance?: boolean } = {}): Promise<void> {
  const origin = new URL(page.url()).origin;
  const cdp = await page.context().newCDPSession(page);
  try {
    let registrationId: string | undefined;
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
      const ours = registrations.find((r) => !r.isDeleted && r.scopeURL.startsWith(origin));
      if (ours) registrationId = ours.registrationId;
    });
    await cdp.send('ServiceWorker.enable');
    await expect.poll(() => registrationId, { message: `the service worker registration of ${origin}` }).toEqual(expect.any(String));
    await cdp.send('ServiceWorker.dispatchSyncEvent', { origin, registrationId: registrationId!, tag: options.tag ?? 'countersign-sync', lastChance: options.lastChance ?? false });
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

export interface SyncRunSeen {
  reason: string;
  stored?: number;
  status?: string;
}

/**
 * From now on, the page notes every sync run it hears of on the app's sync channel, whoever ran
 * it (this page or the service worker): its reason, and when it ended, its status and how many
 * records the server newly stored. Read them with syncRunsSeen().
 */
export async function listenToSyncRuns(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: Array<{ reason: string; stored?: number; status?: string }> = [];
    (window as unknown as { __syncRuns: typeof seen }).__syncRuns = seen;
    new BroadcastChannel('countersign-sync').onmessage = (event: MessageEvent) => {
      const m = event.data as { type: string; reason?: string; result?: { reason: string; status: string; counts: { stored: number } } };
      if (m.type === 'started') seen.push({ reason: m.reason! });
      if (m.type === 'finished') seen.push({ reason: m.result!.reason, status: m.result!.status, stored: m.result!.counts.stored });
    };
  });
}

export async function syncRunsSeen(page: Page): Promise<SyncRunSeen[]> {
  return page.evaluate(() => (window as unknown as { __syncRuns?: SyncRunSeen[] }).__syncRuns ?? []);
}
