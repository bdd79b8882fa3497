/** A fresh draft for the next customer: the order's contact details prefilled, every channel off. */
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
