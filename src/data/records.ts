/**
 * Signed records. A record and its outbox entry are written in one transaction, and the order is
 * marked signed in the same one: either all of it is stored, or none of it. A row keeps its id,
 * hash and sync receipt for good; the record itself may be minimised away after its sync.
 */
import { parseSignedRecord, type SignedRecord } from '../../shared/record';
import type { OutboxState } from '../../shared/sync-plan';
import { db, type RecordRow } from './db';

export type { RecordRow };

export type SaveResult = { ok: true; record: SignedRecord } | { ok: false; message: string };

/** Resolves only after IndexedDB has committed the transaction; only then may the UI say "saved". */
export async function saveSignedRecord(record: SignedRecord, now = new Date()): Promise<SaveResult> {
  const parsed = parseSignedRecord(record);
  if (!parsed.ok) return { ok: false, message: parsed.issues[0]!.message };
  const stored = parsed.value;
  try {
    await db.transaction('rw', [db.records, db.outbox, db.orders], async () => {
      if (await db.records.get(stored.id)) throw new Error('error.duplicate');
      // Checked here, inside the transaction, so two saves for one order cannot both pass.
      const order = await db.orders.get(stored.order.id);
      if (order && order.status !== 'open') throw new Error('error.duplicate');
      await db.records.add({ id: stored.id, signedAt: stored.signedAt, orderId: stored.order.id, orderNumber: stored.order.number, hash: stored.hash, record: stored });
      await db.outbox.add({ recordId: stored.id, queuedAt: now.toISOString(), attempts: 0, state: 'pending', nextAttemptAt: now.toISOString() });
      await db.orders.update(stored.order.id, { status: 'signed', recordId: stored.id });
    });
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  return { ok: true, record: stored };
}

/** The whole record, or undefined when it is unknown or was minimised after its sync. */
export async function getRecord(id: string): Promise<SignedRecord | undefined> {
  return (await db.records.get(id))?.record;
}

/** A listed record: its row with the sync receipt, and while it is in the outbox, the outbox state. */
export interface ListedRecord extends RecordRow {
  /** 'conflict': the server has another version under this id and shows it to the owner; the record does not wait. */
  outboxState?: OutboxState;
}

/** Records signed since the given time, newest first: at most `limit` of them, read by index, each with its sync receipt and outbox state. */
export async function listRecordsSince(since: Date, limit = Infinity): Promise<ListedRecord[]> {
  return db.transaction('r', db.records, db.receipts, db.outbox, async () => {
    const newest = db.records.where('signedAt').aboveOrEqual(since.toISOString()).reverse();
    const rows = await (Number.isFinite(limit) ? newest.limit(limit) : newest).toArray();
    const ids = rows.map((r) => r.id);
    const [receipts, outbox] = await Promise.all([db.receipts.bulkGet(ids), db.outbox.bulkGet(ids)]);
    return rows.map((row, i) => {
      const receipt = receipts[i];
      const state = outbox[i]?.state;
      const listed: ListedRecord = receipt ? { ...row, syncedAt: receipt.syncedAt, receivedAt: receipt.receivedAt } : row;
      return state ? { ...listed, outboxState: state } : listed;
    });
  });
}

/** How many records were signed since the given time, counted on the index. */
export async function countRecordsSince(since: Date): Promise<number> {
  return db.records.where('signedAt').aboveOrEqual(since.toISOString()).count();
}

export async function countRecords(): Promise<number> {
  return db.records.count();
}

