import 'fake-indexeddb/auto';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { fixtureRecord, fixtureShop } from '../../shared/record.fixture';
import { readBootState } from './boot-state';
import { db } from './db';
import { DB_VERSION } from './db-version';
import { readEarlyBootState } from './early-boot';
import { saveKioskSession, type KioskSession } from './kiosk-session';
import { createOrder } from './create-order';
import { makeStaffMember, setUpShop } from './setup';

beforeEach(async () => {
  await db.delete();
});
afterAll(() => db.close());

describe('the start without Dexie', () => {
  it('knows the newest version of the database', () => {
    expect(db.verno).toBe(DB_VERSION);
  });

  it('reads nothing on a first start, and Dexie still sets the database up after it', async () => {
    expect(await readEarlyBootState()).toBeNull();
    await db.open();
    expect(db.tables.map((t) => t.name)).toContain('kiosk');
    expect(await readEarlyBootState()).toMatchObject({ shop: undefined, staffCount: 0 });
  });

  it('reads what Dexie reads: the shop, the staff, the enrolment and a kiosk draft with its order', async () => {
    await db.open();
    const record = fixtureRecord();
    await setUpShop({ shop: fixtureShop(), staff: [await makeStaffMember({ name: 'Anna', pin: '482915' })] });
    await createOrder({ order: record.order, customer: record.customer, createdAt: '2026-11-29T09:00:00.000Z' });
    const session = { orderId: record.order.id, staffId: 'staff-1', startedAt: '2026-11-29T10:00:00.000Z', step: 'contact' } as KioskSession;
    await saveKioskSession(session);
    const early = await readEarlyBootState();
    expect(early).not.toBeNull();
    expect(early).toEqual(await readBootState());
    expect(early).toMatchObject({ shop: { name: fixtureShop().name }, enrolled: false, staffCount: 1, session, sessionOrder: { id: record.order.id } });
  });
});
