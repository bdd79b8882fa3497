/** Turns the customer's finished draft into a sealed record. Pure, so unit tests cover it. */
import { CHANNELS, type Channel, type Language } from '../../shared/channels';
import { postalAddress, sealRecord, type Choice, type SignedRecord, type TextRef } from '../../shared/record';
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
  // Each text is kept as it was last rendered (words and language), even if the shop's copy changed since.
  const shown = (kind: TextKind) => session.seen?.[kind] ?? textRef(shop.texts[kind], language);
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

/**
 * The session's `seen` after the given texts were rendered in `language`, or null when it holds
 * exactly those already (so rendering the same step again writes nothing).
 */
export function markSeen(
  seen: KioskSession['seen'],
  shop: ShopConfig,
  kinds: readonly TextKind[],
  language: Language,
): NonNullable<KioskSession['seen']> | null {
  const rendered = kinds.map((kind) => [kind, textRef(shop.texts[kind], language)] as const);
  const same = (a: TextRef | undefined, b: TextRef) => a?.id === b.id && a.version === b.version && a.language === b.language && a.sha256 === b.sha256;
  if (rendered.every(([kind, ref]) => same(seen?.[kind], ref))) return null;
  return { ...seen, ...Object.fromEntries(rendered) };
}
