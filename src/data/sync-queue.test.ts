import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fixtureRecord } from '../../shared/record.fixture';
import { db } from './db';
import { DB_VERSION } from './db-version';
import { minimiseSyncedRecords } from './minimise';
import { listRecordsSince, saveSignedRecord } from './records';
import { applyOutboxChanges, getSyncReceipt, outboxStatus } from './sync-queue';

const A = fixtureRecord({ id: '00000000-0000-4000-8000-00000000000a' });
const SAVED = new Date('2026-11-01T10:00:00.000Z');
const ACK = '2026-11-02T10:00:00.000Z';

beforeEach(async () => {
  await db.delete();
  await db.open();
  expect((await saveSignedRecord(A, SAVED)).ok).toBe(true);
});
afterAll(() => db.close());

describe('sync receipts', () => {
  it('takes an acknowledged record out of the outbox and writes its receipt apart, leaving the record as it was', async () => {
    const before = await db.records.get(A.id);
    await applyOutboxChanges([{ id: A.id, kind: 'synced', syncedAt: ACK, receivedAt: '2026-11-02T09:59:59.000Z' }]);
    expect((await outboxStatus()).waiting).toBe(0);
    expect(await db.records.get(A.id)).toEqual(before);
    expect(await getSyncReceipt(A.id)).toEqual({ syncedAt: ACK, receivedAt: '2026-11-02T09:59:59.000Z' });
    expect((await listRecordsSince(new Date('2026-10-01T00:00:00.000Z')))[0]).toMatchObject({ id: A.id, syncedAt: ACK, receivedAt: '2026-11-02T09:59:59.000Z' });
  });

  it('writes the receipt and empties the outbox in one transaction: both or neither', async () => {
    const failing = vi.spyOn(db.receipts, 'bulkPut').mockImplementation(() => {
      throw new Error('disk full');
    });
    try {
      await expect(applyOutboxChanges([{ id: A.id, kind: 'synced', syncedAt: ACK, receivedAt: ACK }])).rejects.toThrow();
    } finally {
      failing.mockRestore();
    }
    expect((await outboxStatus()).waiting).toBe(1);
    expect(await getSyncReceipt(A.id)).toBeUndefined();
  });

  it('moves a receipt onto its record when the record is minimised, and keeps it there', async () => {
    await applyOutboxChanges([{ id: A.id, kind: 'synced', syncedAt: ACK, receivedAt: ACK }]);
    expect(await minimiseSyncedRecords({ now: new Date('2026-11-05T10:00:00.000Z'), afterDays: 7 })).toBe(0);
    expect(await db.receipts.count()).toBe(1);
    expect(await minimiseSyncedRecords({ now: new Date('2026-11-10T10:00:00.000Z'), afterDays: 7 })).toBe(1);
    expect(await db.receipts.count()).toBe(0);
    expect(await db.records.get(A.id)).toMatchObject({ syncedAt: ACK, receivedAt: ACK, minimisedAt: '2026-11-10T10:00:00.000Z' });
    expect(await getSyncReceipt(A.id)).toEqual({ syncedAt: ACK, receivedAt: ACK });
  });
});

describe('a tablet upgraded from version 3', () => {
  it('keeps the receipts that version 3 wrote on the record rows: shown as synced, minimised only after N days', async () => {
    const old = fixtureRecord({ id: '00000000-0000-4000-8000-0000000000b3' });
    db.close();
    await Dexie.delete(db.name);
    // Version 3 as tablets in the field have it (db.ts's history up to version 3), with a synced and a waiting record.
    const v3 = new Dexie(db.name);
    v3.version(1).stores({ settings: 'key', staff: 'id', orders: 'id, status, createdAt', records: 'id, signedAt, orderId', outbox: 'recordId, queuedAt', kiosk: 'key' });
    v3.version(2).stores({ records: 'id, signedAt, orderId, syncedAt', outbox: 'recordId, queuedAt, state' });
    v3.version(3).stores({ counterEvents: 'id, at, state, syncedAt' });
    await v3.open();
    await v3.table('records').bulkAdd([
      { id: old.id, signedAt: old.signedAt, orderId: old.order.id, orderNumber: old.order.number, hash: old.hash, record: old, syncedAt: ACK, receivedAt: '2026-11-02T09:59:59.000Z' },
      { id: A.id, signedAt: A.signedAt, orderId: A.order.id, orderNumber: A.order.number, hash: A.hash, record: A },
    ]);
    await v3.table('outbox').add({ recordId: A.id, queuedAt: SAVED.toISOString(), attempts: 0, state: 'pending', nextAttemptAt: SAVED.toISOString() });
    v3.close();

    await db.open();
    expect(db.verno).toBe(DB_VERSION);
    expect(await getSyncReceipt(old.id)).toEqual({ syncedAt: ACK, receivedAt: '2026-11-02T09:59:59.000Z' });
    expect(await getSyncReceipt(A.id)).toBeUndefined();
    const rows = await listRecordsSince(new Date('2026-01-01T00:00:00.000Z'));
    expect(rows.find((r) => r.id === old.id)).toMatchObject({ syncedAt: ACK });
    expect(rows.find((r) => r.id === A.id)?.syncedAt).toBeUndefined();
    expect(await minimiseSyncedRecords({ now: new Date('2026-11-05T10:00:00.000Z'), afterDays: 7 })).toBe(0);
    expect(await minimiseSyncedRecords({ now: new Date('2026-11-10T10:00:00.000Z'), afterDays: 7 })).toBe(1);
    expect(await db.records.get(old.id)).toMatchObject({ syncedAt: ACK, minimisedAt: '2026-11-10T10:00:00.000Z' });
    expect((await db.records.get(A.id))?.record).toEqual(A);
    expect((await outboxStatus()).waiting).toBe(1);
  });
});
