/**
 * A fresh draft for the next customer: the order's contact details prefilled, every channel off.
 * The prefilled mobile number is shown the way people read it (+49 171 2345678) once the lazily
 * loaded phone module is there; the record itself keeps E.164.
 */
import type { KioskSession } from '../data/kiosk-session';
import type { OrderRow } from '../data/orders';

export function newKioskSession(options: { order: OrderRow; staffId: string; now?: Date }): KioskSession {
  const { customer } = options.order.pending;
  const now = (options.now ?? new Date()).toISOString();
  return {
    orderId: options.order.id,
    staffId: options.staffId,
    startedAt: now,
    step: 'summary',
    language: 'de',
    contact: { ...customer },
    mobileInput: customer.mobile,
    choices: { letter: false, email: false, sms: false },
    health: false,
    signature: null,
    lastActivityAt: now,
  };
}

/**
 * The draft with its prefilled mobile number readable, or null when there is nothing to change: only
 * while the field still holds the order's E.164 value untouched, never over what the customer typed.
 */
export function withReadableMobile(session: KioskSession, formatMobile: (e164: string) => string): KioskSession | null {
  const { mobile } = session.contact;
  if (mobile === '' || session.mobileInput !== mobile) return null;
  const readable = formatMobile(mobile);
  return readable === mobile ? null : { ...session, mobileInput: readable };
}
