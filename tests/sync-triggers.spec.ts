/**
 * The sync triggers that need no person: the browser's Background Sync event in the service
 * worker (fired here through the DevTools Protocol, as Chromium fires it when the network is back),
 * with the real server and its real SQLite file.
 */
import { expect, test, type Route } from '@playwright/test';
import { unlockAsStaff } from './support/actions';
import { e2eDataDir } from './support/env';
import { customerSignsNewOrder, enrolTablet, serverRecord, tabletOutbox, testCleanups } from './support/sync';
import { browserFiresBackgroundSync, listenToSyncRuns, syncRunsSeen } from './support/sync-triggers';

test.describe.configure({ timeout: 60_000 });

const { cleanup } = testCleanups();

test("the service worker's Background Sync event delivers a record the page could not send", async ({ page, context }) => {
  const dataDir = e2eDataDir();
  await enrolTablet(page, { name: 'Theke Hintergrund' });
  await unlockAsStaff(page);
  await listenToSyncRuns(page);

  // While the customer signs, the server cannot be reached, from the page or from the worker.
  let workerMayPass = false;
  await context.route('**/api/v1/**', (route: Route) => (workerMayPass && route.request().serviceWorker() ? route.continue() : route.abort('connectionrefused')));
  cleanup(() => context.unrouteAll({ behavior: 'ignoreErrors' }));
  const record = await customerSignsNewOrder(page, 'Berta Background');
  await expect.poll(async () => (await tabletOutbox(page))[0]?.lastError?.code, { message: "the page's own try failed" }).toBe('unreachable');
  expect(serverRecord(dataDir, record.id)).toBeUndefined();

  // Only the service worker gets through now; the page's own triggers still cannot. The worker's
  // run keeps to the record's backoff (only "Sync now" and the network's return skip it), so the
  // browser fires the event once the record is due again (and again, should a page run fail between).
  workerMayPass = true;
  await expect(async () => {
    const wait = Date.parse((await tabletOutbox(page))[0]?.nextAttemptAt ?? '') - Date.now();
    if (wait > 0) await page.waitForTimeout(wait + 250);
    await browserFiresBackgroundSync(page);
    await expect.poll(() => serverRecord(dataDir, record.id)?.hash, { timeout: 5_000 }).toBe(record.hash);
  }, 'the record arrives on the server through the service worker').toPass({ timeout: 45_000 });
  await expect.poll(async () => (await syncRunsSeen(page)).filter((r) => r.reason === 'background' && r.status)).toContainEqual({ reason: 'background', status: 'ok', stored: 1 });
  await expect.poll(async () => JSON.stringify(await tabletOutbox(page)), { message: 'the tablet holds the receipt' }).toBe('[]');
});
