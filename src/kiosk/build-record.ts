/** Turns the customer's finished draft into a sealed record. Pure, so unit tests cover it. */
import { CHANNELS, type Channel } from '../../shared/channels';
import { postalAddress, sealRecord, type Choice, type SignedRecord } from '../../shared/record';
import { textRef, type PendingOrder, type ShopConfig } from '../../shared/shop';
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
      notice: textRef(shop.texts.notice, language),
      letter: textRef(shop.texts.letter, language),
      email: textRef(shop.texts.email, language),
      sms: textRef(shop.texts.sms, language),
      health: shop.askHealth ? textRef(shop.texts.health, language) : null,
    },
    choices,
    health: shop.askHealth ? { granted: session.health } : null,
    capture: { deviceId: o.deviceId, staffId: session.staffId, appVersion: o.appVersion, userAgent: o.userAgent.slice(0, 400) },
    signature: { width: session.signature.width, height: session.signature.height, strokes: session.signature.strokes, png: session.signature.png },
  });
}
