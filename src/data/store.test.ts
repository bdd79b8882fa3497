import 'fake-indexeddb/auto';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { fixtureRecord, fixtureShop } from '../../shared/record.fixture';
import type { PendingOrder } from '../../shared/shop';
import { db } from './db';
import { getDeviceId } from './device';
import { clearKioskSession, isAbandoned, loadKioskSession, saveKioskSession, type KioskSession } from './kiosk-session';
import { createOrder } from './create-order';
import { getOrder, listOpenOrders } from './orders';
import { outboxSummary } from './outbox';
import { countRecords, countRecordsSince, getRecord, listRecordsSince, saveSignedRecord } from './records';
import { loadDemoSeed, makeStaffMember, setUpShop } from './setup';
import { getShop, verifyPin } from './shop';

function pendingFor(record = fixtureRecord()): PendingOrder {
  return { order: record.order, customer: record.customer, createdAt: '2026-11-29T09:00:00.000Z' };
}

beforeEach(async () => {
  await db.delete();
  await db.open();
});
afterAll(() => db.close());

describe('signed records', () => {
  it('stores the record, its outbox entry and the signed order in one go', async () => {
    const record = fixtureRecord();
    await createOrder(pendingFor(record));
    const result = await saveSignedRecord(record, new Date('2026-11-29T10:15:31Z'));
    expect(result.ok).toBe(true);
    expect(await getRecord(record.id)).toEqual(record);
    expect(await outboxSummary()).toEqual({ waiting: 1, oldestQueuedAt: '2026-11-29T10:15:31.000Z' });
    expect(await getOrder(record.order.id)).toMatchObject({ status: 'signed', recordId: record.id });
    expect(await listOpenOrders()).toEqual([]);
  });

  it('stores nothing when the record is invalid', async () => {
    const record = structuredClone(fixtureRecord());
    record.customer.name = 'Someone Else';
    const result = await saveSignedRecord(record);
    expect(result).toEqual({ ok: false, message: 'error.hash' });
    expect(await countRecords()).toBe(0);
    expect((await outboxSummary()).waiting).toBe(0);
  });

  it('stores nothing half-way when part of the transaction fails', async () => {
    const record = fixtureRecord();
    await createOrder(pendingFor(record));
    // A stale outbox entry under the same id makes the outbox write fail inside the transaction.
    await db.outbox.add({ recordId: record.id, queuedAt: '2026-01-01T00:00:00.000Z', attempts: 0, state: 'pending', nextAttemptAt: '2026-01-01T00:00:00.000Z' });
    const result = await saveSignedRecord(record);
    expect(result.ok).toBe(false);
    expect(await getRecord(record.id)).toBeUndefined();
    expect(await getOrder(record.order.id)).toMatchObject({ status: 'open' });
  });

  it('refuses a second record for an order that is already signed', async () => {
    const first = fixtureRecord();
    await createOrder(pendingFor(first));
    expect((await saveSignedRecord(first)).ok).toBe(true);
    const second = fixtureRecord({ id: '00000000-0000-4000-8000-0000000000aa' });
    expect(await saveSignedRecord(second)).toEqual({ ok: false, message: 'error.duplicate' });
    expect(await countRecords()).toBe(1);
  });

  it('refuses the same record twice and keeps the first', async () => {
    const record = fixtureRecord();
    expect((await saveSignedRecord(record)).ok).toBe(true);
    expect(await saveSignedRecord(record)).toEqual({ ok: false, message: 'error.duplicate' });
    expect(await countRecords()).toBe(1);
    expect((await outboxSummary()).waiting).toBe(1);
  });

  it('lists the records of a day, newest first', async () => {
    const early = fixtureRecord({ id: '00000000-0000-4000-8000-000000000001', signedAt: '2026-11-29T08:00:00.000Z' });
    const late = fixtureRecord({ id: '00000000-0000-4000-8000-000000000002', signedAt: '2026-11-29T16:00:00.000Z' });
    const yesterday = fixtureRecord({ id: '00000000-0000-4000-8000-000000000003', signedAt: '2026-11-28T16:00:00.000Z' });
    for (const r of [early, late, yesterday]) expect((await saveSignedRecord(r)).ok).toBe(true);
    const rows = await listRecordsSince(new Date('2026-11-29T00:00:00.000Z'));
    expect(rows.map((r) => r.id)).toEqual([late.id, early.id]);
    // A page of them, the newest, and how many there are in all.
    expect((await listRecordsSince(new Date('2026-11-29T00:00:00.000Z'), 1)).map((r) => r.id)).toEqual([late.id]);
    expect(await countRecordsSince(new Date('2026-11-29T00:00:00.000Z'))).toBe(2);
  });
});

describe('orders', () => {
  it('refuses an invalid order and stores nothing', async () => {
    const pending = pendingFor();
    const bad = { ...pending, order: { ...pending.order, totalCents: 1 } };
    await expect(createOrder(bad)).rejects.toThrow('error.total');
    expect(await listOpenOrders()).toEqual([]);
  });
});

describe('shop and staff', () => {
  it('keeps only a salted hash of the PIN and finds the staff member by it', async () => {
    const staff = await makeStaffMember({ name: 'Anna', pin: '482915' });
    expect(JSON.stringify(staff)).not.toContain('482915');
    await setUpShop({ shop: fixtureShop(), staff: [staff] });
    expect(await getShop()).toEqual(fixtureShop());
    const ok = await verifyPin('482915');
    expect(ok.ok && ok.staff.name).toBe('Anna');
    expect(await verifyPin('000000')).toEqual({ ok: false, reason: 'wrong' });
  });

  it('locks PIN entry for 30 seconds after five wrong tries', async () => {
    await setUpShop({ shop: fixtureShop(), staff: [await makeStaffMember({ name: 'Anna', pin: '4829' })] });
    const now = Date.now() + 10 * 60_000;
    for (let i = 0; i < 4; i++) expect(await verifyPin('1111', now)).toEqual({ ok: false, reason: 'wrong' });
    expect(await verifyPin('1111', now)).toMatchObject({ ok: false, reason: 'locked' });
    db.close();
    await db.open(); // a reload does not reset the count
    expect(await verifyPin('4829', now + 1000)).toMatchObject({ ok: false, reason: 'locked' });
    expect((await verifyPin('4829', now + 31_000)).ok).toBe(true);
  });

  it('locks twice as long after each further five wrong tries, until the right PIN', async () => {
    await setUpShop({ shop: fixtureShop(), staff: [await makeStaffMember({ name: 'Anna', pin: '4829' })] });
    let now = Date.now() + 10 * 60_000;
    const lockFor = async () => {
      for (let i = 0; i < 4; i++) await verifyPin('1111', now);
      const locked = await verifyPin('1111', now);
      expect(locked).toMatchObject({ ok: false, reason: 'locked' });
      return (locked as { retryInMs: number }).retryInMs;
    };
    expect(await lockFor()).toBe(30_000);
    now += 30_001;
    expect(await lockFor()).toBe(60_000);
    now += 60_001;
    expect(await lockFor()).toBe(120_000);
    now += 120_001;
    expect((await verifyPin('4829', now)).ok).toBe(true);
    expect(await lockFor()).toBe(30_000);
  });

  it('refuses a PIN that is not 4 to 8 digits', async () => {
    await expect(makeStaffMember({ name: 'Anna', pin: '12' })).rejects.toThrow('error.pin');
    await expect(makeStaffMember({ name: 'Anna', pin: 'abcd' })).rejects.toThrow('error.pin');
  });

  it('refuses an invalid shop and stores nothing', async () => {
    const staff = await makeStaffMember({ name: 'Anna', pin: '4829' });
    await expect(setUpShop({ shop: fixtureShop({ name: '' }), staff: [staff] })).rejects.toThrow('error.required');
    expect(await getShop()).toBeUndefined();
    expect(await db.staff.count()).toBe(0);
  });

  it('loads a demo seed with its orders, and refuses a broken one whole', async () => {
    const staff = await makeStaffMember({ name: 'Demo', pin: '123456' });
    await expect(loadDemoSeed({ shop: fixtureShop(), staff: [staff], orders: [{ bad: true }] })).rejects.toThrow();
    expect(await getShop()).toBeUndefined();
    await loadDemoSeed({ shop: fixtureShop(), staff: [staff], orders: [pendingFor()] });
    expect((await listOpenOrders()).length).toBe(1);
  });
});

describe('kiosk session and device', () => {
  it('keeps the draft across a reload and forgets it when cleared', async () => {
    const session: KioskSession = {
      orderId: 'order-1', staffId: 'staff-1', startedAt: '2026-11-29T10:00:00.000Z', step: 'channels', language: 'en',
      contact: fixtureRecord().customer, mobileInput: '0170 1234567', choices: { letter: false, email: true, sms: false },
      health: false, signature: null,
    };
    await saveKioskSession(session);
    db.close();
    await db.open();
    expect(await loadKioskSession()).toEqual(session);
    await clearKioskSession();
    expect(await loadKioskSession()).toBeUndefined();
  });

  it('counts a draft as abandoned once it has been idle longer than the inactivity time', () => {
    const session = { startedAt: '2026-11-29T10:00:00.000Z', lastActivityAt: '2026-11-29T10:05:00.000Z' } as KioskSession;
    const at = (iso: string) => Date.parse(iso);
    expect(isAbandoned(session, 90, at('2026-11-29T10:06:29.000Z'))).toBe(false);
    expect(isAbandoned(session, 90, at('2026-11-29T10:06:30.000Z'))).toBe(true);
    expect(isAbandoned({ ...session, lastActivityAt: undefined }, 90, at('2026-11-29T10:01:00.000Z'))).toBe(false);
    expect(isAbandoned({ ...session, lastActivityAt: 'garbage' }, 90, at('2026-11-29T10:01:00.000Z'))).toBe(true);
  });

  it('makes the device id once and keeps it', async () => {
    const first = await getDeviceId();
    expect(first).toMatch(/^tablet-[0-9a-f]{16}$/);
    expect(await getDeviceId()).toBe(first);
  });
});
