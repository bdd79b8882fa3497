/**
 * Signed records. A record and its outbox entry are written in one transaction, and the order is
 * marked signed in the same one: either all of it is stored, or none of it. A row keeps its id,
 * hash and sync receipt for good; the record itself may be minimised away after its sync.
 */
import { parseSignedRecord, type SignedRecord } from '../../shared/record';
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

/** Records signed since the given time, newest first: at most `limit` of them, read by index, each with its sync receipt. */
export async function listRecordsSince(since: Date, limit = Infinity): Promise<RecordRow[]> {
  return db.transaction('r', db.records, db.receipts, async () => {
    const newest = db.records.where('signedAt').aboveOrEqual(since.toISOString()).reverse();
    const rows = await (Number.isFinite(limit) ? newest.limit(limit) : newest).toArray();
    const receipts = await db.receipts.bulkGet(rows.map((r) => r.id));
    return rows.map((row, i) => {
      const receipt = receipts[i];
      return receipt ? { ...row, syncedAt: receipt.syncedAt, receivedAt: receipt.receivedAt } : row;
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

