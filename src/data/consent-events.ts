/**
 * Withdrawals and objections recorded at the counter. Each is one row, written in one transaction
 * (strict durability, like records): it is stored whole or not at all, and stays until the server
 * has acknowledged it. Some days after that its customer details and note leave the tablet.
 */
import { liveQuery } from 'dexie';
import { CounterEventSchema, type CounterEvent } from '../../shared/consent';
import type { CounterEventChange } from '../../shared/counter-sync-plan';
import { parseWith, type Issue } from '../../shared/record';
import { minimiseCutoff } from '../../shared/sync-plan';
import { db, type CounterEventRow } from './db';

export type { CounterEventRow };

export type SaveCounterEventResult = { ok: true; event: CounterEvent } | { ok: false; message: string; issues?: Issue[] };

/** Resolves only after IndexedDB has committed; only then may the screen say "saved". */
export async function saveCounterEvent(input: CounterEvent, now = new Date()): Promise<SaveCounterEventResult> {
  const parsed = parseWith(CounterEventSchema, input);
  if (!parsed.ok) return { ok: false, message: parsed.issues[0]!.message, issues: parsed.issues };
  const event = parsed.value;
  try {
    await db.transaction('rw', db.counterEvents, async () => {
      if (await db.counterEvents.get(event.id)) throw new Error('error.duplicate');
      await db.counterEvents.add({
        id: event.id,
        at: event.at,
        action: event.action,
        channels: event.channels,
        state: 'pending',
        attempts: 0,
        nextAttemptAt: now.toISOString(),
        event,
      });
    });
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  return { ok: true, event };
}

export async function getCounterEvent(id: string): Promise<CounterEventRow | undefined> {
  return db.counterEvents.get(id);
}

/** Events waiting for the server (not the refused ones: they wait for people). */
export async function listPendingCounterEvents(): Promise<CounterEventRow[]> {
  return db.counterEvents.where('state').equals('pending').toArray();
}

/** The events to upload, in the order asked; undefined where one is gone or was minimised. */
export async function loadCounterEvents(ids: readonly string[]): Promise<Array<CounterEvent | undefined>> {
  return (await db.counterEvents.bulkGet([...ids])).map((row) => (row?.state === 'synced' ? undefined : row?.event));
}

/** One upload's receipts and retry states, in one transaction. */
export async function applyCounterEventChanges(changes: readonly CounterEventChange[]): Promise<void> {
  if (changes.length === 0) return;
  await db.transaction('rw', db.counterEvents, async () => {
    for (const change of changes) {
      if (change.kind === 'synced') {
        await db.counterEvents.where('id').equals(change.id).modify((row) => {
          row.state = 'synced';
          row.syncedAt = change.syncedAt;
          row.customerId = change.customerId;
          delete row.lastError;
        });
      } else {
        await db.counterEvents.update(change.id, change.patch);
      }
    }
  });
}

export interface CounterEventStatus {
  pending: number;
  rejected: number;
  /** When the oldest waiting event was recorded, or null. */
  oldestAt: string | null;
}

/** Counted on the index; "waiting" is pending + rejected: neither has reached the server. */
export async function counterEventStatus(): Promise<CounterEventStatus> {
  return db.transaction('r', db.counterEvents, async () => {
    const [pending, rejected, waiting] = await Promise.all([
      db.counterEvents.where('state').equals('pending').count(),
      db.counterEvents.where('state').equals('rejected').count(),
      db.counterEvents.where('state').anyOf('pending', 'rejected').toArray(),
    ]);
    const oldestAt = waiting.reduce<string | null>((oldest, row) => (oldest === null || row.at < oldest ? row.at : oldest), null);
    return { pending, rejected, oldestAt };
  });
}

/** The tablet's own latest events, newest first. */
export async function listRecentCounterEvents(limit = 10): Promise<CounterEventRow[]> {
  return db.counterEvents.orderBy('at').reverse().limit(limit).toArray();
}

/** Refused events, oldest first, for close of day. */
export async function listRejectedCounterEvents(): Promise<CounterEventRow[]> {
  return (await db.counterEvents.where('state').equals('rejected').toArray()).sort((a, b) => a.at.localeCompare(b.at));
}

/** Staff send refused events once more (e.g. after the server was updated). */
export async function retryRejectedCounterEvents(now = new Date()): Promise<number> {
  return db.counterEvents.where('state').equals('rejected').modify({ state: 'pending', nextAttemptAt: now.toISOString() });
}

/** The earliest time a waiting event is due again, or null when none waits. */
export async function nextCounterEventAttempt(): Promise<string | null> {
  const pending = await listPendingCounterEvents();
  return pending.reduce<string | null>((earliest, row) => (earliest === null || row.nextAttemptAt < earliest ? row.nextAttemptAt : earliest), null);
}

/**
 * Drops the customer's details and the note from events the server acknowledged at least
 * `afterDays` ago; id, time, action, channels and the receipt stay. Returns how many.
 */
export async function minimiseSyncedCounterEvents(options: { now: Date; afterDays: number }): Promise<number> {
  const cutoff = minimiseCutoff(options.now, options.afterDays);
  const minimisedAt = options.now.toISOString();
  return db.counterEvents
    .where('syncedAt')
    .belowOrEqual(cutoff)
    .and((row) => row.state === 'synced' && !row.minimisedAt && row.event !== undefined)
    .modify((row) => {
      delete row.event;
      row.minimisedAt = minimisedAt;
    });
}

/** Calls cb with the status now and after every change (also from the service worker); returns the unsubscribe. */
export function watchCounterEventStatus(cb: (status: CounterEventStatus) => void): () => void {
  const subscription = liveQuery(() => counterEventStatus()).subscribe({ next: cb, error: (error: unknown) => console.error('countersign: counter events failed', error) });
  return () => subscription.unsubscribe();
}

export function watchRecentCounterEvents(cb: (rows: CounterEventRow[]) => void, limit = 10): () => void {
  const subscription = liveQuery(() => listRecentCounterEvents(limit)).subscribe({ next: cb, error: (error: unknown) => console.error('countersign: counter events failed', error) });
  return () => subscription.unsubscribe();
}
