import { describe, expect, it } from 'vitest';
import { formatMobile } from '../../shared/phone';
import type { OrderRow } from '../data/orders';
import { newKioskSession, withReadableMobile } from './new-session';

const order = {
  id: 'order-1',
  status: 'open',
  pending: {
    customer: { name: 'Anna Schäfer', street: 'Goethestraße 12', postalCode: '80336', city: 'München', email: 'anna@example.com', mobile: '+491712345678' },
  },
} as unknown as OrderRow;

describe('the prefilled mobile number', () => {
  const fresh = () => newKioskSession({ order, staffId: 'staff-1', now: new Date('2026-11-29T10:00:00.000Z') });

  it('shows as people read it, while the draft keeps E.164 for the record', () => {
    const session = withReadableMobile(fresh(), formatMobile)!;
    expect(session.mobileInput).toBe('+49 171 2345678');
    expect(session.contact.mobile).toBe('+491712345678');
    expect(session.lastActivityAt).toBe('2026-11-29T10:00:00.000Z');
  });

  it('leaves what the customer typed, and an order without a mobile number, alone', () => {
    expect(withReadableMobile({ ...fresh(), mobileInput: '0152 98765432' }, formatMobile)).toBeNull();
    expect(withReadableMobile({ ...fresh(), mobileInput: '' }, formatMobile)).toBeNull();
    const none = newKioskSession({ order: { ...order, pending: { ...order.pending, customer: { ...order.pending.customer, mobile: '' } } }, staffId: 's' });
    expect(withReadableMobile(none, formatMobile)).toBeNull();
    expect(withReadableMobile(withReadableMobile(fresh(), formatMobile)!, formatMobile)).toBeNull();
  });
});
