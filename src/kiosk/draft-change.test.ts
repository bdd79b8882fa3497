import { describe, expect, it } from 'vitest';
import { fixtureRecord } from '../../shared/record.fixture';
import type { KioskSession } from '../data/kiosk-session';
import { activityDue, changeDraft } from './draft-change';
import { newKioskSession } from './new-session';

const record = fixtureRecord();
const session: KioskSession = {
  orderId: record.order.id, staffId: 'staff-1', startedAt: '2026-11-29T10:00:00.000Z', step: 'contact', language: 'de',
  contact: record.customer, mobileInput: '0170 1234567', choices: { letter: false, email: false, sms: false }, health: false,
  signature: null, lastActivityAt: '2026-11-29T10:00:00.000Z',
};

describe('changeDraft', () => {
  it('stamps every change with the time it was made', () => {
    const now = new Date('2026-11-29T10:03:07.000Z');
    expect(changeDraft(session, { health: true }, undefined, now)).toEqual({ ...session, health: true, lastActivityAt: now.toISOString() });
    expect(changeDraft(session, {}, 'channels', now)).toMatchObject({ step: 'channels', lastActivityAt: now.toISOString() });
  });
});

describe('newKioskSession', () => {
  it('starts a draft with its activity time, so even an untouched draft can expire', () => {
    const now = new Date('2026-11-29T11:00:00.000Z');
    const order = { id: record.order.id, status: 'open' as const, createdAt: now.toISOString(), pending: { order: record.order, customer: record.customer, createdAt: now.toISOString() } };
    expect(newKioskSession({ order, staffId: 'staff-1', now })).toMatchObject({ startedAt: now.toISOString(), lastActivityAt: now.toISOString() });
  });
});

describe('activityDue', () => {
  it('writes a touch without a change at most every 10 seconds', () => {
    expect(activityDue(session, new Date('2026-11-29T10:00:09.999Z'))).toBe(false);
    expect(activityDue(session, new Date('2026-11-29T10:00:10.000Z'))).toBe(true);
  });

  it('writes at once when the draft has no activity time yet', () => {
    expect(activityDue({}, new Date('2026-11-29T10:00:00.000Z'))).toBe(true);
    expect(activityDue({ lastActivityAt: 'garbage' }, new Date('2026-11-29T10:00:00.000Z'))).toBe(true);
  });

  it('writes at once when the clock went back', () => {
    expect(activityDue(session, new Date('2026-11-29T09:00:00.000Z'))).toBe(true);
  });
});
