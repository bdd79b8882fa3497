/**
 * Figure 1: the kiosk's start from the service worker's cache at 4× CPU throttling, until the idle
 * lock screen is interactive: its "Entsperren" button painted, and the main thread free for the
 * next task. Floor: a blank page from the same cache, until its first frame is painted. Each load
 * is a new tab with the service worker stopped first, as after the tablet wakes up.
 */
import type { BrowserContext } from '@playwright/test';
import { cdpOf, stopServiceWorkers, throttle } from '../browser';
import { median } from '../stats';
import type { Row } from '../table';

const RUNS = 9;
const WARM_UP = 1;
const THROTTLE = 4;
/** Before each load: Chromium starts its spare renderer process for the next tab meanwhile, so every load finds one. */
const SETTLE_MS = 1_000;

/** Runs in the page before its own scripts: marks when the ready element has been painted. */
function markReady(readyText: string | null): void {
  const w = window as unknown as { __benchReady?: number };
  const painted = () =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => (w.__benchReady = performance.now());
      channel.port2.postMessage(0);
    });
  if (readyText === null) {
    document.addEventListener('DOMContentLoaded', painted, { once: true });
    return;
  }
  const found = () => Array.from(document.getElementsByTagName('button')).some((b) => b.textContent?.trim() === readyText);
  const observer = new MutationObserver(() => {
    if (!found()) return;
    observer.disconnect();
    painted();
  });
  observer.observe(document, { childList: true, subtree: true });
}

async function loadOnce(context: BrowserContext, url: string, readyText: string | null): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const page = await context.newPage();
  try {
    await page.addInitScript(markReady, readyText);
    const cdp = await cdpOf(page);
    await stopServiceWorkers(cdp);
    await throttle(cdp, THROTTLE);
    await page.goto(url, { waitUntil: 'commit' });
    const handle = await page.waitForFunction(() => (window as unknown as { __benchReady?: number }).__benchReady, null, { timeout: 30_000, polling: 50 });
    const ms = (await handle.jsonValue()) as number;
    const controlled = await page.evaluate(() => !!navigator.serviceWorker.controller);
    if (!controlled) throw new Error(`${url} was not served by the service worker`);
    return ms;
  } finally {
    await page.close();
  }
}

export async function measureStart(context: BrowserContext, base: string): Promise<Row[]> {
  const app: number[] = [];
  const floor: number[] = [];
  for (let i = 0; i < RUNS + WARM_UP; i++) {
    // Alternate which goes first, so drift on a shared machine hits both alike.
    const order = i % 2 === 0 ? (['floor', 'app'] as const) : (['app', 'floor'] as const);
    for (const which of order) {
      const ms = which === 'app' ? await loadOnce(context, `${base}/`, 'Entsperren') : await loadOnce(context, `${base}/bench/blank.html`, null);
      if (i >= WARM_UP) (which === 'app' ? app : floor).push(ms);
    }
  }
  const value = median(app);
  const floorValue = median(floor);
  return [
    {
      id: '1',
      figure: `Kiosk start from the SW cache, 4× CPU, to the interactive lock screen (median of ${RUNS})`,
      value,
      unit: 'ms',
      floor: { what: 'blank page from the same cache', value: floorValue },
      budget: { text: '≤ 2× floor', met: value <= 2 * floorValue },
      note: `runs: app ${app.map(Math.round).join(', ')}; floor ${floor.map(Math.round).join(', ')}`,
    },
  ];
}
