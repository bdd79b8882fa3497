/**
 * The upload of counter events (withdrawals and objections typed at the counter) as plain
 * decisions: which go next, and what the answer of POST /api/v1/consent-events means for each.
 * The words for failures, the backoff and the refusals are the records' (sync-plan.ts), so staff
 * hear the same sentence whichever kind of data did not get through. No I/O here.
 */
import * as v from 'valibot';
import { CounterEventsResponseSchema, MAX_BATCH_EVENTS } from './consent';
import { backoffDelay, outcomeError, type BackoffPolicy, type SyncError, type SyncIssue, type UploadOutcome } from './sync-plan';

/** Events per upload: they are small, so one request carries a whole day's. */
export const SYNC_BATCH_EVENTS = Math.min(50, MAX_BATCH_EVENTS);

export type CounterEventState = 'pending' | 'rejected' | 'synced';

/** A stored counter event as the upload sees it. */
export interface CounterQueueEntry {
  id: string;
  at: string;
  state: CounterEventState;
  attempts: number;
  nextAttemptAt: string;
}

/** Waiting events that may go now, oldest first; "Sync now" and the network's return skip the backoff. */
export function dueCounterEvents<E extends CounterQueueEntry>(entries: readonly E[], options: { now: Date; ignoreBackoff: boolean }): E[] {
  const now = options.now.toISOString();
  return entries
    .filter((e) => e.state === 'pending' && (options.ignoreBackoff || e.nextAttemptAt <= now))
    .sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
}

export type CounterEventDecision =
  | { id: string; action: 'synced'; status: 'stored' | 'duplicate'; customerId: string }
  /** The server refused this very event (422): it waits for people, with the server's reasons. */
  | { id: string; action: 'rejected'; error: SyncError }
  /** Not judged: send again within this run, one at a time (the batch was refused as a whole). */
  | { id: string; action: 'retry' }
  /** Failed for a passing reason: keep, count the attempt, wait (backoff). */
  | { id: string; action: 'backoff'; error: SyncError };

export interface CounterUploadDecision {
  events: CounterEventDecision[];
  /** Set when the run must end here (offline, server down, token refused). */
  stop: SyncError | null;
  /** Send one event at a time from now on, to find the one the server refuses. */
  oneByOne: boolean;
}

interface NamedIssue {
  index?: unknown;
  id?: unknown;
  issues?: unknown;
}

/**
 * The events a 422 names: either as a list ({events: [{index, id, issues}]}) or, as the server
 * answers, by the paths of its issues ("events.3.customer.email"), grouped by event.
 */
function namedIn(body: unknown): NamedIssue[] {
  if (typeof body !== 'object' || body === null) return [];
  const b = body as Record<string, unknown>;
  const list = Array.isArray(b.events) ? b.events : Array.isArray(b.records) ? b.records : [];
  const named = list.filter((e): e is NamedIssue => typeof e === 'object' && e !== null);
  if (named.length > 0 || !Array.isArray(b.issues)) return named;
  const byIndex = new Map<number, Array<{ path: string; message: unknown }>>();
  for (const issue of b.issues as unknown[]) {
    if (typeof issue !== 'object' || issue === null) continue;
    const { path, message } = issue as { path?: unknown; message?: unknown };
    const match = typeof path === 'string' ? /^events\.(\d+)(?:\.(.*))?$/.exec(path) : null;
    if (!match) continue;
    const index = Number(match[1]);
    byIndex.set(index, [...(byIndex.get(index) ?? []), { path: match[2] ?? '', message }]);
  }
  return [...byIndex].map(([index, issues]) => ({ index, issues }));
}

function issuesOf(raw: unknown): SyncIssue[] {
  if (!Array.isArray(raw)) return [];
  return raw
    .filter((i): i is { path?: unknown; message?: unknown } => typeof i === 'object' && i !== null)
    .map((i) => ({ path: typeof i.path === 'string' ? i.path : '', message: typeof i.message === 'string' ? i.message : 'error.invalid' }))
    .slice(0, 20);
}

/** What one upload answer means for each event of the batch. */
export function interpretCounterUpload(batch: readonly string[], outcome: UploadOutcome): CounterUploadDecision {
  const all = (make: (id: string) => CounterEventDecision) => batch.map(make);
  const keep = (error: SyncError): CounterUploadDecision => ({ events: [], stop: error, oneByOne: false });
  const backoff = (error: SyncError): CounterUploadDecision => ({ events: all((id) => ({ id, action: 'backoff', error })), stop: error, oneByOne: false });
  const oneByOne = (): CounterUploadDecision => ({ events: all((id) => ({ id, action: 'retry' })), stop: null, oneByOne: true });

  const error = outcomeError(outcome);
  if (error === null) {
    const parsed = v.safeParse(CounterEventsResponseSchema, (outcome as { body: unknown }).body);
    if (!parsed.success) return backoff({ code: 'bad_response', message: 'The consent-events answer does not match the protocol.' });
    const byId = new Map(parsed.output.results.map((r) => [r.id, r]));
    const events = all((id): CounterEventDecision => {
      const result = byId.get(id);
      if (!result) return { id, action: 'backoff', error: { code: 'bad_response', message: 'The server did not report on this event.' } };
      return { id, action: 'synced', status: result.status, customerId: result.customerId };
    });
    return { events, stop: null, oneByOne: false };
  }

  const status = outcome.kind === 'response' ? outcome.status : 0;
  switch (error.code) {
    case 'offline':
    case 'aborted':
    case 'unauthenticated':
    case 'invalid_token':
    case 'device_revoked':
      return keep(error);
  }
  if (status === 413) {
    if (batch.length > 1) return oneByOne();
    return { events: all((id) => ({ id, action: 'rejected', error })), stop: null, oneByOne: false };
  }
  // 422: one invalid event refuses the batch, and nothing of it is stored.
  if (status === 422) return refusedEvents(batch, error, namedIn((outcome as { body: unknown }).body));
  return backoff(error);
}

/** A 422: the events it names are rejected with their reasons, the rest go again, one at a time. */
function refusedEvents(batch: readonly string[], error: SyncError, named: readonly NamedIssue[]): CounterUploadDecision {
  const refused = new Map<string, SyncIssue[]>();
  for (const entry of named) {
    const id = typeof entry.id === 'string' && batch.includes(entry.id) ? entry.id : typeof entry.index === 'number' ? batch[entry.index] : undefined;
    if (id !== undefined) refused.set(id, issuesOf(entry.issues));
  }
  // The server did not say which one: find it by sending one at a time.
  if (refused.size === 0 && batch.length > 1) return { events: batch.map((id) => ({ id, action: 'retry' })), stop: null, oneByOne: true };
  if (refused.size === 0) refused.set(batch[0]!, []);
  const events = batch.map((id): CounterEventDecision => {
    const issues = refused.get(id);
    if (!issues) return { id, action: 'retry' };
    return { id, action: 'rejected', error: { code: 'invalid_request', message: error.message, issues: issues.length ? issues : [{ path: '', message: 'error.invalid' }] } };
  });
  return { events, stop: null, oneByOne: false };
}

/** Changes to write for one upload, all in one transaction. */
export type CounterEventChange =
  | { id: string; kind: 'synced'; syncedAt: string; customerId: string }
  | { id: string; kind: 'update'; patch: Partial<Pick<CounterQueueEntry, 'state' | 'attempts' | 'nextAttemptAt'>> & { lastError?: SyncError } };

export function counterEventChanges(
  entries: ReadonlyMap<string, CounterQueueEntry>,
  decisions: readonly CounterEventDecision[],
  options: { now: Date; random: () => number; policy?: BackoffPolicy },
): CounterEventChange[] {
  const changes: CounterEventChange[] = [];
  for (const d of decisions) {
    const entry = entries.get(d.id);
    if (!entry) continue;
    if (d.action === 'synced') changes.push({ id: d.id, kind: 'synced', syncedAt: options.now.toISOString(), customerId: d.customerId });
    else if (d.action === 'rejected') changes.push({ id: d.id, kind: 'update', patch: { state: 'rejected', lastError: d.error } });
    else if (d.action === 'backoff') {
      const attempts = entry.attempts + 1;
      const nextAttemptAt = new Date(options.now.getTime() + backoffDelay(attempts, options.random, options.policy)).toISOString();
      changes.push({ id: d.id, kind: 'update', patch: { attempts, nextAttemptAt, lastError: d.error } });
    }
  }
  return changes;
}
