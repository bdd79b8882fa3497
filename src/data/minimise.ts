/**
 * Data minimisation: some days after the server acknowledged a record, the tablet drops the whole
 * record body (order, contact details, choices, texts shown, signature) and the signed order's
 * contact details; the server keeps all of it. The row keeps the record id, its hash, the order
 * number and the sync receipt, so the tablet can still say what it sent.
 */
import { mayMinimise, minimiseCutoff } from '../../shared/sync-plan';
import { db } from './db';
import { foldReceipts } from './sync-queue';

const NO_CONTACT = { name: '', street: '', postalCode: '', city: '', email: '', mobile: '' };

/** Returns how many records were minimised. Never touches a record that is still in the outbox. */
export async function minimiseSyncedRecords(options: { now: Date; afterDays: number }): Promise<number> {
  const cutoff = minimiseCutoff(options.now, options.afterDays);
  const minimisedAt = options.now.toISOString();
  return db.transaction('rw', [db.records, db.orders, db.outbox, db.receipts], async () => {
    // Receipts wait in their own table (sync-queue.ts); those old enough go onto their rows first.
    await foldReceipts(cutoff);
    const candidates = await db.records.where('syncedAt').belowOrEqual(cutoff).toArray();
    const inOutbox = new Set((await db.outbox.bulkGet(candidates.map((r) => r.id))).flatMap((row) => (row ? [row.recordId] : [])));
    const due = candidates.filter((row) => mayMinimise({ ...row, hasRecord: row.record !== undefined, inOutbox: inOutbox.has(row.id) }, cutoff));
    for (const row of due) {
      await db.records.where('id').equals(row.id).modify((r) => {
        delete r.record;
        r.minimisedAt = minimisedAt;
      });
      // The signed order held the same contact details.
      await db.orders.where('id').equals(row.orderId).modify((o) => {
        if (o.status === 'signed') o.pending = { ...o.pending, customer: { ...NO_CONTACT } };
      });
    }
    return due.length;
  });
}
