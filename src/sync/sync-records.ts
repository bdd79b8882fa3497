/**
 * The one sync run, for every trigger (start, online, timer, "Sync now", record saved, and the
 * service worker's sync event). A thin shell: shared/sync-plan.ts decides, this module reads and
 * writes through src/data and talks to /api/v1 with fetch. It runs in pages and in the service
 * worker, so it must not touch window or document.
 */
import { OrdersResponseSchema, ShopResponseSchema } from '../../shared/api';
import type { ShopConfig } from '../../shared/shop';
import {
  addCounts,
  dueEntries,
  fitBatch,
  heldBack,
  ignoresBackoff,
  interpretUpload,
  isRefusal,
  NO_COUNTS,
  outboxChanges,
  outcomeError,
  SYNC_BATCH_BYTES,
  SYNC_BATCH_RECORDS,
  type SyncCounts,
  type SyncError,
  type SyncReason,
  type SyncResult,
  type UploadOutcome,
} from '../../shared/sync-plan';
import * as v from 'valibot';
import { getDevice, markDeviceRevoked } from '../data/device-registration';
import { applyServerShop, syncServerOrders } from '../data/server-pull';
import { getShop } from '../data/shop';
import { getSyncState, recordSyncResult } from '../data/sync-state';
import { applyOutboxChanges, listOutbox, loadUploadRecords } from '../data/sync-queue';
import { callApi } from './api-client';
import { minimiseLocalRecords } from './minimise-local';
import { announceSync } from './sync-events';
import { withSyncLock } from './sync-lock';
import { uploadCounterEvents } from './sync-consent-events';

export interface SyncOptions {
  reason: SyncReason;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** For tests: the clock and the random source of the backoff jitter. */
  now?: () => Date;
  random?: () => number;
}

const UPLOAD_TIMEOUT_MS = 60_000;
/**
 * The slowest uplink a catch-up must still get through (ADSL upstream, a busy hotspot): each
 * upload's timeout grows with the bytes on the link before its answer can come, its own and those
 * of the upload still in flight beside it. A fixed minute let a full batch (8 MB of older records)
 * time out on every run on a 1 Mbit/s uplink, so a catch-up never got past its first batch.
 */
const SLOWEST_UPLINK_BYTES_PER_S = 64 * 1024;

function uploadTimeoutMs(bytesOnTheLink: number): number {
  return UPLOAD_TIMEOUT_MS + Math.ceil((bytesOnTheLink / SLOWEST_UPLINK_BYTES_PER_S) * 1000);
}
const PULL_TIMEOUT_MS = 20_000;
/** Uploads on their way at once during a catch-up: one is answered while the next one travels. */
const MAX_UPLOADS_IN_FLIGHT = 2;
/** A record the server asks to resend (rest of a refused batch) goes again at most this often per run. */
const MAX_RETRIES_PER_RUN = 3;

/**
 * Runs one sync. "Sync now", the network coming back and the browser's background sync wait for a
 * run already going (it may have started offline and fail); the timer and the app start skip.
 */
const WAITS_FOR_RUNNING: ReadonlySet<SyncOptions['reason']> = new Set(['manual', 'online', 'background']);

export async function syncNow(options: SyncOptions): Promise<SyncResult> {
  const now = options.now ?? (() => new Date());
  const startedAt = now().toISOString();
  const result = await withSyncLock(WAITS_FOR_RUNNING.has(options.reason) ? 'wait' : 'skip', () => runSync(options));
  return result ?? { ...emptyResult(options.reason, startedAt), status: 'skipped', finishedAt: now().toISOString() };
}

function emptyResult(reason: SyncReason, startedAt: string): Omit<SyncResult, 'status' | 'finishedAt'> {
  return { reason, counts: NO_COUNTS, ordersAdded: 0, shopUpdated: false, minimised: 0, error: null, nextAttemptAt: null, startedAt };
}

async function runSync(options: SyncOptions): Promise<SyncResult> {
  const now = options.now ?? (() => new Date());
  const base = emptyResult(options.reason, now().toISOString());
  const device = await getDevice();
  if (!device) return { ...base, status: 'not_enrolled', error: { code: 'not_enrolled', message: 'This tablet is not connected to a server.' }, finishedAt: now().toISOString() };
  // A revoked or refused tablet stops asking by itself; "Sync now" asks once more, for a fresh answer.
  const held = heldBack(options.reason, { revoked: Boolean(device.revokedAt), refused: (await getSyncState()).refused });
  if (held) return { ...base, status: held.code === 'device_revoked' ? 'revoked' : 'refused', error: held, finishedAt: now().toISOString() };
  announceSync({ type: 'started', reason: options.reason });

  const upload = await uploadOutbox({ ...options, now, token: device.token });
  let error = upload.stop;
  // Withdrawals and objections from the counter go in the same run, after the records.
  if (!error) error = (await uploadCounterEvents({ ...options, now, token: device.token })).stop;
  let ordersAdded = 0;
  let shopUpdated = false;
  let minimised = 0;
  if (!error) {
    const pulled = await pullFromServer({ token: device.token, signal: options.signal });
    ({ ordersAdded, shopUpdated } = pulled);
    error = pulled.error;
  }
  if (error?.code === 'device_revoked') await markDeviceRevoked(now().toISOString());
  // Also after a failed run: it needs only the receipts on this tablet (the triggers run it too).
  minimised = await minimiseLocalRecords({ now: now() });

  const result: SyncResult = {
    ...base,
    status: !error ? 'ok' : error.code === 'device_revoked' ? 'revoked' : 'failed',
    counts: upload.counts,
    ordersAdded,
    shopUpdated,
    minimised,
    error,
    // Refused or revoked, nothing is retried by itself: no retry time, so no trigger comes back early.
    nextAttemptAt: error && (isRefusal(error.code) || error.code === 'device_revoked') ? null : await earliestRetry(now()),
    finishedAt: now().toISOString(),
  };
  if (error?.code !== 'aborted') await recordSyncResult(result);
  announceSync({ type: 'finished', result });
  return result;
}

interface UploadRun extends SyncOptions {
  now: () => Date;
  token: string;
}

/** Sends every due outbox record in batches; each is marked only by the server's answer for it. */
async function uploadOutbox(o: UploadRun): Promise<{ counts: SyncCounts; stop: SyncError | null }> {
  const entries = await listOutbox();
  const byId = new Map(entries.map((e) => [e.recordId, e]));
  const queue = dueEntries(entries, { now: o.now(), ignoreBackoff: ignoresBackoff(o.reason) }).map((e) => e.recordId);
  const total = queue.length;
  const sent = new Set<string>();
  const retries = new Map<string, number>();
  let counts = NO_COUNTS;
  let done = 0;
  let batchSize = SYNC_BATCH_RECORDS;
  const progress = (n: number) => {
    done += n;
    o.onProgress?.(done, total);
    announceSync({ type: 'progress', done, total });
  };
  o.onProgress?.(0, total);

  // The next batch is read and serialised while the server works on one; it is used only if the
  // queue's head is still the same then (no retries put in front, the same batch size).
  let ahead: { ids: string[]; bodies: Promise<Array<Uint8Array | undefined>> } | null = null;
  const encoder = new TextEncoder();
  const serialise = (ids: string[]) => {
    const bodies = loadUploadRecords(ids).then((records) => records.map((r) => (r ? encoder.encode(JSON.stringify(r)) : undefined)));
    bodies.catch(() => undefined); // read again, and reported, if it is used
    return bodies;
  };
  const bodiesOf = (ids: string[]) => {
    const same = ahead !== null && ahead.ids.length === ids.length && ahead.ids.every((id, i) => id === ids[i]);
    const bodies = same ? ahead!.bodies : serialise(ids);
    ahead = null;
    return bodies;
  };

  // A batch's receipts are written while the next batches are on their way; they are awaited
  // before the next receipts and before the run ends. A batch sent again after a crash comes back
  // as duplicates, so nothing is lost or doubled if the tablet dies in between.
  let receipts: Promise<void> = Promise.resolve();
  // Up to two uploads in flight, so the server never waits for the tablet's next request; each
  // answer is still applied in the order sent, and only to its own batch.
  const inFlight: Array<{ batch: string[]; bytes: number; upload: Promise<UploadOutcome> }> = [];
  let stop: SyncError | null = null;

  /** Takes one answer: its receipts, its retries, its counts. */
  const settle = async (flight: { batch: string[]; upload: Promise<UploadOutcome> }) => {
    const decision = interpretUpload(flight.batch, await flight.upload);
    await receipts;
    receipts = applyOutboxChanges(outboxChanges(byId, decision.records, { now: o.now(), random: o.random ?? Math.random }));
    receipts.catch(() => undefined); // awaited, and reported, below
    counts = addCounts(counts, decision.records);
    const again: string[] = [];
    for (const d of decision.records) {
      if (d.action !== 'retry') continue;
      const tries = (retries.get(d.id) ?? 0) + 1;
      retries.set(d.id, tries);
      if (tries <= MAX_RETRIES_PER_RUN) again.push(d.id);
      else counts = { ...counts, retrying: counts.retrying + 1 };
    }
    queue.unshift(...again);
    if (decision.smallerBatches) batchSize = 1;
    progress(decision.stop ? 0 : flight.batch.length - again.length);
    stop ??= decision.stop;
  };

  while (!stop && (queue.length > 0 || inFlight.length > 0)) {
    if (o.signal?.aborted) {
      stop = { code: 'aborted', message: 'The sync was stopped.' };
      break;
    }
    // One at a time while looking for a record the server refuses.
    const room = batchSize === 1 ? 1 : MAX_UPLOADS_IN_FLIGHT;
    if (queue.length > 0 && inFlight.length < room) {
      const candidates = queue.slice(0, batchSize);
      const bodies = await bodiesOf(candidates);
      const missing = candidates.filter((_, i) => bodies[i] === undefined);
      if (missing.length > 0) {
        // An outbox entry without its record cannot be sent; staff see it among the rejected.
        await receipts;
        await applyOutboxChanges(missing.map((id) => ({ id, kind: 'update', patch: { state: 'rejected', lastError: { code: 'not_found', message: 'The record is missing on this tablet.' } } })));
        counts = { ...counts, rejected: counts.rejected + missing.length };
        const rest = queue.filter((id) => !missing.includes(id));
        queue.splice(0, queue.length, ...rest);
        progress(missing.length);
        continue;
      }
      const n = fitBatch((bodies as Uint8Array[]).map((b) => b.length), SYNC_BATCH_BYTES, batchSize);
      const batch = queue.splice(0, n);
      for (const id of batch) sent.add(id);
      const body = uploadBody(bodies.slice(0, n) as Uint8Array[]);
      const upload = callApi({
        method: 'POST',
        path: '/records',
        token: o.token,
        body,
        signal: o.signal,
        timeoutMs: uploadTimeoutMs(body.size + inFlight.reduce((sum, f) => sum + f.bytes, 0)),
      });
      inFlight.push({ batch, bytes: body.size, upload });
      if (queue.length > 0) ahead = { ids: queue.slice(0, batchSize), bodies: serialise(queue.slice(0, batchSize)) };
      continue;
    }
    await settle(inFlight.shift()!);
  }
  // What is still on its way is answered for too (stored, or kept for the next run).
  while (inFlight.length > 0) await settle(inFlight.shift()!);
  await receipts;
  return { counts: { ...counts, sent: sent.size }, stop };
}

/** {"records":[…]} around the records' UTF-8 JSON, as a Blob (see ApiCall.body). */
function uploadBody(records: readonly Uint8Array[]): Blob {
  const parts: BlobPart[] = ['{"records":['];
  records.forEach((record, i) => parts.push(...(i === 0 ? [] : [',']), record as Uint8Array<ArrayBuffer>));
  parts.push(']}');
  return new Blob(parts, { type: 'application/json' });
}

/** The server's open orders and the published shop. A server without a shop gets this tablet's. */
async function pullFromServer(o: { token: string; signal?: AbortSignal }): Promise<{ ordersAdded: number; shopUpdated: boolean; error: SyncError | null }> {
  let ordersAdded = 0;
  let shopUpdated = false;

  const orders = await callApi({ method: 'GET', path: '/orders', token: o.token, signal: o.signal, timeoutMs: PULL_TIMEOUT_MS });
  const ordersError = outcomeError(orders);
  if (ordersError) return { ordersAdded, shopUpdated, error: ordersError };
  const parsedOrders = v.safeParse(OrdersResponseSchema, (orders as { body: unknown }).body);
  if (!parsedOrders.success) return { ordersAdded, shopUpdated, error: { code: 'bad_response', message: 'The order list does not match the protocol.' } };
  ordersAdded = (await syncServerOrders(parsedOrders.output.orders)).added;

  const shop = await callApi({ method: 'GET', path: '/shop', token: o.token, signal: o.signal, timeoutMs: PULL_TIMEOUT_MS });
  const shopError = outcomeError(shop);
  if (shopError) return { ordersAdded, shopUpdated, error: shopError };
  const parsedShop = v.safeParse(ShopResponseSchema, (shop as { body: unknown }).body);
  if (!parsedShop.success) return { ordersAdded, shopUpdated, error: { code: 'bad_response', message: 'The shop does not match the protocol.' } };
  if (parsedShop.output.shop) {
    shopUpdated = await applyServerShop(parsedShop.output.shop);
  } else {
    const local = await getShop();
    if (local) {
      const error = await publishShop({ token: o.token, shop: local, signal: o.signal });
      if (error) return { ordersAdded, shopUpdated, error };
    }
  }
  return { ordersAdded, shopUpdated, error: null };
}

/** PUT /api/v1/shop: the first tablet's setup becomes the server's shop (only while it has none). */
export async function publishShop(o: { token: string; shop: ShopConfig; signal?: AbortSignal }): Promise<SyncError | null> {
  const outcome = await callApi({ method: 'PUT', path: '/shop', token: o.token, body: JSON.stringify(o.shop), signal: o.signal, timeoutMs: PULL_TIMEOUT_MS });
  const error = outcomeError(outcome);
  // Another tablet was quicker: its shop arrives with the next sync.
  return error?.code === 'conflict' ? null : error;
}

async function earliestRetry(now: Date): Promise<string | null> {
  const due = now.toISOString();
  const waiting = (await listOutbox()).filter((e) => e.state === 'pending').map((e) => e.nextAttemptAt);
  if (waiting.length === 0) return null;
  const earliest = waiting.reduce((a, b) => (a < b ? a : b));
  return earliest > due ? earliest : due;
}
