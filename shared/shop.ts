/**
 * The shop's configuration as the tablet keeps it: who the controller is, which notice and
 * consent texts are shown, and the kiosk's settings. Also the demo seed that `npm start` serves.
 */
import * as v from 'valibot';
import { sha256Hex } from './canonical';
import type { Language } from './channels';
import { ContactSchema, OrderSchema, type ErrorKey, type TextRef } from './record';
export { PIN_HASH, PIN_PATTERN } from './pin-params';

const msg = (key: ErrorKey) => key;
const required = (max: number) =>
  v.pipe(v.string(msg('error.invalid')), v.trim(), v.nonEmpty(msg('error.required')), v.maxLength(max, msg('error.tooLong')));
const optional = (max: number) => v.pipe(v.string(msg('error.invalid')), v.trim(), v.maxLength(max, msg('error.tooLong')));
const id = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/));

/** One text shown to the customer, in every language, under one id and version. */
export const ShopTextSchema = v.strictObject({
  id,
  version: v.pipe(v.number(), v.integer(), v.minValue(1)),
  de: required(20_000),
  en: required(20_000),
});

export const TEXT_KINDS = ['notice', 'letter', 'email', 'sms', 'health'] as const;
export type TextKind = (typeof TEXT_KINDS)[number];

export const ShopConfigSchema = v.strictObject({
  id,
  name: required(200),
  street: required(120),
  postalCode: required(10),
  city: required(80),
  /** The controller under Art. 4(7): who is responsible, and how to reach them. */
  controller: v.strictObject({ name: required(200), email: v.pipe(required(254), v.email(msg('error.email'))), phone: optional(40) }),
  /** Optional data-protection officer. */
  dpo: v.nullable(v.strictObject({ name: required(200), email: v.pipe(required(254), v.email(msg('error.email'))) })),
  texts: v.strictObject({
    notice: ShopTextSchema,
    letter: ShopTextSchema,
    email: ShopTextSchema,
    sms: ShopTextSchema,
    health: ShopTextSchema,
  }),
  askHealth: v.boolean(),
  /** Seconds without a touch before the kiosk discards the draft and locks. */
  inactivitySeconds: v.pipe(v.number(), v.integer(), v.minValue(30), v.maxValue(600)),
  /** Days after the server's receipt when the tablet drops signature and contact details; 7 when unset. */
  minimiseAfterDays: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(365))),
  /** Days an unsynced record may wait before staff are warned; 3 when unset. */
  syncWarnDays: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(30))),
});
export type ShopConfig = v.InferOutput<typeof ShopConfigSchema>;
export type ShopText = v.InferOutput<typeof ShopTextSchema>;

export const StaffMemberSchema = v.strictObject({
  id,
  name: required(80),
  /** Hex PBKDF2-SHA-256 of the PIN with the salt below; the PIN itself is never stored. */
  pinHash: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/)),
  salt: v.pipe(v.string(), v.regex(/^[0-9a-f]{32}$/)),
});
export type StaffMember = v.InferOutput<typeof StaffMemberSchema>;

/** An order before it is signed, as staff type it or as the shop's software pushes it. */
export const PendingOrderSchema = v.strictObject({
  order: OrderSchema,
  customer: ContactSchema,
  createdAt: v.pipe(v.string(), v.isoTimestamp()),
});
export type PendingOrder = v.InferOutput<typeof PendingOrderSchema>;

export const DemoSeedSchema = v.strictObject({
  shop: ShopConfigSchema,
  staff: v.pipe(v.array(StaffMemberSchema), v.minLength(1)),
  orders: v.array(PendingOrderSchema),
});
export type DemoSeed = v.InferOutput<typeof DemoSeedSchema>;

/** The reference that a record keeps of the exact words shown. */
export function textRef(text: ShopText, language: Language): TextRef {
  return { id: text.id, version: text.version, language, text: text[language], sha256: sha256Hex(text[language]) };
}
