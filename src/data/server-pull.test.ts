/** The pull's order merge on a real Dexie database (fake-indexeddb). */
import 'fake-indexeddb/auto';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { fixtureRecord } from '../../shared/record.fixture';
import type { PendingOrder } from '../../shared/shop';
import { createOrder } from './create-order';
import { db } from './db';
import { saveKioskSession } from './kiosk-session';
import { getOrder, listOpenOrders } from './orders';
import { saveSignedRecord } from './records';
import { syncServerOrders } from './server-pull';

const record = fixtureRecord();
const pending = (id: string): PendingOrder => ({ order: { ...record.order, id, number: id }, customer: record.customer, createdAt: '2026-11-29T09:00:00.000Z' });
const openIds = async () => (await listOpenOrders()).map((o) => o.id).sort();

beforeEach(async () => {
  await db.delete();
  await db.open();
});
afterAll(() => db.close());

describe('syncServerOrders', () => {
  it('adds the server orders the tablet lacks, marked as coming from the server', async () => {
    expect(await syncServerOrders([pending('s1'), pending('s2')])).toEqual({ added: 2, closed: 0 });
    expect(await syncServerOrders([pending('s1'), pending('s2')])).toEqual({ added: 0, closed: 0 });
    expect(await getOrder('s1')).toMatchObject({ status: 'open', source: 'server' });
  });

  it('removes an open server order once the server no longer lists it, so it cannot be signed twice', async () => {
    await syncServerOrders([pending('s1'), pending('s2')]);
    // Another tablet signed s1: the server lists only s2 now.
    expect(await syncServerOrders([pending('s2')])).toEqual({ added: 0, closed: 1 });
    expect(await openIds()).toEqual(['s2']);
    expect(await getOrder('s1')).toBeUndefined();
  });

  it('never touches orders typed on this tablet or orders signed here', async () => {
    await createOrder(pending('typed-here'));
    const signedHere = fixtureRecord({ order: pending('s1').order });
    await syncServerOrders([pending('s1')]);
    expect((await saveSignedRecord(signedHere)).ok).toBe(true);

    expect(await syncServerOrders([])).toEqual({ added: 0, closed: 0 });
    expect(await openIds()).toEqual(['typed-here']);
    expect(await getOrder('typed-here')).toMatchObject({ source: 'tablet' });
    expect(await getOrder('s1')).toMatchObject({ status: 'signed', recordId: signedHere.id });
  });

  it('leaves the order a customer is signing right now, and closes it on a later pull', async () => {
    await syncServerOrders([pending('s1')]);
    await saveKioskSession({
      orderId: 's1', staffId: 'staff-1', startedAt: '2026-11-29T10:00:00.000Z', step: 'notice', language: 'de', contact: record.customer,
      mobileInput: '', choices: { letter: false, email: false, sms: false }, health: false, signature: null,
    });
    expect(await syncServerOrders([])).toEqual({ added: 0, closed: 0 });
    await db.kiosk.clear();
    expect(await syncServerOrders([])).toEqual({ added: 0, closed: 1 });
    expect(await openIds()).toEqual([]);
  });
});
