import 'fake-indexeddb/auto';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { fixtureRecord } from '../../shared/record.fixture';
import { createOrder } from './create-order';
import { db } from './db';
import { minimiseSyncedRecords } from './minimise';
import { getOrder } from './orders';
import { getRecord, saveSignedRecord } from './records';
import { applyOutboxChanges } from './sync-queue';

const A = fixtureRecord({ id: '00000000-0000-4000-8000-00000000000a' });
const B = fixtureRecord({ id: '00000000-0000-4000-8000-00000000000b', order: { ...A.order, id: 'order-b', number: '2026-1129-002' } });

beforeEach(async () => {
  await db.delete();
  await db.open();
  await createOrder({ order: A.order, customer: A.customer, createdAt: '2026-11-29T09:00:00.000Z' });
  for (const r of [A, B]) expect((await saveSignedRecord(r, new Date('2026-11-01T10:00:00.000Z'))).ok).toBe(true);
});
afterAll(() => db.close());

async function acknowledge(id: string, at: string) {
  await applyOutboxChanges([{ id, kind: 'synced', syncedAt: at, receivedAt: at }]);
}

describe('minimiseSyncedRecords', () => {
  it('drops signature and contact details of records synced more than N days ago, keeping id, hash and receipt', async () => {
    await acknowledge(A.id, '2026-11-02T10:00:00.000Z');
    const count = await minimiseSyncedRecords({ now: new Date('2026-11-10T10:00:00.000Z'), afterDays: 7 });
    expect(count).toBe(1);
    const row = await db.records.get(A.id);
    expect(row).toEqual({
      id: A.id,
      signedAt: A.signedAt,
      orderId: A.order.id,
      orderNumber: A.order.number,
      hash: A.hash,
      syncedAt: '2026-11-02T10:00:00.000Z',
      receivedAt: '2026-11-02T10:00:00.000Z',
      minimisedAt: '2026-11-10T10:00:00.000Z',
    });
    expect(JSON.stringify(row)).not.toContain(A.customer.email);
    expect(await getRecord(A.id)).toBeUndefined();
    // The signed order held the same contact details.
    const order = await getOrder(A.order.id);
    expect(order?.status).toBe('signed');
    expect(JSON.stringify(order)).not.toContain(A.customer.name);
    expect(JSON.stringify(order)).not.toContain(A.customer.email);
  });

  it('keeps records synced too recently, and records the server has not acknowledged', async () => {
    await acknowledge(A.id, '2026-11-08T10:00:00.000Z');
    expect(await minimiseSyncedRecords({ now: new Date('2026-11-10T10:00:00.000Z'), afterDays: 7 })).toBe(0);
    expect(await minimiseSyncedRecords({ now: new Date('2026-12-31T10:00:00.000Z'), afterDays: 7 })).toBe(1);
    // B never left the outbox: kept whole whatever its age.
    expect((await getRecord(B.id))?.signature.png).toBe(B.signature.png);
  });

  it('never minimises a record that is still in the outbox, even with a receipt', async () => {
    await db.records.update(B.id, { syncedAt: '2026-11-02T10:00:00.000Z' });
    expect(await minimiseSyncedRecords({ now: new Date('2026-12-31T10:00:00.000Z'), afterDays: 1 })).toBe(0);
    expect(await getRecord(B.id)).toEqual(B);
  });

  it('minimises each record once', async () => {
    await acknowledge(A.id, '2026-11-02T10:00:00.000Z');
    expect(await minimiseSyncedRecords({ now: new Date('2026-11-10T10:00:00.000Z'), afterDays: 7 })).toBe(1);
    expect(await minimiseSyncedRecords({ now: new Date('2026-11-20T10:00:00.000Z'), afterDays: 7 })).toBe(0);
    expect((await db.records.get(A.id))?.minimisedAt).toBe('2026-11-10T10:00:00.000Z');
  });
});

describe('database upgrade to version 2', () => {
  it('fills the new fields of records and outbox rows written by version 1', async () => {
    db.close();
    await db.delete();
    const { default: Dexie } = await import('dexie');
    const v1 = new Dexie('countersign');
    v1.version(1).stores({ settings: 'key', staff: 'id', orders: 'id, status, createdAt', records: 'id, signedAt, orderId', outbox: 'recordId, queuedAt', kiosk: 'key' });
    await v1.open();
    await v1.table('records').add({ id: A.id, signedAt: A.signedAt, orderId: A.order.id, record: A });
    await v1.table('outbox').add({ recordId: A.id, queuedAt: '2026-11-01T10:00:00.000Z', attempts: 2, lastError: 'Failed to fetch' });
    v1.close();

    await db.open();
    expect(await db.records.get(A.id)).toMatchObject({ hash: A.hash, orderNumber: A.order.number, record: A });
    expect(await db.outbox.get(A.id)).toEqual({
      recordId: A.id,
      queuedAt: '2026-11-01T10:00:00.000Z',
      attempts: 2,
      state: 'pending',
      nextAttemptAt: '2026-11-01T10:00:00.000Z',
      lastError: { code: 'server_error', message: 'Failed to fetch' },
    });
  });
});
