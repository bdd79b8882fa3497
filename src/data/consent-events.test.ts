import 'fake-indexeddb/auto';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { CounterEvent } from '../../shared/consent';
import Dexie from 'dexie';
import { DB_VERSION } from './db-version';
import { CountersignDb, db } from './db';
import {
  applyCounterEventChanges,
  counterEventStatus,
  getCounterEvent,
  listPendingCounterEvents,
  listRecentCounterEvents,
  minimiseSyncedCounterEvents,
  retryRejectedCounterEvents,
  saveCounterEvent,
} from './consent-events';

const NOW = new Date('2026-11-29T10:00:00.000Z');

function counterEvent(overrides: Partial<CounterEvent> = {}): CounterEvent {
  return {
    id: '00000000-0000-4000-8000-00000000c001',
    at: '2026-11-29T09:59:00.000Z',
    action: 'objected',
    channels: ['letter'],
    customer: { name: 'Erika Mustermann', street: 'Heidestraße 17', postalCode: '51147', city: 'Köln', email: '', mobile: '' },
    staffId: 'staff-1',
    note: 'telefonisch',
    ...overrides,
  };
}

beforeEach(async () => {
  await db.delete();
  await db.open();
});
afterAll(() => db.close());

describe('saveCounterEvent', () => {
  it('stores the whole event as one pending row', async () => {
    const event = counterEvent();
    expect(await saveCounterEvent(event, NOW)).toEqual({ ok: true, event });
    expect(await getCounterEvent(event.id)).toEqual({
      id: event.id,
      at: event.at,
      action: 'objected',
      channels: ['letter'],
      state: 'pending',
      attempts: 0,
      nextAttemptAt: NOW.toISOString(),
      event,
    });
    expect(await counterEventStatus()).toEqual({ pending: 1, rejected: 0, oldestAt: event.at });
  });

  it('stores nothing when the event is invalid, and says why', async () => {
    const cases: Array<[Partial<CounterEvent>, string]> = [
      [{ channels: [] }, 'error.required'],
      [{ customer: { name: '', street: '', postalCode: '', city: '', email: '', mobile: '' } }, 'error.required'],
      [{ customer: { name: '', street: '', postalCode: '', city: '', email: 'not-an-address', mobile: '' } }, 'error.email'],
      [{ customer: { name: '', street: '', postalCode: '', city: '', email: '', mobile: '0171 2345678' } }, 'error.mobile'],
      [{ id: 'not-a-uuid' }, 'error.invalid'],
    ];
    for (const [overrides, message] of cases) {
      const result = await saveCounterEvent(counterEvent(overrides), NOW);
      expect(result).toMatchObject({ ok: false, message });
    }
    expect(await db.counterEvents.count()).toBe(0);
  });

  it('refuses the same event twice and keeps the first', async () => {
    const first = counterEvent();
    expect((await saveCounterEvent(first, NOW)).ok).toBe(true);
    const again = counterEvent({ note: 'changed' });
    expect(await saveCounterEvent(again, NOW)).toEqual({ ok: false, message: 'error.duplicate' });
    expect(await db.counterEvents.count()).toBe(1);
    expect((await getCounterEvent(first.id))?.event?.note).toBe('telefonisch');
  });

  it('stores nothing half-way when the write fails inside its transaction', async () => {
    const event = counterEvent();
    // The disk refuses the row (quota, a crash): the save reports it, and nothing stays behind.
    const refuse = () => {
      throw new Error('QuotaExceededError');
    };
    db.counterEvents.hook('creating', refuse);
    try {
      expect(await saveCounterEvent(event, NOW)).toMatchObject({ ok: false });
    } finally {
      db.counterEvents.hook('creating').unsubscribe(refuse);
    }
    expect(await db.counterEvents.count()).toBe(0);
    expect(await counterEventStatus()).toEqual({ pending: 0, rejected: 0, oldestAt: null });
    expect((await saveCounterEvent(event, NOW)).ok).toBe(true);
  });
});

describe('receipts and minimisation', () => {
  const a = counterEvent({ id: '00000000-0000-4000-8000-00000000c00a', at: '2026-11-29T08:00:00.000Z' });
  const b = counterEvent({ id: '00000000-0000-4000-8000-00000000c00b', at: '2026-11-29T09:00:00.000Z', action: 'withdrawn', channels: ['email', 'sms'], customer: { name: '', street: '', postalCode: '', city: '', email: 'max@example.com', mobile: '' } });

  it('marks acknowledged events synced and keeps the refused ones for people, in one write', async () => {
    await saveCounterEvent(a, NOW);
    await saveCounterEvent(b, NOW);
    await applyCounterEventChanges([
      { id: a.id, kind: 'synced', syncedAt: NOW.toISOString(), customerId: 'cust-1' },
      { id: b.id, kind: 'update', patch: { state: 'rejected', lastError: { code: 'invalid_request', message: 'No.', issues: [{ path: 'customer.email', message: 'error.email' }] } } },
    ]);
    expect(await getCounterEvent(a.id)).toMatchObject({ state: 'synced', syncedAt: NOW.toISOString(), customerId: 'cust-1', event: a });
    expect(await counterEventStatus()).toEqual({ pending: 0, rejected: 1, oldestAt: b.at });
    expect(await listPendingCounterEvents()).toEqual([]);
    expect((await listRecentCounterEvents()).map((r) => r.id)).toEqual([b.id, a.id]);

    expect(await retryRejectedCounterEvents(NOW)).toBe(1);
    expect((await listPendingCounterEvents()).map((r) => r.id)).toEqual([b.id]);
  });

  it('drops the customer details only after the server has had the event long enough', async () => {
    await saveCounterEvent(a, NOW);
    await saveCounterEvent(b, NOW);
    await applyCounterEventChanges([{ id: a.id, kind: 'synced', syncedAt: NOW.toISOString(), customerId: 'cust-1' }]);

    const sixDaysLater = new Date(NOW.getTime() + 6 * 86_400_000);
    expect(await minimiseSyncedCounterEvents({ now: sixDaysLater, afterDays: 7 })).toBe(0);
    const eightDaysLater = new Date(NOW.getTime() + 8 * 86_400_000);
    expect(await minimiseSyncedCounterEvents({ now: eightDaysLater, afterDays: 7 })).toBe(1);
    const minimised = await getCounterEvent(a.id);
    expect(minimised).toMatchObject({ id: a.id, at: a.at, action: 'objected', channels: ['letter'], state: 'synced', minimisedAt: eightDaysLater.toISOString() });
    expect(minimised?.event).toBeUndefined();
    // Never the one still waiting, and never twice.
    expect((await getCounterEvent(b.id))?.event).toEqual(b);
    expect(await minimiseSyncedCounterEvents({ now: eightDaysLater, afterDays: 7 })).toBe(0);
  });
});

describe('the database upgrade', () => {
  it('brings a version-2 tablet to the newest version, with the counter events table, every record and outbox entry kept', async () => {
    const name = 'countersign-upgrade-test';
    await Dexie.delete(name);
    // Version 2 as tablets in the field have it (db.ts's history up to version 2).
    const old = new Dexie(name);
    old.version(1).stores({ settings: 'key', staff: 'id', orders: 'id, status, createdAt', records: 'id, signedAt, orderId', outbox: 'recordId, queuedAt', kiosk: 'key' });
    old.version(2).stores({ records: 'id, signedAt, orderId, syncedAt', outbox: 'recordId, queuedAt, state' });
    await old.open();
    await old.table('records').add({ id: 'r1', signedAt: '2026-11-28T10:00:00.000Z', orderId: 'o1', orderNumber: 'A-1', hash: 'h' });
    await old.table('outbox').add({ recordId: 'r1', queuedAt: '2026-11-28T10:00:00.000Z', attempts: 0, state: 'pending', nextAttemptAt: '2026-11-28T10:00:00.000Z' });
    old.close();

    const upgraded = new CountersignDb(name);
    await upgraded.open();
    try {
      // Later versions (db-version.ts) must keep this upgrade path too.
      expect(upgraded.verno).toBe(DB_VERSION);
      expect(await upgraded.records.get('r1')).toMatchObject({ orderNumber: 'A-1' });
      expect(await upgraded.outbox.count()).toBe(1);
      expect(await upgraded.counterEvents.count()).toBe(0);
    } finally {
      upgraded.close();
      await Dexie.delete(name);
    }
  });
});
