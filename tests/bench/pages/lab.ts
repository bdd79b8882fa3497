/**
 * The benchmark's lab page: the app's own modules (data layer, save path, PDF receipt), on the
 * app's origin and database, driven by tests/bench/ through `window.lab`. Each function does one
 * measured piece of work and the same work done by its bare floor, and returns plain numbers.
 */
import { canonicalJson } from '../../../shared/canonical';
import { recordHash, type SignedRecord } from '../../../shared/record';
import { db, type OutboxRow, type RecordRow } from '../../../src/data/db';
import type { KioskSession } from '../../../src/data/kiosk-session';
import type { LabApi, RawPutRuns, SaveRuns, ScaleSeed, SyncRun } from '../lab-api';
import { getRecord } from '../../../src/data/records';
import { getShop } from '../../../src/data/shop';
import { signAndSaveRecord } from '../../../src/kiosk/save-record';
import { enrolTablet } from '../../../src/enrol/enrol-device';
import { requestSync } from '../../../src/sync/request-sync';
import { applyOutboxChanges, listOutbox, loadUploadRecords } from '../../../src/data/sync-queue';
import { getDevice } from '../../../src/data/device-registration';
import { callApi } from '../../../src/sync/api-client';

const FLOOR_DB = 'bench-floor';
/** The Web Lock every sync run holds (src/sync/sync-lock.ts). */
const SYNC_LOCK = 'countersign-sync';

/** n open orders like the given one, each to be signed once. */
async function addOrders(n: number, like: string, prefix: string): Promise<string[]> {
  const template = await db.orders.get(like);
  if (!template) throw new Error(`no order ${like} to copy`);
  const rows = Array.from({ length: n }, (_, i) => {
    const id = `${prefix}-${i}`;
    const pending = structuredClone(template.pending);
    pending.order.id = id;
    pending.order.number = `${prefix.toUpperCase()}-${String(i).padStart(6, '0')}`;
    return { id, status: 'open' as const, createdAt: pending.createdAt, pending };
  });
  await db.orders.bulkPut(rows);
  return rows.map((r) => r.id);
}

/**
 * The save figure: the app's confirm path (signAndSaveRecord) once per order; ms per save. Each
 * save gets the kiosk's own draft from its confirm step, for a fresh order of the same customer.
 */
async function saveRuns(options: { n: number; session: KioskSession }): Promise<SaveRuns> {
  const shop = await getShop();
  if (!shop) throw new Error('no shop: seed the demo shop first');
  const orderIds = await addOrders(options.n, options.session.orderId, `save${Date.now().toString(36)}`);
  const usageBefore = await usage();
  const times: number[] = [];
  const recordIds: string[] = [];
  for (const orderId of orderIds) {
    const session: KioskSession = { ...options.session, orderId, startedAt: new Date().toISOString() };
    await idle();
    const t0 = performance.now();
    const result = await signAndSaveRecord({ shop, session });
    times.push(performance.now() - t0);
    if (!result.ok) throw new Error(`save failed: ${result.message}`);
    recordIds.push(result.recordId);
  }
  await idle();
  return { times, recordIds, usageBefore, usageAfter: await usage() };
}

/** The save floor: one raw IndexedDB put of the same record per transaction, awaited until committed. */
async function rawPutRuns(options: { n: number; recordId: string }): Promise<RawPutRuns> {
  const record = await getRecord(options.recordId);
  if (!record) throw new Error(`no record ${options.recordId}`);
  const floor = await openFloorDb();
  // The same promise as the app's transactions: "committed" means as durable as the app asks for.
  const durability = (db as unknown as { _options?: { chromeTransactionDurability?: IDBTransactionDurability } })._options?.chromeTransactionDurability ?? 'default';
  const usageBefore = await usage();
  const times: number[] = [];
  for (let i = 0; i < options.n; i++) {
    const row = { ...record, id: `floor-${Date.now().toString(36)}-${i}` };
    await idle();
    const t0 = performance.now();
    await new Promise<void>((resolve, reject) => {
      const tx = floor.transaction('records', 'readwrite', { durability });
      tx.objectStore('records').put(row);
      tx.oncomplete = () => resolve();
      tx.onerror = tx.onabort = () => reject(tx.error);
    });
    times.push(performance.now() - t0);
  }
  await idle();
  const usageAfter = await usage();
  floor.close();
  return { times, usageBefore, usageAfter };
}

function openFloorDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(FLOOR_DB, 1);
    open.onupgradeneeded = () => open.result.createObjectStore('records', { keyPath: 'id' });
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
}

/** The PDF figure: the app's receipt module, loaded lazily as the staff screen loads it; ms. */
async function receiptRun(recordId: string): Promise<number> {
  const record = await getRecord(recordId);
  const shop = await getShop();
  if (!record || !shop) throw new Error(`no record ${recordId}`);
  await idle();
  const t0 = performance.now();
  const { makeReceiptBlob } = await import('../../../src/pdf/receipt-pdf');
  const blob = await makeReceiptBlob({ record, shop, language: record.language });
  const ms = performance.now() - t0;
  if (blob.size < 1000) throw new Error('the receipt is empty');
  return ms;
}

/** The PDF floor: bare jsPDF, lazily loaded too, putting the same signature image on one A4 page. */
async function bareJsPdfRun(recordId: string): Promise<number> {
  const record: SignedRecord | undefined = await getRecord(recordId);
  if (!record) throw new Error(`no record ${recordId}`);
  await idle();
  const t0 = performance.now();
  const { jsPDF } = await import('jspdf');
  const doc = new jsPDF({ unit: 'mm', format: 'a4', compress: true });
  doc.text(record.order.number, 18, 20);
  doc.addImage(record.signature.png, 'PNG', 18, 30, 120, 40, undefined, 'FAST');
  const bytes = doc.output('arraybuffer');
  const ms = performance.now() - t0;
  if (bytes.byteLength < 1000) throw new Error('the bare PDF is empty');
  return ms;
}

/** Enrols this tablet with the server, as staff do with the owner's code. */
async function enrol(code: string): Promise<void> {
  const outcome = await enrolTablet({ code, deviceName: 'Bench tablet' });
  if (!outcome.ok) throw new Error(`enrolment failed: ${outcome.error.code} ${outcome.error.message}`);
}

/** Waits until no sync runs (in any page or the service worker) and none waits to run. */
async function waitForSyncIdle(pollMs = 200): Promise<void> {
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
    const { held = [], pending = [] } = await navigator.locks.query();
    if (![...held, ...pending].some((lock) => lock.name === SYNC_LOCK)) return;
    await new Promise((r) => setTimeout(r, pollMs));
  }
  throw new Error('a sync is still running after 60 s');
}

/** Empties the records and the outbox, so the next figure starts from its own data. */
async function clearRecords(): Promise<void> {
  await db.transaction('rw', db.records, db.outbox, async () => {
    await db.records.clear();
    await db.outbox.clear();
  });
}

/**
 * n copies of a stored record under new ids, each sealed again, with its outbox entry: the rows
 * src/data/records.ts writes. The canonical form is made once with a placeholder id of the same
 * length and hashed per copy with WebCrypto; the first copy is checked against recordHash.
 */
async function copiesOf(template: SignedRecord, n: number, tag: string, offset = 0): Promise<SignedRecord[]> {
  const { hash: _hash, ...unsigned } = template;
  const width = 36;
  const placeholder = 'X'.repeat(width);
  const canonical = canonicalJson({ ...unsigned, id: placeholder });
  const [before, after] = [canonical.slice(0, canonical.indexOf(placeholder)), canonical.slice(canonical.indexOf(placeholder) + width)];
  if (after.includes(placeholder)) throw new Error('the placeholder id occurs twice');
  const encoder = new TextEncoder();
  const records: SignedRecord[] = [];
  for (let i = 0; i < n; i++) {
    const id = copyId(tag, offset + i);
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(before + id + after)));
    const hash = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
    records.push({ ...unsigned, id, hash });
  }
  if (records[0] && recordHash(records[0]) !== records[0].hash) throw new Error('copiesOf: the hash of a copy is wrong');
  return records;
}

/** A stored record, whole, to copy from after the records are cleared. */
async function readRecord(recordId: string): Promise<SignedRecord> {
  const record = await getRecord(recordId);
  if (!record) throw new Error(`no record ${recordId}`);
  return record;
}

/** Record ids are UUIDs: `tag` (8 hex digits) names the set, the last group counts. */
function copyId(tag: string, n: number): string {
  return `${tag}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

/** n records waiting in the outbox, copies of the template; their ids start with `tag`-. */
async function seedOutbox(options: { n: number; template: SignedRecord; tag: string }): Promise<void> {
  const { template } = options;
  const now = new Date().toISOString();
  for (let done = 0; done < options.n; done += 500) {
    const records = await copiesOf(template, Math.min(500, options.n - done), options.tag, done);
    await db.transaction('rw', db.records, db.outbox, async () => {
      await db.records.bulkAdd(records.map((r) => ({ id: r.id, signedAt: r.signedAt, orderId: r.order.id, orderNumber: r.order.number, hash: r.hash, record: r })));
      await db.outbox.bulkAdd(records.map((r) => ({ recordId: r.id, queuedAt: now, attempts: 0, state: 'pending' as const, nextAttemptAt: now })));
    });
  }
}

/** The figure: the app's sync engine, as "Jetzt synchronisieren" starts it; ms and what it did. */
async function syncRun(): Promise<SyncRun> {
  await idle();
  const t0 = performance.now();
  const result = await requestSync({ reason: 'manual' });
  const ms = performance.now() - t0;
  const problem = result.counts.rejected + result.counts.conflict > 0 ? (await db.outbox.where('state').anyOf('rejected', 'conflict').first())?.lastError : undefined;
  return { ms, status: result.status, stored: result.counts.stored, sent: result.counts.sent, error: result.error?.message ?? (problem ? `${problem.code}: ${problem.message}` : null) };
}

/**
 * A tablet after years of use: `days` days of `perDay` records, the newest signed today. Older
 * than `completeDays` they are synced and minimised (id, hash, order number, receipt); newer ones
 * keep the whole record (copies of a stored one); today's still wait in the outbox.
 */
async function seedScale(options: { template: SignedRecord; days: number; perDay: number; completeDays: number }): Promise<ScaleSeed> {
  const { template } = options;
  const now = Date.now();
  const midnight = new Date(new Date().setHours(0, 0, 0, 0)).getTime();
  const today = Math.min(options.perDay, Math.max(1, Math.floor((now - midnight) / 60_000)));
  const complete = await copiesOf(template, options.completeDays * options.perDay, 'c0000000');
  let written = 0;
  let waiting = 0;
  for (let day = 0; day < options.days; day++) {
    const rows: RecordRow[] = [];
    const outbox: OutboxRow[] = [];
    const n = day === 0 ? today : options.perDay;
    for (let i = 0; i < n; i++) {
      // Today's records lie between midnight and now, older days' over their working hours.
      const at = day === 0 ? midnight + ((i + 1) * (now - midnight)) / (n + 1) : midnight - day * 86_400_000 + 8 * 3_600_000 + i * 300_000;
      const signedAt = new Date(at).toISOString();
      const synced = day > 0;
      const record = day < options.completeDays ? complete.pop() : undefined;
      const id = record?.id ?? copyId('d0000000', day * options.perDay + i);
      rows.push({
        id,
        signedAt,
        orderId: `order-${day}-${i}`,
        orderNumber: `${day}-${i}`,
        hash: record?.hash ?? template.hash,
        ...(record ? { record: { ...record, signedAt } } : { minimisedAt: new Date(at + 8 * 86_400_000).toISOString() }),
        ...(synced ? { syncedAt: new Date(at + 3_600_000).toISOString(), receivedAt: new Date(at + 3_600_000).toISOString() } : {}),
      });
      if (!synced) outbox.push({ recordId: id, queuedAt: signedAt, attempts: 0, state: 'pending', nextAttemptAt: new Date(now + 86_400_000).toISOString() });
    }
    await db.transaction('rw', db.records, db.outbox, async () => {
      await db.records.bulkAdd(rows);
      await db.outbox.bulkAdd(outbox);
    });
    written += rows.length;
    waiting += outbox.length;
  }
  return { records: written, today, waiting };
}

/** The list's floor: a raw IndexedDB read of the newest `limit` records signed today, by index. */
async function rawTodayQuery(limit: number): Promise<{ ms: number; rows: number }> {
  const from = new Date(new Date().setHours(0, 0, 0, 0)).toISOString();
  const idb = await openAppDb();
  await idle();
  const t0 = performance.now();
  const rows = await new Promise<number>((resolve, reject) => {
    let n = 0;
    const request = idb.transaction('records').objectStore('records').index('signedAt').openCursor(IDBKeyRange.lowerBound(from), 'prev');
    request.onsuccess = () => {
      const cursor = request.result;
      if (!cursor || n >= limit) return resolve(n);
      n++;
      cursor.continue();
    };
    request.onerror = () => reject(request.error);
  });
  const ms = performance.now() - t0;
  idb.close();
  return { ms, rows };
}

/** The counts' floor: raw IndexedDB counts of the outbox, all and by state, by index. */
async function rawOutboxCounts(): Promise<{ ms: number; waiting: number }> {
  const idb = await openAppDb();
  await idle();
  const t0 = performance.now();
  const tx = idb.transaction('outbox');
  const store = tx.objectStore('outbox');
  const count = (request: IDBRequest<number>) => new Promise<number>((resolve, reject) => ((request.onsuccess = () => resolve(request.result)), (request.onerror = () => reject(request.error))));
  const [waiting] = await Promise.all([
    count(store.count()),
    ...(['pending', 'conflict', 'rejected'] as const).map((state) => count(store.index('state').count(state))),
  ]);
  const ms = performance.now() - t0;
  idb.close();
  return { ms, waiting: waiting! };
}

function openAppDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('countersign');
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
}

async function usage(): Promise<number> {
  return (await navigator.storage.estimate()).usage ?? 0;
}

/**
 * Lets the work a previous run left behind settle first, as between two customers: above all the
 * sync that every save starts in the background (in this page and in the service worker).
 */
async function idle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 50));
  await waitForSyncIdle(20);
}

/**
 * For finding where a sync's time goes: the engine's stages one after another (no overlap), for
 * every waiting record in batches of `batch`; ms per stage in all.
 */
async function syncStages(options: { batch: number; upTo?: 'read' | 'upload' | 'ack'; as?: 'string' | 'bytes' | 'blob' }): Promise<Record<string, number>> {
  const device = await getDevice();
  if (!device) throw new Error('not enrolled');
  const ms: Record<string, number> = { list: 0, read: 0, serialise: 0, upload: 0, ack: 0, records: 0, bytes: 0 };
  let t = performance.now();
  const ids = (await listOutbox()).map((e) => e.recordId);
  ms.list = performance.now() - t;
  for (let i = 0; i < ids.length; i += options.batch) {
    const batch = ids.slice(i, i + options.batch);
    t = performance.now();
    const records = await loadUploadRecords(batch);
    ms.read! += performance.now() - t;
    t = performance.now();
    const text = `{"records":[${records.map((r) => JSON.stringify(r)).join(',')}]}`;
    const bytes = new TextEncoder().encode(text);
    ms.bytes! += bytes.length;
    const body = (options.as === 'bytes' ? bytes : options.as === 'blob' ? new Blob([bytes], { type: 'application/json' }) : text) as string;
    ms.serialise! += performance.now() - t;
    if (options.upTo === 'read') continue;
    t = performance.now();
    const outcome = await callApi({ method: 'POST', path: '/records', token: device.token, body, timeoutMs: 60_000 });
    ms.upload! += performance.now() - t;
    if (outcome.kind !== 'response' || outcome.status !== 200) throw new Error(`upload: ${JSON.stringify(outcome).slice(0, 300)}`);
    const receivedAt = new Date().toISOString();
    if (options.upTo === 'upload') continue;
    t = performance.now();
    await applyOutboxChanges(batch.map((id) => ({ id, kind: 'synced' as const, syncedAt: receivedAt, receivedAt })));
    ms.ack! += performance.now() - t;
    ms.records! += batch.length;
  }
  return ms;
}

const lab: LabApi = { syncStages, saveRuns, rawPutRuns, receiptRun, bareJsPdfRun, enrol, readRecord, waitForSyncIdle: () => waitForSyncIdle(), clearRecords, seedOutbox, syncRun, seedScale, rawTodayQuery, rawOutboxCounts, usage };
Object.assign(window, { lab });
document.body.dataset.ready = '1';
