/**
 * The sync engine's decisions, as plain functions: which outbox records go next, what a server
 * answer means for each of them, when to try again, and what the tablet may forget. No I/O, no DOM,
 * no Dexie: the page and the service worker run the same I/O shell (src/sync/) around this.
 */
import * as v from 'valibot';
import { MAX_BATCH_RECORDS, UploadResponseSchema, type ApiErrorCode } from './api';
import type { PendingOrder, ShopConfig } from './shop';
import { TEXT_KINDS } from './shop';

export type SyncReason = 'start' | 'online' | 'timer' | 'manual' | 'background' | 'saved';

/** Why a record or a run did not get through; `code` is what the UI translates (sync.error.<code>). */
export type SyncErrorCode =
  | ApiErrorCode
  | 'offline' // the device has no network
  | 'unreachable' // the network is there, the server does not answer
  | 'timeout'
  | 'bad_response' // an answer that is not what api.ts promises
  | 'not_enrolled'
  | 'aborted';

export interface SyncIssue {
  path: string;
  /** An i18n key from shared/record.ts (ErrorKey), as the server reports schema issues. */
  message: string;
}

export interface SyncError {
  code: SyncErrorCode;
  /** The server's own sentence, for the log; staff see the translated code. */
  message: string;
  issues?: SyncIssue[];
}

export type OutboxState = 'pending' | 'conflict' | 'rejected';

/** One outbox row as the engine sees it. */
export interface OutboxEntry {
  recordId: string;
  queuedAt: string;
  attempts: number;
  state: OutboxState;
  /** ISO time before which a 'pending' record is not sent again (except by "Sync now"). */
  nextAttemptAt: string;
  lastError?: SyncError;
}

/**
 * Records per upload: as many as the server takes. A catch-up of thousands goes fastest in large
 * batches (fewer requests, commits and receipts transactions; `npm run bench`, figure 5).
 */
export const SYNC_BATCH_RECORDS = Math.min(100, MAX_BATCH_RECORDS);
/** Bytes per upload body: half of MAX_BODY_BYTES (100 records of 80 KB), leaving room for the envelope and headers. */
export const SYNC_BATCH_BYTES = 8 * 1024 * 1024;

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
  /** 0.5 = the delay varies by ±50 %. */
  jitter: number;
}
export const BACKOFF: BackoffPolicy = { baseMs: 5_000, maxMs: 15 * 60_000, jitter: 0.5 };

/** Delay before the next try after `attempts` failed ones: doubling from base, capped, jittered. */
export function backoffDelay(attempts: number, random: () => number, policy: BackoffPolicy = BACKOFF): number {
  const exponent = Math.max(0, Math.min(attempts - 1, 30));
  const capped = Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
  const factor = 1 + policy.jitter * (2 * clamp01(random()) - 1);
  return Math.round(Math.min(policy.maxMs * (1 + policy.jitter), capped * factor));
}

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0.5;
}

/** The server does not know this tablet's token: trying again by itself cannot help, enrolling again can. */
export function isRefusal(code: SyncErrorCode): code is 'invalid_token' | 'unauthenticated' {
  return code === 'invalid_token' || code === 'unauthenticated';
}

/**
 * Why a trigger must not run now, or null when it may: a revoked or refused tablet asks the server
 * again only when a person presses "Sync now" (or enrols it again).
 */
export function heldBack(reason: SyncReason, tablet: { revoked: boolean; refused: SyncState['refused'] }): SyncError | null {
  if (reason === 'manual') return null;
  if (tablet.revoked) return { code: 'device_revoked', message: 'This tablet was revoked.' };
  if (tablet.refused) return { code: tablet.refused.code, message: 'The server does not know this tablet; only "Sync now" or a new enrolment asks again.' };
  return null;
}

/** Triggers that send every pending record at once: a person asked, or the network just came back. */
export function ignoresBackoff(reason: SyncReason): boolean {
  return reason === 'manual' || reason === 'online';
}

/** Pending records that may go now, oldest first; conflicts and rejections wait for people. */
export function dueEntries(entries: readonly OutboxEntry[], options: { now: Date; ignoreBackoff: boolean }): OutboxEntry[] {
  const now = options.now.toISOString();
  return entries
    .filter((e) => e.state === 'pending' && (options.ignoreBackoff || e.nextAttemptAt <= now))
    .sort((a, b) => a.queuedAt.localeCompare(b.queuedAt) || a.recordId.localeCompare(b.recordId));
}

/** How many of the next records (their serialised sizes, in order) fit one upload; at least one. */
export function fitBatch(sizes: readonly number[], maxBytes = SYNC_BATCH_BYTES, maxRecords = SYNC_BATCH_RECORDS): number {
  let bytes = 0;
  let n = 0;
  for (const size of sizes.slice(0, maxRecords)) {
    if (n > 0 && bytes + size + 1 > maxBytes) break;
    bytes += size + 1;
    n += 1;
  }
  return Math.max(1, Math.min(n, sizes.length));
}

/** What came back from one upload, as the I/O shell saw it. */
export type UploadOutcome =
  | { kind: 'response'; status: number; body: unknown }
  | { kind: 'network'; offline: boolean; message: string }
  | { kind: 'timeout' }
  | { kind: 'aborted' };

export type RecordDecision =
  | { id: string; action: 'synced'; status: 'stored' | 'duplicate'; receivedAt: string }
  | { id: string; action: 'conflict'; receivedAt: string }
  | { id: string; action: 'rejected'; error: SyncError }
  /** Not judged: send again within this run (the rest of a batch the server refused as a whole). */
  | { id: string; action: 'retry' }
  /** Failed for a passing reason: keep, count the attempt, wait (backoff). */
  | { id: string; action: 'backoff'; error: SyncError };

export interface UploadDecision {
  records: RecordDecision[];
  /** Set when the run must end here (offline, server down, token refused). */
  stop: SyncError | null;
  /** Send one record at a time from now on (to find the one the server refuses). */
  smallerBatches: boolean;
}

interface ApiErrorBody {
  error: string;
  message: string;
  records?: Array<{ index?: unknown; id?: unknown; issues?: unknown }>;
}

function apiError(body: unknown): ApiErrorBody | null {
  if (typeof body !== 'object' || body === null) return null;
  const b = body as Record<string, unknown>;
  if (typeof b.error !== 'string') return null;
  return { error: b.error, message: typeof b.message === 'string' ? b.message : '', records: Array.isArray(b.records) ? (b.records as ApiErrorBody['records']) : undefined };
}

function issuesOf(raw: unknown): SyncIssue[] {
  if (!Array.isArray(raw)) return [];
  return raw
    .filter((i): i is { path?: unknown; message?: unknown } => typeof i === 'object' && i !== null)
    .map((i) => ({ path: typeof i.path === 'string' ? i.path : '', message: typeof i.message === 'string' ? i.message : 'error.invalid' }))
    .slice(0, 20);
}

const API_ERROR_CODES: Record<ApiErrorCode, true> = {
  unauthenticated: true,
  invalid_token: true,
  device_revoked: true,
  invalid_code: true,
  malformed_json: true,
  invalid_request: true,
  invalid_record: true,
  too_large: true,
  conflict: true,
  not_found: true,
  too_many_attempts: true,
  server_error: true,
};

function statusCode(status: number): SyncErrorCode {
  if (status === 400) return 'invalid_request';
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'invalid_token';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 413) return 'too_large';
  if (status === 422) return 'invalid_record';
  if (status === 429) return 'too_many_attempts';
  return 'server_error';
}

/** The error an answer stands for, or null for a 2xx answer. Used for every API call. */
export function outcomeError(outcome: UploadOutcome): SyncError | null {
  switch (outcome.kind) {
    case 'aborted':
      return { code: 'aborted', message: 'The request was stopped.' };
    case 'timeout':
      return { code: 'timeout', message: 'The server did not answer in time.' };
    case 'network':
      return { code: outcome.offline ? 'offline' : 'unreachable', message: outcome.message };
  }
  if (outcome.status >= 200 && outcome.status < 300) return null;
  const error = apiError(outcome.body);
  const message = error?.message || `The server answered ${outcome.status}.`;
  const said = error && error.error in API_ERROR_CODES ? (error.error as ApiErrorCode) : null;
  if (outcome.status >= 500) return { code: 'server_error', message };
  return { code: said ?? statusCode(outcome.status), message };
}

/** What one upload answer means for each record of the batch. */
export function interpretUpload(batch: readonly string[], outcome: UploadOutcome): UploadDecision {
  const all = (make: (id: string) => RecordDecision) => batch.map(make);
  const keep = (error: SyncError): UploadDecision => ({ records: [], stop: error, smallerBatches: false });
  const backoff = (error: SyncError): UploadDecision => ({ records: all((id) => ({ id, action: 'backoff', error })), stop: error, smallerBatches: false });
  const retryOneByOne = (): UploadDecision => ({ records: all((id) => ({ id, action: 'retry' })), stop: null, smallerBatches: true });

  const error = outcomeError(outcome);
  if (error === null) {
    const parsed = v.safeParse(UploadResponseSchema, (outcome as { body: unknown }).body);
    if (!parsed.success) return backoff({ code: 'bad_response', message: 'The upload answer does not match the protocol.' });
    const byId = new Map(parsed.output.results.map((r) => [r.id, r]));
    const records = all((id): RecordDecision => {
      const result = byId.get(id);
      if (!result) return { id, action: 'backoff', error: { code: 'bad_response', message: 'The server did not report on this record.' } };
      if (result.status === 'conflict') return { id, action: 'conflict', receivedAt: result.receivedAt };
      return { id, action: 'synced', status: result.status, receivedAt: result.receivedAt };
    });
    return { records, stop: null, smallerBatches: false };
  }

  switch (error.code) {
    // Offline is nobody's fault: the records stay due, and the 'online' event starts the next run.
    case 'offline':
    case 'aborted':
    case 'unauthenticated':
    case 'invalid_token':
    case 'device_revoked':
      return keep(error);
    case 'too_large':
      if (batch.length > 1) return retryOneByOne();
      return { records: all((id) => ({ id, action: 'rejected', error })), stop: null, smallerBatches: false };
    case 'invalid_record':
      return invalidRecords(batch, error, apiError((outcome as { body: unknown }).body)?.records ?? []) ?? retryOneByOne();
    default:
      return backoff(error);
  }
}

/** A 422: the records it names are rejected with their issues, the rest go again at once. */
function invalidRecords(batch: readonly string[], error: SyncError, named: NonNullable<ApiErrorBody['records']>): UploadDecision | null {
  const refused = new Map<string, SyncIssue[]>();
  for (const entry of named) {
    const id = typeof entry.id === 'string' && batch.includes(entry.id) ? entry.id : typeof entry.index === 'number' ? batch[entry.index] : undefined;
    if (id !== undefined) refused.set(id, issuesOf(entry.issues));
  }
  // The server did not say which one: find it by sending one at a time.
  if (refused.size === 0 && batch.length > 1) return null;
  if (refused.size === 0) refused.set(batch[0]!, []);
  const records = batch.map((id): RecordDecision => {
    const issues = refused.get(id);
    if (!issues) return { id, action: 'retry' };
    return { id, action: 'rejected', error: { code: 'invalid_record', message: error.message, issues: issues.length ? issues : [{ path: '', message: 'error.invalid' }] } };
  });
  return { records, stop: null, smallerBatches: false };
}

/** Changes to write for one upload, all in one transaction. */
export type OutboxChange =
  | { id: string; kind: 'synced'; syncedAt: string; receivedAt: string }
  | { id: string; kind: 'update'; patch: Partial<Pick<OutboxEntry, 'state' | 'attempts' | 'nextAttemptAt' | 'lastError'>> };

export function outboxChanges(
  entries: ReadonlyMap<string, OutboxEntry>,
  decisions: readonly RecordDecision[],
  options: { now: Date; random: () => number; policy?: BackoffPolicy },
): OutboxChange[] {
  const changes: OutboxChange[] = [];
  const now = options.now.toISOString();
  for (const d of decisions) {
    const entry = entries.get(d.id);
    if (!entry) continue;
    switch (d.action) {
      case 'synced':
        changes.push({ id: d.id, kind: 'synced', syncedAt: now, receivedAt: d.receivedAt });
        break;
      case 'conflict':
        changes.push({ id: d.id, kind: 'update', patch: { state: 'conflict', lastError: { code: 'conflict', message: `The server holds another version of this record (received ${d.receivedAt}).` } } });
        break;
      case 'rejected':
        changes.push({ id: d.id, kind: 'update', patch: { state: 'rejected', lastError: d.error } });
        break;
      case 'backoff': {
        const attempts = entry.attempts + 1;
        const next = new Date(options.now.getTime() + backoffDelay(attempts, options.random, options.policy)).toISOString();
        changes.push({ id: d.id, kind: 'update', patch: { attempts, nextAttemptAt: next, lastError: d.error } });
        break;
      }
      case 'retry':
        break;
    }
  }
  return changes;
}

export interface SyncCounts {
  /** Records sent to the server in this run (each once, however often it went). */
  sent: number;
  stored: number;
  duplicate: number;
  conflict: number;
  rejected: number;
  /** Kept for a later try. */
  retrying: number;
}

export const NO_COUNTS: SyncCounts = { sent: 0, stored: 0, duplicate: 0, conflict: 0, rejected: 0, retrying: 0 };

export function addCounts(counts: SyncCounts, decisions: readonly RecordDecision[]): SyncCounts {
  const next = { ...counts };
  for (const d of decisions) {
    if (d.action === 'synced') next[d.status] += 1;
    else if (d.action === 'conflict') next.conflict += 1;
    else if (d.action === 'rejected') next.rejected += 1;
    else if (d.action === 'backoff') next.retrying += 1;
  }
  return next;
}

/** How a run ended, as the close-of-day screen and the triggers read it. */
export interface SyncResult {
  reason: SyncReason;
  /**
   * ok: the server was reached and answered for everything due; skipped: another run was busy;
   * refused: not run, because the server refused this tablet's token before (see SyncState.refused).
   */
  status: 'ok' | 'failed' | 'skipped' | 'not_enrolled' | 'revoked' | 'refused';
  counts: SyncCounts;
  ordersAdded: number;
  shopUpdated: boolean;
  minimised: number;
  error: SyncError | null;
  /** When the earliest waiting record is due again, or null when none waits for a retry. */
  nextAttemptAt: string | null;
  startedAt: string;
  finishedAt: string;
}

/** What the tablet remembers of its syncs (settings key 'syncState'). */
export interface SyncState {
  lastSuccessAt: string | null;
  lastAttemptAt: string | null;
  lastError: SyncError | null;
  lastResult: (SyncCounts & { ordersAdded: number; shopUpdated: boolean; minimised: number; at: string }) | null;
  /** Set when the server refused the token: automatic runs stop until a run gets through or the tablet enrols again. */
  refused: { code: 'invalid_token' | 'unauthenticated'; at: string } | null;
}

export const EMPTY_SYNC_STATE: SyncState = { lastSuccessAt: null, lastAttemptAt: null, lastError: null, lastResult: null, refused: null };

export function nextSyncState(previous: SyncState, result: SyncResult): SyncState {
  if (result.status === 'skipped' || result.status === 'not_enrolled' || result.status === 'refused') return previous;
  const code = result.error?.code;
  return {
    lastSuccessAt: result.status === 'ok' ? result.finishedAt : previous.lastSuccessAt,
    lastAttemptAt: result.startedAt,
    lastError: result.error,
    lastResult: { ...result.counts, ordersAdded: result.ordersAdded, shopUpdated: result.shopUpdated, minimised: result.minimised, at: result.finishedAt },
    // Another failure (offline, say) tells nothing about the token: the refusal stays until a run gets through.
    refused: code && isRefusal(code) ? { code, at: result.finishedAt } : result.status === 'ok' ? null : (previous.refused ?? null),
  };
}

export const DEFAULT_MINIMISE_AFTER_DAYS = 7;
export const DEFAULT_SYNC_WARN_DAYS = 3;
const DAY_MS = 86_400_000;

export function minimiseAfterDays(shop: Pick<ShopConfig, 'minimiseAfterDays'> | undefined): number {
  return shop?.minimiseAfterDays ?? DEFAULT_MINIMISE_AFTER_DAYS;
}

export function syncWarnDays(shop: Pick<ShopConfig, 'syncWarnDays'> | undefined): number {
  return shop?.syncWarnDays ?? DEFAULT_SYNC_WARN_DAYS;
}

/** Records the tablet synced before this time may lose their signature and contact details. */
export function minimiseCutoff(now: Date, afterDays: number): string {
  return new Date(now.getTime() - afterDays * DAY_MS).toISOString();
}

/** Only what the server acknowledged, long enough ago, and not minimised yet. */
export function mayMinimise(row: { syncedAt?: string; minimisedAt?: string; hasRecord: boolean; inOutbox: boolean }, cutoff: string): boolean {
  return row.hasRecord && !row.inOutbox && !row.minimisedAt && row.syncedAt !== undefined && row.syncedAt <= cutoff;
}

/** True when the oldest unsynced record has waited longer than the shop allows. */
export function isSyncOverdue(oldestQueuedAt: string | null, now: Date, warnDays: number): boolean {
  return oldestQueuedAt !== null && now.getTime() - new Date(oldestQueuedAt).getTime() > warnDays * DAY_MS;
}

/** Where a tablet's order came from: pulled from the server, or typed by staff on this tablet. */
export type OrderSource = 'server' | 'tablet';

/** A local order as the pull sees it. */
export interface LocalOrder {
  id: string;
  status: string;
  source?: OrderSource;
}

/**
 * Open orders that came from the server and that its list no longer holds: another tablet signed
 * them (or the shop withdrew them), so they must not be offered here again. Orders typed on this
 * tablet, signed ones and the one a customer is in the middle of (`inUse`) are never closed.
 */
export function closedServerOrders(local: readonly LocalOrder[], serverIds: ReadonlySet<string>, inUse?: string): string[] {
  return local.filter((o) => o.source === 'server' && o.status === 'open' && !serverIds.has(o.id) && o.id !== inUse).map((o) => o.id);
}

/** Server orders the tablet does not have yet; orders it has (open or signed) are never changed. */
export function newServerOrders(localIds: ReadonlySet<string>, server: readonly PendingOrder[]): PendingOrder[] {
  const seen = new Set<string>();
  return server.filter((p) => {
    const id = p.order.id;
    if (localIds.has(id) || seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/** Settings that belong to this tablet and stay as staff set them here. */
const LOCAL_SETTINGS = ['askHealth', 'inactivitySeconds', 'minimiseAfterDays', 'syncWarnDays'] as const;

/**
 * The shop as the server publishes it (details, controller, texts), with this tablet's kiosk
 * settings kept. A text is taken unless the tablet already holds a newer version of it.
 */
export function mergeServerShop(local: ShopConfig | undefined, server: ShopConfig): ShopConfig {
  if (!local) return server;
  const texts = { ...server.texts };
  for (const kind of TEXT_KINDS) {
    if (local.texts[kind].id === server.texts[kind].id && local.texts[kind].version > server.texts[kind].version) texts[kind] = local.texts[kind];
  }
  const merged: ShopConfig = { ...server, texts };
  for (const key of LOCAL_SETTINGS) {
    if (local[key] !== undefined) (merged as Record<string, unknown>)[key] = local[key];
  }
  return merged;
}

/** Whether two shop configurations differ in anything (for "the shop was updated"). */
export function sameShop(a: ShopConfig | undefined, b: ShopConfig): boolean {
  return a !== undefined && stableJson(a) === stableJson(b);
}

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}
