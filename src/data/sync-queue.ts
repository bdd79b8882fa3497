/**
 * The outbox as the sync engine reads and writes it. A record leaves the outbox only in the same
 * transaction that writes its sync receipt, so a crash in between can neither lose nor double it.
 */
import type { SignedRecord } from '../../shared/record';
import type { OutboxChange, OutboxEntry, OutboxState, SyncError } from '../../shared/sync-plan';
import { db, type ReceiptRow } from './db';

export async function listOutbox(): Promise<OutboxEntry[]> {
  return db.outbox.toArray();
}

/** The records to upload, in the order asked; undefined where the record is gone. */
export async function loadUploadRecords(ids: readonly string[]): Promise<Array<SignedRecord | undefined>> {
  const rows = await db.records.bulkGet([...ids]);
  return rows.map((row) => row?.record);
}

export async function applyOutboxChanges(changes: readonly OutboxChange[]): Promise<void> {
  if (changes.length === 0) return;
  const synced = changes.filter((c): c is Extract<OutboxChange, { kind: 'synced' }> => c.kind === 'synced');
  await db.transaction('rw', db.outbox, db.receipts, async () => {
    // The receipt goes in its own small row, in the transaction that takes the record out of the
    // outbox; the record itself (tens of KB) is not rewritten.
    if (synced.length > 0) {
      await db.outbox.bulkDelete(synced.map((c) => c.id));
      await db.receipts.bulkPut(synced.map((c) => ({ id: c.id, syncedAt: c.syncedAt, receivedAt: c.receivedAt })));
    }
    for (const change of changes) {
      if (change.kind === 'update') await db.outbox.update(change.id, change.patch);
    }
  });
}

/** The sync receipt of a record, wherever it is kept; undefined while the server has not acknowledged it. */
export async function getSyncReceipt(id: string): Promise<Pick<ReceiptRow, 'syncedAt' | 'receivedAt'> | undefined> {
  const [receipt, row] = await db.transaction('r', db.receipts, db.records, () => Promise.all([db.receipts.get(id), db.records.get(id)]));
  if (receipt) return { syncedAt: receipt.syncedAt, receivedAt: receipt.receivedAt };
  return row?.syncedAt ? { syncedAt: row.syncedAt, receivedAt: row.receivedAt ?? row.syncedAt } : undefined;
}

/**
 * Moves the receipts of records acknowledged up to `cutoff` onto their rows, where minimisation
 * looks for them (src/data/minimise.ts), in one transaction. Returns how many were moved.
 */
export async function foldReceipts(cutoff: string): Promise<number> {
  return db.transaction('rw', db.receipts, db.records, async () => {
    const due = await db.receipts.where('syncedAt').belowOrEqual(cutoff).toArray();
    for (const receipt of due) await db.records.update(receipt.id, { syncedAt: receipt.syncedAt, receivedAt: receipt.receivedAt });
    await db.receipts.bulkDelete(due.map((r) => r.id));
    return due.length;
  });
}

export interface OutboxStatus {
  /**
   * Records still to reach the server: pending and rejected ones. Conflicts are not among them:
   * the server has answered for them and shows them to the owner; they stay on this tablet.
   */
  waiting: number;
  pending: number;
  /** Records the server holds another version of: reported to the owner, kept here as evidence. */
  conflict: number;
  rejected: number;
  /** When the oldest waiting record (not a conflict) was queued, or null when none waits. */
  oldestQueuedAt: string | null;
}

/** Counted on the indexes, in one transaction: a tablet offline for weeks may hold thousands. */
export async function outboxStatus(): Promise<OutboxStatus> {
  return db.transaction('r', db.outbox, async () => {
    const inState = (state: OutboxState) => db.outbox.where('state').equals(state).count();
    const [all, pending, conflict, rejected, oldest] = await Promise.all([
      db.outbox.count(),
      inState('pending'),
      inState('conflict'),
      inState('rejected'),
      // Conflicts wait for nobody: they must not keep the "waiting since" and the overdue warning on.
      db.outbox.orderBy('queuedAt').filter((e) => e.state !== 'conflict').first(),
    ]);
    return { waiting: all - conflict, pending, conflict, rejected, oldestQueuedAt: oldest?.queuedAt ?? null };
  });
}

/** A record the server would not take, as staff see it at close of day. */
export interface SyncProblem {
  recordId: string;
  state: 'conflict' | 'rejected';
  signedAt: string | null;
  orderNumber: string | null;
  customerName: string | null;
  error: SyncError | null;
}

export async function listSyncProblems(): Promise<SyncProblem[]> {
  const rows = (await db.outbox.where('state').anyOf('conflict', 'rejected').toArray()).sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
  const records = await db.records.bulkGet(rows.map((r) => r.recordId));
  return rows.map((row, i) => {
    const record = records[i];
    return {
      recordId: row.recordId,
      state: row.state as 'conflict' | 'rejected',
      signedAt: record?.signedAt ?? null,
      orderNumber: record?.orderNumber ?? null,
      customerName: record?.record?.customer.name ?? null,
      error: row.lastError ?? null,
    };
  });
}

/** Staff send rejected records once more (e.g. after the server was updated); conflicts stay. */
export async function retryRejected(): Promise<number> {
  const now = new Date().toISOString();
  return db.outbox.where('state').equals('rejected').modify({ state: 'pending', nextAttemptAt: now });
}
