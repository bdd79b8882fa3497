/**
 * Taking in a batch of signed records: every record is validated with the shared schema and its
 * hash recomputed (parseSignedRecord) before anything is written; one bad record refuses the whole
 * batch. A good batch is stored in one transaction, idempotent by record id (store.records.save).
 */
import type { ApiError } from '../../shared/api';
import { parseSignedRecord, storedRecordJson } from '../../shared/record';
import type { RecordSaveResult, RecordToSave, Store } from '../store/store';

export type InvalidRecord = NonNullable<ApiError['records']>[number];

export type UploadOutcome = { ok: true; results: RecordSaveResult[] } | { ok: false; invalid: InvalidRecord[] };

export async function uploadRecords({
  store,
  deviceId,
  records,
  now,
}: {
  store: Store;
  deviceId: string;
  records: readonly unknown[];
  now: Date;
}): Promise<UploadOutcome> {
  const invalid: InvalidRecord[] = [];
  const valid: RecordToSave[] = [];
  records.forEach((raw, index) => {
    const parsed = parseSignedRecord(raw);
    if (!parsed.ok) {
      invalid.push({ index, id: idOf(raw), issues: parsed.issues });
      return;
    }
    const record = parsed.value;
    // The validated value is stored, as the canonical form its hash was just checked against.
    valid.push({ id: record.id, hash: record.hash, signedAt: record.signedAt, orderId: record.order.id, body: storedRecordJson(record), record });
  });
  if (invalid.length > 0) return { ok: false, invalid };
  return { ok: true, results: await store.records.save({ deviceId, receivedAt: now.toISOString(), records: valid }) };
}

function idOf(raw: unknown): string | null {
  const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id.slice(0, 64) : null;
}
