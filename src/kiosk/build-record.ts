/** Turns the customer's finished draft into a sealed record. Pure, so unit tests cover it. */
import { CHANNELS, type Channel } from '../../shared/channels';
import { postalAddress, sealRecord, type Choice, type SignedRecord } from '../../shared/record';
import { textRef, type PendingOrder, type ShopConfig, type TextKind } from '../../shared/shop';
import type { KioskSession } from '../data/kiosk-session';

export interface BuildRecordOptions {
  id: string;
  session: KioskSession;
  shop: ShopConfig;
  pending: PendingOrder;
  deviceId: string;
  appVersion: string;
  userAgent: string;
  now: Date;
  timeZone: string;
}

export function buildRecord(o: BuildRecordOptions): SignedRecord {
  const { session, shop } = o;
  const language = session.language;
  const customer = session.contact;
  if (!session.signature) throw new Error('error.signature');
  // Each text is referenced in the language it was last shown in, which need not be the final one.
  const shown = (kind: TextKind) => textRef(shop.texts[kind], session.seen?.[kind] ?? language);
  const contactFor: Record<Channel, string> = {
    letter: postalAddress(customer),
    email: customer.email,
    sms: customer.mobile,
  };
  const choices = Object.fromEntries(
    CHANNELS.map((channel): [Channel, Choice] => [
      channel,
      { granted: session.choices[channel], contact: contactFor[channel] === '' ? null : contactFor[channel] },
    ]),
  ) as Record<Channel, Choice>;

  return sealRecord({
    schemaVersion: 1,
    id: o.id,
    signedAt: o.now.toISOString(),
    timeZone: o.timeZone,
    language,
    shop: { id: shop.id, name: shop.name },
    order: o.pending.order,
    customer,
    shown: {
      notice: shown('notice'),
      letter: shown('letter'),
      email: shown('email'),
      sms: shown('sms'),
      health: shop.askHealth ? shown('health') : null,
    },
    choices,
    health: shop.askHealth ? { granted: session.health } : null,
    capture: { deviceId: o.deviceId, staffId: session.staffId, appVersion: o.appVersion, userAgent: o.userAgent.slice(0, 400) },
    signature: { width: session.signature.width, height: session.signature.height, strokes: session.signature.strokes, png: session.signature.png },
  });
}
