/**
 * The JSON Schemas of openapi.ts's components, written by hand from the shared valibot schemas
 * (shared/record.ts, shared/shop.ts, shared/consent.ts, shared/api.ts), which decide what is valid.
 * openapi.test.ts compares each one with its valibot schema: keys, required keys, types and limits.
 */
import type { ApiErrorCode } from '../../shared/api';
import { LANGUAGES } from '../../shared/channels';
import { CONSENT_TOPICS } from '../../shared/consent';
import { RECORD_VERSION } from '../../shared/record';
import { TEXT_KINDS } from '../../shared/shop';

type Schema = Record<string, unknown>;

export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
export const nullable = (schema: Schema) => ({ oneOf: [{ type: 'null' }, schema] });

/** A strict object: no other properties; every property required unless named in `optional`. */
export const object = (properties: Record<string, Schema>, { optional = [], ...extra }: { optional?: string[]; description?: string } = {}) => ({
  type: 'object',
  additionalProperties: false,
  required: Object.keys(properties).filter((key) => !optional.includes(key)),
  properties,
  ...extra,
});

export const string = { type: 'string' };
/** Trimmed, not empty, at most `max` characters. */
export const text = (max: number) => ({ type: 'string', minLength: 1, maxLength: max, description: 'Trimmed; not empty.' });
const upTo = (max: number) => ({ type: 'string', maxLength: max });
const int = (minimum: number, maximum?: number) => ({ type: 'integer', minimum, ...(maximum === undefined ? {} : { maximum }) });
export const isoTime = { type: 'string', format: 'date-time' };
const uuid = { type: 'string', format: 'uuid' };
const sha256 = { type: 'string', pattern: '^[0-9a-f]{64}$' };
const finite = { type: 'number', description: 'Finite.' };
const cents = int(0, 1_000_000_000);
/** shop.ts's ids (shop, texts, staff). */
const shopId = { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' };
/** record.ts's ids (orders, capture). */
const recordId = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' };
const language = { enum: [...LANGUAGES] };
const email = (max: number) => ({ type: 'string', maxLength: max, format: 'email' });
const optionalEmail = { anyOf: [{ const: '' }, email(254)], description: 'An e-mail address, or empty.' };
const optionalMobile = { anyOf: [{ const: '' }, { type: 'string', pattern: '^\\+[1-9]\\d{6,14}$' }], description: 'E.164 (+49…), or empty.' };

const shopText = object({ id: shopId, version: int(1), de: text(20_000), en: text(20_000) });

const shopConfig = object(
  {
    id: shopId,
    name: text(200),
    street: text(120),
    postalCode: text(10),
    city: text(80),
    controller: object({ name: text(200), email: { ...text(254), format: 'email' }, phone: upTo(40) }),
    dpo: nullable(object({ name: text(200), email: { ...text(254), format: 'email' } })),
    texts: object(Object.fromEntries(TEXT_KINDS.map((kind) => [kind, ref('ShopText')]))),
    askHealth: { type: 'boolean' },
    inactivitySeconds: { ...int(30, 600), description: 'Seconds without a touch before the kiosk discards the draft and locks.' },
    minimiseAfterDays: { ...int(1, 365), description: "Days after the server's receipt when the tablet drops signature and contact details; 7 when absent." },
    syncWarnDays: { ...int(1, 30), description: 'Days an unsynced record may wait before staff are warned; 3 when absent.' },
  },
  { optional: ['minimiseAfterDays', 'syncWarnDays'] },
);

const contact = object({
  name: text(120),
  street: text(120),
  postalCode: { type: 'string', pattern: '^[A-Za-z0-9 -]{3,10}$' },
  city: text(80),
  email: optionalEmail,
  mobile: optionalMobile,
});

const order = object({
  id: recordId,
  number: text(40),
  items: {
    type: 'array',
    minItems: 1,
    maxItems: 100,
    items: object({ description: text(200), quantity: int(1, 999), unitPriceCents: cents }),
  },
  totalCents: { ...cents, description: 'Must equal the sum of quantity × unitPriceCents.' },
  depositCents: { ...cents, description: 'At most totalCents.' },
  currency: { const: 'EUR' },
  pickupDate: { type: 'string', format: 'date' },
});

const textRef = object({
  id: recordId,
  version: int(1),
  language,
  text: { ...upTo(20_000), description: 'The exact words shown.' },
  sha256: { ...sha256, description: 'SHA-256 of `text` (UTF-8); the server checks it.' },
});
const choice = object({ granted: { type: 'boolean' }, contact: { ...nullable(upTo(400)), description: 'The address, e-mail address or mobile number the choice applies to; required (the customer\'s own) when granted.' } });

const signedRecord = object(
  {
    schemaVersion: { const: RECORD_VERSION },
    id: uuid,
    signedAt: isoTime,
    timeZone: upTo(64),
    language,
    shop: object({ id: recordId, name: text(200) }),
    order: ref('Order'),
    customer: ref('Contact'),
    shown: object({ notice: textRef, letter: textRef, email: textRef, sms: textRef, health: nullable(textRef) }),
    choices: object({ letter: choice, email: choice, sms: choice }),
    health: { ...nullable(object({ granted: { type: 'boolean' } })), description: 'Null exactly when shown.health is null.' },
    capture: object({ deviceId: recordId, staffId: recordId, appVersion: { type: 'string', minLength: 1, maxLength: 40 }, userAgent: upTo(400) }),
    signature: object({
      width: { ...finite, minimum: 1 },
      height: { ...finite, minimum: 1 },
      strokes: {
        type: 'array',
        minItems: 1,
        maxItems: 500,
        items: object({ points: { type: 'array', minItems: 1, maxItems: 20_000, items: object({ x: finite, y: finite, time: finite, pressure: finite }) } }),
      },
      png: { type: 'string', pattern: '^data:image/png;base64,', maxLength: 2_000_000 },
    }),
    hash: { ...sha256, description: 'SHA-256 over the canonical JSON of every other field (shared/canonical.ts). The server recomputes it.' },
  },
  { description: 'A signed record, as shared/record.ts defines and validates it.' },
);

const counterEvent = object(
  {
    id: { ...uuid, description: 'Made on the tablet; the upload is idempotent by it.' },
    at: { ...isoTime, description: 'When staff recorded it.' },
    action: { enum: ['withdrawn', 'objected'], description: 'Withdrawal of a consent (Art. 7(3)) or objection to advertising (Art. 21(2)).' },
    channels: {
      type: 'array',
      minItems: 1,
      maxItems: CONSENT_TOPICS.length,
      items: { enum: [...CONSENT_TOPICS] },
      description: "Marketing channels and/or 'health' (the Art. 9 consent to keep prescription values). 'health' only with action withdrawn: an objection naming it is refused (error.objectionHealth).",
    },
    customer: object(
      { name: upTo(120), street: upTo(120), postalCode: upTo(10), city: upTo(80), email: optionalEmail, mobile: optionalMobile },
      { description: 'At least an e-mail address or a mobile number, or else name, street and postal code.' },
    ),
    staffId: { type: 'string', minLength: 1, maxLength: 64 },
    note: { ...upTo(500), description: 'Free text from staff; may be empty.' },
  },
  { description: 'A withdrawal or objection recorded at the counter, as shared/consent.ts defines and validates it.' },
);

const issue = object({ path: string, message: string });

export const API_ERROR_CODES = [
  'unauthenticated',
  'invalid_token',
  'device_revoked',
  'invalid_code',
  'malformed_json',
  'invalid_request',
  'invalid_record',
  'too_large',
  'conflict',
  'not_found',
  'too_many_attempts',
  'server_error',
] as const satisfies readonly ApiErrorCode[];

export const schemas = {
  ApiError: {
    type: 'object',
    required: ['error', 'message'],
    properties: {
      error: { enum: [...API_ERROR_CODES] },
      message: { type: 'string', description: 'Plain English, for people.' },
      records: {
        description: 'For invalid_record: each bad record with its index in the batch and its issues (i18n keys from shared/record.ts).',
        type: 'array',
        items: object({ index: { type: 'integer' }, id: { type: ['string', 'null'] }, issues: { type: 'array', items: issue } }),
      },
      issues: { description: 'For invalid_request: what is wrong with the body, by dotted path.', type: 'array', items: issue },
    },
  },
  ShopText: shopText,
  ShopConfig: shopConfig,
  StaffMember: object({ id: shopId, name: text(80), pinHash: sha256, salt: { type: 'string', pattern: '^[0-9a-f]{32}$' } }),
  Contact: contact,
  Order: order,
  PendingOrder: object({ order: ref('Order'), customer: ref('Contact'), createdAt: isoTime }),
  SignedRecord: signedRecord,
  CounterEvent: counterEvent,
  EnrolResponse: object({
    deviceId: string,
    token: string,
    deviceName: {
      type: 'string',
      minLength: 1,
      maxLength: 80,
      description: 'The name the server stored and the owner sees: the one sent, or with the next free number when an active tablet has it ("Tablet Theke 2"). Servers before it sent none; a tablet then keeps the name it sent.',
    },
    shop: nullable(ref('ShopConfig')),
    staff: { type: 'array', items: ref('StaffMember') },
  }),
};
