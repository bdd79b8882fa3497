/**
 * Uploads the counter events (withdrawals, objections) waiting on this tablet to
 * POST /api/v1/consent-events, in batches, with the device token. Part of the one sync run
 * (sync-records.ts calls it after the records, inside the same lock), so every trigger carries
 * them. shared/counter-sync-plan.ts decides; an event is marked synced only by the server's answer.
 * Runs in pages and in the service worker: no window, no document.
 */
import {
  counterEventChanges,
  dueCounterEvents,
  interpretCounterUpload,
  SYNC_BATCH_EVENTS,
} from '../../shared/counter-sync-plan';
import { ignoresBackoff, minimiseAfterDays, type SyncError, type SyncReason } from '../../shared/sync-plan';
import { applyCounterEventChanges, listPendingCounterEvents, loadCounterEvents, minimiseSyncedCounterEvents } from '../data/consent-events';
import { getShop } from '../data/shop';
import { callApi } from './api-client';

export interface CounterUploadOptions {
  token: string;
  reason: SyncReason;
  signal?: AbortSignal;
  now?: () => Date;
  /** For tests: the random source of the backoff jitter. */
  random?: () => number;
}

export interface CounterUploadResult {
  sent: number;
  stored: number;
  duplicate: number;
  rejected: number;
  /** Kept for a later try. */
  retrying: number;
  /** Set when the run must end here (offline, server down, token refused). */
  stop: SyncError | null;
}

const UPLOAD_TIMEOUT_MS = 30_000;
/** An event the server asks to resend (rest of a refused batch) goes again at most this often per run. */
const MAX_RETRIES_PER_RUN = 3;

export async function uploadCounterEvents(o: CounterUploadOptions): Promise<CounterUploadResult> {
  const now = o.now ?? (() => new Date());
  const entries = await listPendingCounterEvents();
  const byId = new Map(entries.map((e) => [e.id, e]));
  const queue = dueCounterEvents(entries, { now: now(), ignoreBackoff: ignoresBackoff(o.reason) }).map((e) => e.id);
  const result: CounterUploadResult = { sent: 0, stored: 0, duplicate: 0, rejected: 0, retrying: 0, stop: null };
  const sent = new Set<string>();
  const retries = new Map<string, number>();
  let batchSize = SYNC_BATCH_EVENTS;

  while (queue.length > 0) {
    if (o.signal?.aborted) return { ...result, sent: sent.size, stop: { code: 'aborted', message: 'The sync was stopped.' } };
    const candidates = queue.splice(0, batchSize);
    const loaded = await loadCounterEvents(candidates);
    // Gone or acknowledged meanwhile (another tab's run): nothing to send for it.
    const batch = candidates.filter((_, i) => loaded[i] !== undefined);
    if (batch.length === 0) continue;
    for (const id of batch) sent.add(id);

    const outcome = await callApi({
      method: 'POST',
      path: '/consent-events',
      token: o.token,
      body: JSON.stringify({ events: loaded.filter((e) => e !== undefined) }),
      signal: o.signal,
      timeoutMs: UPLOAD_TIMEOUT_MS,
    });
    const decision = interpretCounterUpload(batch, outcome);
    await applyCounterEventChanges(counterEventChanges(byId, decision.events, { now: now(), random: o.random ?? Math.random }));

    const again: string[] = [];
    for (const d of decision.events) {
      if (d.action === 'synced') result[d.status] += 1;
      else if (d.action === 'rejected') result.rejected += 1;
      else if (d.action === 'backoff') result.retrying += 1;
      else {
        const tries = (retries.get(d.id) ?? 0) + 1;
        retries.set(d.id, tries);
        if (tries <= MAX_RETRIES_PER_RUN) again.push(d.id);
        else result.retrying += 1;
      }
    }
    queue.unshift(...again);
    if (decision.oneByOne) batchSize = 1;
    if (decision.stop) return { ...result, sent: sent.size, stop: decision.stop };
  }
  await minimiseSyncedCounterEvents({ now: now(), afterDays: minimiseAfterDays(await getShop()) });
  return { ...result, sent: sent.size };
}
