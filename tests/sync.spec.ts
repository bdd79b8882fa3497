/**
 * Close-of-day sync end to end: a real Chromium with the real service worker and IndexedDB, the
 * real server process, and its real SQLite file, read directly (read-only) to see what arrived.
 * Nothing is lost (offline, server down, reload mid-sync, revoked tablet), nothing is stored twice
 * (a batch delivered twice), and a record that comes back changed is kept aside as a conflict.
 */
import { expect, test, type Page, type Route } from '@playwright/test';
import { parseSignedRecord, sealRecord, type SignedRecord } from '../shared/record';
import { readStore, unlockAsStaff } from './support/actions';
import { BASE_URL, e2eDataDir } from './support/env';
import { closeOfDay, customerSignsNewOrder, enrolTablet, networkComesBack, networkGoesAway, moreSignedRecordsOnTablet, openCloseOfDay, ownerSetupSecret, ownPort, serverConflicts, serverDevice, serverRecord, serverRecords, syncIsRunning, syncNow, TABLET_SAYS, tabletDevice, tabletOutbox, tabletRecords, tabletSyncState, testCleanups, uploadAsTablet, waitingText } from './support/sync';
import { revokeDevice, setUpOwnerArea } from './support/owner-area';

const OWNER_PASSWORD = 'Theke-Passwort-2026';

// Each test signs, syncs and may restart a server: more than the default 30 s on a busy machine.
test.describe.configure({ timeout: 45_000 });

const { cleanup, ownServer } = testCleanups();

/** Every record id the tablet still waits to send or holds a receipt for; the outbox is read first, so none slips between the two reads. */
async function waitingOrAcknowledged(page: Page): Promise<string[]> {
  const waiting = (await tabletOutbox(page)).map((e) => e.recordId);
  const acknowledged = (await tabletRecords(page)).filter((r) => r.syncedAt).map((r) => r.id);
  return [...new Set([...waiting, ...acknowledged])].sort();
}

/** Every record row the tablet holds is acknowledged by the server, and nothing waits. */
async function expectAllSyncedOnTablet(page: Page, ids: readonly string[]) {
  await expect.poll(async () => JSON.stringify(await tabletOutbox(page)), { message: 'the outbox is empty' }).toBe('[]');
  const rows = await tabletRecords(page);
  for (const id of ids) {
    const row = rows.find((r) => r.id === id);
    expect(row?.record, `record ${id} is still whole on the tablet`).toBeDefined();
    expect(row?.syncedAt, `record ${id} carries its sync receipt`).toEqual(expect.any(String));
    expect(row?.receivedAt, `record ${id} carries the server's time of receipt`).toEqual(expect.any(String));
  }
}

test('a customer signs offline; when the network returns the record arrives on the server with the same hash', async ({ page }) => {
  const dataDir = e2eDataDir();
  const device = await enrolTablet(page, { name: 'Theke offline' });
  await unlockAsStaff(page);

  await networkGoesAway(page);
  const record = await customerSignsNewOrder(page, 'Olga Offline', { beforeSaving: () => networkGoesAway(page) });
  expect(parseSignedRecord(record).ok).toBe(true);
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);

  // Close of day: one record waits, and "Sync now" says in plain words why it cannot go yet.
  await openCloseOfDay(page);
  const card = closeOfDay(page);
  await expect(card).toContainText(waitingText(1));
  await expect(card).toContainText('Der älteste wartet seit weniger als einer Minute.');
  await expect.poll(() => syncIsRunning(page)).toBe(false);
  await syncNow(page);
  await expect(card.getByRole('alert')).toHaveText(TABLET_SAYS.offline);
  await expect(card).toContainText(waitingText(1));
  expect((await tabletOutbox(page)).map((e) => [e.recordId, e.state])).toEqual([[record.id, 'pending']]);
  expect(serverRecord(dataDir, record.id), 'nothing reached the server while offline').toBeUndefined();

  // The network returns. Nobody touches the tablet: its own triggers send the record.
  await expect.poll(() => syncIsRunning(page)).toBe(false);
  const back = new Date().toISOString();
  await networkComesBack(page);
  await expect.poll(() => serverRecord(dataDir, record.id)?.hash, { timeout: 15_000, message: 'the record arrives on the server' }).toBe(record.hash);

  const stored = serverRecord(dataDir, record.id)!;
  expect(stored.device_id).toBe(device.deviceId);
  expect(stored.received_at >= back, `received_at ${stored.received_at} is the time it arrived, after ${back}`).toBe(true);
  expect(Date.parse(stored.received_at)).toBeLessThanOrEqual(Date.now());
  expect(JSON.parse(stored.body)).toEqual(record);

  // The tablet marked it synced only with the server's receipt; close of day shows it.
  await expectAllSyncedOnTablet(page, [record.id]);
  const row = (await tabletRecords(page)).find((r) => r.id === record.id)!;
  expect(row.receivedAt).toBe(stored.received_at);
  expect(row.hash).toBe(stored.hash);
  await expect(card).toContainText(waitingText(0));
  await expect(card.getByRole('alert')).toHaveCount(0);
  const state = await tabletSyncState(page);
  expect(state?.lastSuccessAt && state.lastSuccessAt >= back).toBe(true);
  await expect(card).toContainText(/Letzte erfolgreiche Synchronisierung: \d{1,2}\.\d{1,2}\.\d{4}/);
});

test('the server is down during sync: plain words, nothing lost, and the record arrives once when it is back', async ({ page }, testInfo) => {
  const { server, restart } = await ownServer(ownPort(testInfo, 0), 'sync-down');
  const device = await enrolTablet(page, { url: server.url, name: 'Theke Serverausfall' });
  await unlockAsStaff(page);

  // The server goes down while the customer signs; the tablet stores the record all the same.
  const record = await customerSignsNewOrder(page, 'Doris Down', { beforeSaving: () => server.stop() });
  await openCloseOfDay(page);
  const card = closeOfDay(page);
  await syncNow(page);
  await expect(card.getByRole('alert')).toHaveText(TABLET_SAYS.unreachable);
  await expect(card).toContainText(waitingText(1));

  // Nothing is lost: the whole record and its outbox entry are in IndexedDB, with the failure noted.
  const [entry] = await tabletOutbox(page);
  expect(entry).toMatchObject({ recordId: record.id, state: 'pending', lastError: { code: 'unreachable' } });
  expect(entry!.attempts).toBeGreaterThanOrEqual(1);
  expect((await tabletRecords(page)).find((r) => r.id === record.id)?.record).toEqual(record);

  // The server comes back with the same data folder on the same port; the next sync delivers it.
  const again = await restart();
  expect(serverRecord(again.dataDir, record.id)).toBeUndefined();
  await syncNow(page);
  await expect(card).toContainText(waitingText(0));
  await expect(card.getByRole('alert')).toHaveCount(0);
  const rows = serverRecords(again.dataDir, [record.id]);
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ hash: record.hash, device_id: device.deviceId });
  await expectAllSyncedOnTablet(page, [record.id]);
});

test('the server is down during sync: when it is back, the tablet tries again by itself, with nobody touching it', async ({ page }, testInfo) => {
  // The backoff starts at 5 s (±50 %, shared/sync-plan.ts) and the page's timer comes back after
  // 10 s at the earliest (src/sync/auto-sync.ts): generous timeouts for a busy machine.
  test.setTimeout(120_000);
  const { server, restart } = await ownServer(ownPort(testInfo, 3), 'sync-down-auto');
  await enrolTablet(page, { url: server.url, name: 'Theke Wiederholung' });
  await unlockAsStaff(page);
  const record = await customerSignsNewOrder(page, 'Wanda Wiederholung', { beforeSaving: () => server.stop() });
  await expect.poll(async () => (await tabletOutbox(page))[0]?.lastError?.code, { timeout: 20_000, message: 'the try after saving failed' }).toBe('unreachable');

  const again = await restart();
  await expect.poll(() => serverRecord(again.dataDir, record.id)?.hash, { timeout: 90_000, intervals: [1_000], message: 'the record arrives without "Sync now"' }).toBe(record.hash);
  expect(serverRecords(again.dataDir, [record.id])).toHaveLength(1);
  await expectAllSyncedOnTablet(page, [record.id]);
});

test('a reload in the middle of a sync loses nothing and stores nothing twice', async ({ page, context }) => {
  const dataDir = e2eDataDir();
  await enrolTablet(page, { name: 'Theke Neuladen' });
  await unlockAsStaff(page);
  const first = await customerSignsNewOrder(page, 'Rita Reload');
  await expectAllSyncedOnTablet(page, [first.id]);

  // The first upload reaches the server and is stored there, but its answer never comes back.
  let uploads = 0;
  let delivered!: () => void;
  const firstDelivered = new Promise<void>((resolve) => (delivered = resolve));
  const firstBatch: string[] = [];
  await context.route('**/api/v1/records', async (route: Route) => {
    uploads += 1;
    if (uploads > 1) return route.continue();
    firstBatch.push(...(JSON.parse(route.request().postData() ?? '{}') as { records: SignedRecord[] }).records.map((r) => r.id));
    const response = await route.fetch();
    expect(response.status()).toBe(200);
    delivered();
    // No answer: the page reloads while it waits.
  });
  cleanup(() => context.unrouteAll({ behavior: 'ignoreErrors' }));

  const queued = await moreSignedRecordsOnTablet(page, first, 150);
  const ids = queued.map((r) => r.id);
  await openCloseOfDay(page);
  await expect(closeOfDay(page)).toContainText(waitingText(150));
  await page.getByRole('button', { name: 'Jetzt synchronisieren' }).click();
  // Whichever run carries it (this one, or a background sync it waits for), the upload is held.
  await firstDelivered;
  expect(firstBatch.length).toBeGreaterThan(1);
  expect(firstBatch.length).toBeLessThan(150);
  const firstStored = serverRecords(dataDir, firstBatch);
  expect(firstStored, 'the first batch is on the server').toHaveLength(firstBatch.length);
  expect((await tabletOutbox(page)).length, 'no answer for the first batch, so nothing is marked synced').toBe(150);

  const cutOff = page.waitForEvent('requestfailed', (r) => r.method() === 'POST' && r.url().endsWith('/api/v1/records'));
  await page.reload();
  await expect(page.getByRole('button', { name: 'Entsperren' })).toBeVisible();
  expect((await cutOff).failure()?.errorText, 'the reload cut the first upload off before its answer').toMatch(/ABORTED|cancel/i);
  // Each record is still waiting or acknowledged (the start's own sync may already be under way).
  expect(await waitingOrAcknowledged(page), 'nothing lost in the reload').toEqual([first.id, ...ids].sort());
  await openCloseOfDay(page);
  await syncNow(page);
  await expect(closeOfDay(page)).toContainText(waitingText(0));

  // Every record once on the server, with the tablet's hash; no conflicts; all acknowledged on the tablet.
  const rows = serverRecords(dataDir, [first.id, ...ids]);
  expect(rows.map((r) => r.id).sort()).toEqual([first.id, ...ids].sort());
  const hashes = new Map([first, ...queued].map((r) => [r.id, r.hash]));
  for (const row of rows) expect(row.hash).toBe(hashes.get(row.id));
  for (const id of firstBatch) expect(serverConflicts(dataDir, id)).toEqual([]);
  expect(serverRecords(dataDir, firstBatch), 'the first batch, sent again, was acknowledged, not stored again').toEqual(firstStored);
  await expectAllSyncedOnTablet(page, [first.id, ...ids]);
  expect(await tabletRecords(page)).toHaveLength(151);
});

test('a reload in the middle of a catch-up keeps the batches already acknowledged, and the rest follows once', async ({ page, context }) => {
  const dataDir = e2eDataDir();
  await enrolTablet(page, { name: 'Theke Aufholen' });
  await unlockAsStaff(page);
  const first = await customerSignsNewOrder(page, 'Karl Aufholer');
  await expectAllSyncedOnTablet(page, [first.id]);

  // Every upload after the first two reaches the server and is stored, but its answer is held back.
  let uploads = 0;
  let heldOne!: () => void;
  const held = new Promise<void>((resolve) => (heldOne = resolve));
  await context.route('**/api/v1/records', async (route: Route) => {
    uploads += 1;
    if (uploads <= 2) return route.continue();
    expect((await route.fetch()).status()).toBe(200);
    heldOne();
  });
  cleanup(() => context.unrouteAll({ behavior: 'ignoreErrors' }));

  const queued = await moreSignedRecordsOnTablet(page, first, 250);
  const ids = queued.map((r) => r.id);
  await openCloseOfDay(page);
  await page.getByRole('button', { name: 'Jetzt synchronisieren' }).click();
  await held;
  // The two answered batches are marked on the tablet before the page goes away.
  await expect.poll(async () => (await tabletOutbox(page)).length, { timeout: 15_000 }).toBeLessThanOrEqual(250 - 2 * 100);
  const marked = (await tabletRecords(page)).filter((r) => r.syncedAt).map((r) => r.id);

  await page.reload();
  await expect(page.getByRole('button', { name: 'Entsperren' })).toBeVisible();
  const afterReload = await tabletRecords(page);
  for (const id of marked) expect(afterReload.find((r) => r.id === id)?.syncedAt, `record ${id} keeps its receipt through the reload`).toEqual(expect.any(String));
  expect(await waitingOrAcknowledged(page), 'nothing lost in the reload').toEqual([first.id, ...ids].sort());

  await context.unrouteAll({ behavior: 'ignoreErrors' });
  await openCloseOfDay(page);
  await syncNow(page);
  await expect(closeOfDay(page)).toContainText(waitingText(0));
  const rows = serverRecords(dataDir, [first.id, ...ids]);
  expect(rows.map((r) => r.id).sort(), 'every record once on the server').toEqual([first.id, ...ids].sort());
  for (const id of ids) expect(serverConflicts(dataDir, id)).toEqual([]);
  await expectAllSyncedOnTablet(page, [first.id, ...ids]);
});

test('the same batch delivered twice is stored once and acknowledged as duplicate', async ({ page, context, request }) => {
  const dataDir = e2eDataDir();
  const device = await enrolTablet(page, { name: 'Theke doppelt' });
  await unlockAsStaff(page);
  const first = await customerSignsNewOrder(page, 'Dora Doppelt');
  await expectAllSyncedOnTablet(page, [first.id]);

  const bodies: string[] = [];
  await context.route('**/api/v1/records', async (route: Route) => {
    bodies.push(route.request().postData() ?? '');
    await route.continue();
  });
  cleanup(() => context.unrouteAll({ behavior: 'ignoreErrors' }));
  const more = await moreSignedRecordsOnTablet(page, first, 3);
  await openCloseOfDay(page);
  await syncNow(page);
  await expectAllSyncedOnTablet(page, more.map((r) => r.id));
  expect(bodies).toHaveLength(1);
  const batch = JSON.parse(bodies[0]!) as { records: SignedRecord[] };
  expect(batch.records.map((r) => r.id).sort()).toEqual(more.map((r) => r.id).sort());
  const before = serverRecords(dataDir, batch.records.map((r) => r.id));
  expect(before).toHaveLength(3);

  // The very same request again, with the tablet's token.
  const replay = await uploadAsTablet(request, BASE_URL, device.token, bodies[0]!);
  expect(replay.status).toBe(200);
  expect(replay.body.results).toEqual(batch.records.map((r) => ({ id: r.id, status: 'duplicate', receivedAt: before.find((b) => b.id === r.id)!.received_at })));
  expect(serverRecords(dataDir, batch.records.map((r) => r.id))).toEqual(before);
  for (const r of batch.records) expect(serverConflicts(dataDir, r.id)).toEqual([]);
});

test('a record that comes again under its id with another hash is a conflict: kept aside, never overwriting, shown to the owner', async ({ page, browser, request }, testInfo) => {
  const { server } = await ownServer(ownPort(testInfo, 1), 'sync-conflict');
  const device = await enrolTablet(page, { url: server.url, name: 'Theke Konflikt' });
  await unlockAsStaff(page);
  const original = await customerSignsNewOrder(page, 'Klara Konflikt');
  await expectAllSyncedOnTablet(page, [original.id]);
  const before = serverRecord(server.dataDir, original.id)!;
  expect(before.hash).toBe(original.hash);

  // Another version under the same id: valid and sealed, but a different city.
  const [row] = (await readStore<{ id: string; record: SignedRecord }>(page, 'records')).filter((r) => r.id === original.id);
  const { hash: _old, ...unsigned } = row!.record;
  const changed = sealRecord({ ...unsigned, customer: { ...unsigned.customer, city: 'Bonn' } });
  expect(parseSignedRecord(changed).ok).toBe(true);
  expect(changed.hash).not.toBe(original.hash);

  const answer = await uploadAsTablet(request, server.url, device.token, JSON.stringify({ records: [changed] }));
  expect(answer.status).toBe(200);
  expect(answer.body.results).toEqual([{ id: original.id, status: 'conflict', receivedAt: expect.any(String) }]);
  // Delivered again: acknowledged as the same conflict, kept once.
  const again = await uploadAsTablet(request, server.url, device.token, JSON.stringify({ records: [changed] }));
  expect(again.body.results).toEqual(answer.body.results);

  expect(serverRecord(server.dataDir, original.id), 'the stored record is unchanged').toEqual(before);
  const conflicts = serverConflicts(server.dataDir, original.id);
  expect(conflicts).toHaveLength(1);
  expect(conflicts[0]).toMatchObject({ hash: changed.hash, device_id: device.deviceId });
  expect((JSON.parse(conflicts[0]!.body) as SignedRecord).customer.city).toBe('Bonn');

  // The owner sees it, both hashes side by side.
  const owner = await browser.newPage();
  cleanup(() => owner.close());
  await setUpOwnerArea(owner, server.url, ownerSetupSecret(server), OWNER_PASSWORD);
  await expect(owner.getByRole('alert')).toHaveText('Es gibt Konflikte: Datensätze kamen mit gleicher ID, aber anderem Inhalt noch einmal an.');
  await owner.goto(`${server.url}/owner/conflicts`);
  const conflictRow = owner.getByRole('row').filter({ hasText: original.id });
  await expect(conflictRow).toHaveCount(1);
  await expect(conflictRow.getByRole('cell').nth(1)).toContainText(original.hash);
  await expect(conflictRow.getByRole('cell').nth(2)).toContainText(changed.hash);
  await expect(conflictRow).toContainText('Theke Konflikt');
});

test('a revoked tablet is refused: it says so in plain words, and its record stays on the tablet', async ({ page, browser, request }, testInfo) => {
  const { server } = await ownServer(ownPort(testInfo, 2), 'sync-revoked');
  const device = await enrolTablet(page, { url: server.url, name: 'Theke gesperrt' });

  const owner = await browser.newPage();
  cleanup(() => owner.close());
  await setUpOwnerArea(owner, server.url, ownerSetupSecret(server), OWNER_PASSWORD);
  await revokeDevice(owner, server.url, device);
  expect(serverDevice(server.dataDir, device.deviceId)?.revoked_at).toEqual(expect.any(String));

  const refusals: Array<{ status: number; body: string }> = [];
  page.on('response', async (response) => {
    if (response.request().method() === 'POST' && response.url().endsWith('/api/v1/records')) refusals.push({ status: response.status(), body: await response.text() });
  });
  await unlockAsStaff(page);
  const record = await customerSignsNewOrder(page, 'Rosa Revoked');
  await openCloseOfDay(page);
  await syncNow(page);
  const card = closeOfDay(page);
  await expect(card.getByRole('alert')).toContainText(TABLET_SAYS.revoked);
  await expect(card).toContainText(waitingText(1));
  expect((await tabletOutbox(page)).map((e) => [e.recordId, e.state])).toEqual([[record.id, 'pending']]);
  expect((await tabletRecords(page)).find((r) => r.id === record.id)?.record).toEqual(record);
  expect((await tabletDevice(page))?.revokedAt).toEqual(expect.any(String));
  expect(serverRecord(server.dataDir, record.id), 'nothing of it is stored on the server').toBeUndefined();
  expect(refusals.length, "the tablet's own upload was answered").toBeGreaterThanOrEqual(1);
  for (const refusal of refusals) {
    expect(refusal.status).toBe(403);
    expect(JSON.parse(refusal.body)).toMatchObject({ error: 'device_revoked' });
  }

  // The server's own answer to this tablet's upload.
  const refused = await uploadAsTablet(request, server.url, device.token, JSON.stringify({ records: [record] }));
  expect(refused.status).toBe(403);
  expect(refused.body).toMatchObject({ error: 'device_revoked', message: expect.stringContaining('Nothing on the tablet is lost') });
  expect(serverRecord(server.dataDir, record.id)).toBeUndefined();

  // The Status tab says it too, and offers to connect again.
  await page.getByRole('tab', { name: 'Status' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'vom Inhaber abgemeldet' })).toHaveText(TABLET_SAYS.revoked);
});
