/**
 * What people do around sync, as Playwright steps: staff enrol a tablet with the owner's code and
 * press "Jetzt synchronisieren" at close of day, a customer signs a new order, (the owner area's steps are in owner-area.ts). And what a tester
 * reads afterwards: the tablet's IndexedDB and the server's SQLite file (read-only, a connection
 * of its own), never the app's code.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, test, type APIRequestContext, type Page, type TestInfo } from '@playwright/test';
import { sealRecord, type SignedRecord } from '../../shared/record';
import type { OutboxRow, RecordRow } from '../../src/data/db';
import { ANNA, confirmAndSave, createOrder, goToStep, handTabletBack, handTabletToCustomer, readStore, unlockAsStaff, waitForServiceWorker } from './actions';
import { customerSigns } from './kiosk-checks';
import { DEMO_ENROL_CODE, portAbove } from './env';
import { startServer, type TestServer } from './server';

export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

// ---------------------------------------------------------------------------------------------
// Servers of a test's own
// ---------------------------------------------------------------------------------------------

/**
 * A port of this test's own, above E2E_PORT + 20 (the update test's), apart for each worker
 * running at the same time (repeats of one test may run in two workers at once).
 */
export function ownPort(testInfo: TestInfo, offset: number): number {
  if (offset < 0 || offset >= 20) throw new Error(`ownPort: offset ${offset} is outside 0–19`);
  return portAbove(30 + testInfo.parallelIndex * 20 + offset);
}

/** A fresh data folder for a server of the test's own; removed by the returned function. */
export function freshDataDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `countersign-${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface ShopServer extends TestServer {
  dataDir: string;
}

/** The real server process on its own port and data folder, serving the build under test. */
export async function startShopServer(options: { port: number; dataDir: string; env?: Record<string, string> }): Promise<ShopServer> {
  const server = await startServer({ ...options, distDir: process.env.COUNTERSIGN_DIST_DIR, env: { PUBLIC_URL: '', TLS_CERT: '', TLS_KEY: '', ...options.env } });
  return { ...server, dataDir: options.dataDir };
}

/**
 * For a spec whose tests start things of their own (servers, data folders, pages, SMTP servers):
 * what each test hands to cleanup() is undone after it, newest first, whatever happened. Call it
 * once at the top of the spec.
 */
export function testCleanups() {
  let cleanups: Array<() => Promise<void> | void> = [];
  test.afterEach(async () => {
    for (const undo of cleanups.reverse()) await undo();
    cleanups = [];
  });
  const cleanup = (undo: () => Promise<void> | void) => void cleanups.push(undo);
  return {
    cleanup,
    /** The real server on its own port and a fresh data folder, both gone after the test; restart() starts it again on the same data. */
    async ownServer(port: number, prefix: string, env?: Record<string, string>): Promise<{ server: ShopServer; restart: () => Promise<ShopServer> }> {
      const data = freshDataDir(prefix);
      let server = await startShopServer({ port, dataDir: data.dir, env });
      cleanup(async () => {
        await server.stop();
        data.remove();
      });
      return { server, restart: async () => (server = await startShopServer({ port, dataDir: data.dir, env })) };
    },
  };
}

/** The one-time owner set-up secret the server printed at start ("set-up secret XXXX-XXXX-XXXX"). */
export function ownerSetupSecret(server: ShopServer): string {
  const match = /set-up secret (\S+)/.exec(server.output());
  if (!match) throw new Error(`the server printed no set-up secret:\n${server.output()}`);
  return match[1]!;
}

// ---------------------------------------------------------------------------------------------
// The server's SQLite file, read-only
// ---------------------------------------------------------------------------------------------

export interface ServerRecordRow {
  id: string;
  hash: string;
  device_id: string;
  received_at: string;
  signed_at: string;
  order_id: string;
  body: string;
}

export interface ServerConflictRow {
  record_id: string;
  hash: string;
  device_id: string;
  received_at: string;
  body: string;
}

export interface ServerDeviceRow {
  id: string;
  name: string;
  enrolled_at: string;
  last_seen_at: string | null;
  revoked_at: string | null;
}

/** Runs one read against the server's database file through a read-only connection of its own. */
export function readServerDatabase<T>(dataDir: string, read: (db: Database.Database) => T): T {
  const db = new Database(join(dataDir, 'countersign.sqlite'), { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    return read(db);
  } finally {
    db.close();
  }
}

/** Every row the server keeps for these record ids (so a record stored twice shows up twice). */
export function serverRecords(dataDir: string, ids: readonly string[]): ServerRecordRow[] {
  if (ids.length === 0) return [];
  return readServerDatabase(dataDir, (db) =>
    db.prepare(`SELECT * FROM records WHERE id IN (${ids.map(() => '?').join(',')}) ORDER BY id`).all(...ids) as ServerRecordRow[],
  );
}

export function serverRecord(dataDir: string, id: string): ServerRecordRow | undefined {
  return serverRecords(dataDir, [id])[0];
}

export function serverConflicts(dataDir: string, recordId: string): ServerConflictRow[] {
  return readServerDatabase(dataDir, (db) => db.prepare('SELECT * FROM record_conflicts WHERE record_id = ? ORDER BY id').all(recordId) as ServerConflictRow[]);
}

export function serverDevice(dataDir: string, deviceId: string): ServerDeviceRow | undefined {
  return readServerDatabase(dataDir, (db) => db.prepare('SELECT id, name, enrolled_at, last_seen_at, revoked_at FROM devices WHERE id = ?').get(deviceId) as ServerDeviceRow | undefined);
}

export function countServerRows(dataDir: string, table: 'records' | 'record_conflicts' | 'enrolment_codes' | 'devices' | 'text_versions'): number {
  return readServerDatabase(dataDir, (db) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n);
}

/** The published versions of one text (notice, letter, …), oldest first. */
export function serverTextVersions(dataDir: string, kind: string): Array<{ version: number; de: string }> {
  return readServerDatabase(dataDir, (db) => db.prepare('SELECT version, de FROM text_versions WHERE kind = ? ORDER BY version').all(kind) as Array<{ version: number; de: string }>);
}

// ---------------------------------------------------------------------------------------------
// The tablet
// ---------------------------------------------------------------------------------------------

export interface TabletDevice {
  deviceId: string;
  token: string;
  name: string;
  enrolledAt: string;
  revokedAt?: string;
}

// The tablet's rows, typed as the app stores them; read here without the app's code.
export type TabletRecordRow = RecordRow;
export type TabletOutboxRow = OutboxRow;

/** Staff connect a new tablet at first start with the owner's code; it ends at the lock screen, under its service worker. */
export async function enrolTablet(page: Page, options: { url?: string; code?: string; name?: string } = {}): Promise<TabletDevice> {
  await page.goto(options.url ?? '/');
  await page.getByLabel('Verbindungscode').fill(options.code ?? DEMO_ENROL_CODE);
  await page.getByLabel('Name dieses Tablets').fill(options.name ?? 'Tablet Theke 1');
  await page.getByRole('button', { name: 'Verbinden' }).click();
  await expect(page.getByRole('button', { name: 'Entsperren' })).toBeVisible({ timeout: 10_000 });
  await waitForServiceWorker(page);
  const device = await tabletDevice(page);
  expect(device, 'the tablet keeps its device token after enrolling').toBeDefined();
  return device!;
}

/** The tablet's enrolment as stored in IndexedDB (settings 'device'). */
export async function tabletDevice(page: Page): Promise<TabletDevice | undefined> {
  const rows = await readStore<{ key: string; value: unknown }>(page, 'settings');
  return rows.find((r) => r.key === 'device')?.value as TabletDevice | undefined;
}

/** The tablet's records, each with its sync receipt (kept in 'receipts' until the record is minimised). */
export async function tabletRecords(page: Page): Promise<TabletRecordRow[]> {
  const [rows, receipts] = [await readStore<TabletRecordRow>(page, 'records'), await readStore<{ id: string; syncedAt: string; receivedAt: string }>(page, 'receipts')];
  const byId = new Map(receipts.map((r) => [r.id, r]));
  return rows.map((row) => {
    const receipt = byId.get(row.id);
    return receipt ? { ...row, syncedAt: receipt.syncedAt, receivedAt: receipt.receivedAt } : row;
  });
}

export async function tabletOutbox(page: Page): Promise<TabletOutboxRow[]> {
  return readStore<TabletOutboxRow>(page, 'outbox');
}

export async function tabletSyncState(page: Page): Promise<{ lastSuccessAt: string | null; lastAttemptAt: string | null; lastError: { code: string } | null } | undefined> {
  const rows = await readStore<{ key: string; value: unknown }>(page, 'settings');
  return rows.find((r) => r.key === 'syncState')?.value as never;
}

/**
 * Staff (unlocked) type a new order for a customer of this name, the customer reads, signs and
 * confirms, and hands the tablet back (lock screen). Returns the record as the tablet stored it.
 */
export async function customerSignsNewOrder(
  page: Page,
  name: string,
  options: { whileReadingNotice?: () => Promise<void>; beforeSaving?: () => Promise<void> } = {},
): Promise<SignedRecord> {
  await createOrder(page, { ...ANNA, name });
  await handTabletToCustomer(page, name);
  await goToStep(page, 'notice');
  await options.whileReadingNotice?.();
  await goToStep(page, 'signature');
  await customerSigns(page);
  await page.getByRole('button', { name: 'Weiter' }).click();
  await expect(page.getByTestId('kiosk')).toHaveAttribute('data-step', 'confirm');
  await options.beforeSaving?.();
  await confirmAndSave(page);
  await handTabletBack(page);
  const row = (await tabletRecords(page)).find((r) => r.record?.customer.name === name);
  expect(row?.record, `the tablet holds the record of ${name}`).toBeDefined();
  return row!.record!;
}

/** Staff unlock and open the "Tagesabschluss" tab. */
export async function openCloseOfDay(page: Page): Promise<void> {
  if (await page.getByRole('button', { name: 'Entsperren' }).isVisible()) await unlockAsStaff(page);
  await page.getByRole('tab', { name: /Tagesabschluss/ }).click();
  await expect(page.getByRole('heading', { name: 'Tagesabschluss', level: 2 })).toBeVisible();
}

/** The close-of-day card with the waiting count, the last sync, the button and the result. */
export function closeOfDay(page: Page) {
  return page.locator('section.card').filter({ has: page.getByRole('heading', { name: 'Warten auf Übertragung' }) });
}

/** On the close-of-day tab: "Jetzt synchronisieren", then wait until this run has finished. */
export async function syncNow(page: Page): Promise<void> {
  const before = await page.evaluate(() => new Date().toISOString());
  const button = page.getByRole('button', { name: 'Jetzt synchronisieren' });
  await button.click();
  await expect.poll(async () => ((await tabletSyncState(page))?.lastAttemptAt ?? '') >= before, { timeout: 20_000 }).toBe(true);
  await expect(button).toBeEnabled({ timeout: 20_000 });
}

/** What close of day says waits: "1 Datensatz wartet …", "3 Datensätze warten …" or "Nichts wartet …". */
export function waitingText(count: number): string {
  if (count === 0) return 'Nichts wartet. Alle Datensätze sind übertragen.';
  return count === 1 ? '1 Datensatz wartet auf die Übertragung zum Server.' : `${count} Datensätze warten auf die Übertragung zum Server.`;
}

/** Whether a sync run holds the sync lock right now (in the page or in the service worker). */
export async function syncIsRunning(page: Page): Promise<boolean> {
  return page.evaluate(async () => ((await navigator.locks.query()).held ?? []).some((lock) => lock.name === 'countersign-sync'));
}

/**
 * The tablet loses its network (Playwright's offline emulation), and the page knows it
 * (navigator.onLine false). Call it again after a signature: signOnPad's DevTools session, when it
 * detaches, resets the page's navigator.onLine to true while requests still fail; going online
 * and offline again restores it.
 */
export async function networkGoesAway(page: Page): Promise<void> {
  const context = page.context();
  if (!(await page.evaluate(() => navigator.onLine))) return;
  await context.setOffline(false);
  await context.setOffline(true);
  await expect.poll(() => page.evaluate(() => navigator.onLine)).toBe(false);
}

export async function networkComesBack(page: Page): Promise<void> {
  await page.context().setOffline(false);
  await expect.poll(() => page.evaluate(() => navigator.onLine)).toBe(true);
}

/** Plain words the tablet shows (src/i18n/de.ts). */
export const TABLET_SAYS = {
  offline: 'Keine Netzverbindung. Die Datensätze bleiben auf dem Tablet und werden gesendet, sobald das Netz wieder da ist.',
  unreachable: 'Der Shop-Server ist nicht erreichbar. Die Datensätze bleiben auf dem Tablet; es wird später erneut versucht.',
  revoked: 'Dieses Tablet wurde vom Inhaber abgemeldet. Der Server nimmt keine Datensätze mehr an. Die Datensätze bleiben auf dem Tablet; bitte unter „Status“ mit einem neuen Code neu verbinden.',
};

/**
 * More signed records on the tablet, as the kiosk would have saved them: copies of `template`
 * under new ids (and new signing times), each sealed again, written with its outbox entry in one
 * IndexedDB transaction, exactly the rows src/data/records.ts writes. Returns the new records.
 */
export async function moreSignedRecordsOnTablet(page: Page, template: SignedRecord, count: number): Promise<SignedRecord[]> {
  const base = Date.parse(template.signedAt);
  const records = Array.from({ length: count }, (_, i) => {
    const { hash: _hash, ...unsigned } = template;
    return sealRecord({ ...unsigned, id: randomUUID(), signedAt: new Date(base + (i + 1) * 1000).toISOString() });
  });
  await page.evaluate(
    (list) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('countersign');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['records', 'outbox'], 'readwrite');
          const now = new Date().toISOString();
          for (const record of list) {
            tx.objectStore('records').add({ id: record.id, signedAt: record.signedAt, orderId: record.order.id, orderNumber: record.order.number, hash: record.hash, record });
            tx.objectStore('outbox').add({ recordId: record.id, queuedAt: now, attempts: 0, state: 'pending', nextAttemptAt: now });
          }
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    records,
  );
  return records;
}

/** A client of the sync API with this tablet's token, as the tablet sends it. */
export async function uploadAsTablet(request: APIRequestContext, url: string, token: string, body: string) {
  const response = await request.post(`${url}/api/v1/records`, { headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, data: body });
  return { status: response.status(), body: (await response.json()) as { results?: Array<{ id: string; status: string; receivedAt: string }>; error?: string; message?: string } };
}
