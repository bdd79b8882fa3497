/**
 * The signed record: its schema, its version and its upgrades, in one module that the tablet, the
 * service worker and the server all import. Types are inferred from the schema, never written twice.
 *
 * Validation messages are i18n keys (see ErrorKey), so each side can say them in the user's language.
 */
import * as v from 'valibot';
import { canonicalJson, sha256Hex } from './canonical';
import { CHANNELS, LANGUAGES } from './channels';

export const RECORD_VERSION = 1;

/** Every message a schema in this module can produce; each language file translates all of them. */
export type ErrorKey =
  | 'error.required'
  | 'error.tooLong'
  | 'error.email'
  | 'error.mobile'
  | 'error.postalCode'
  | 'error.date'
  | 'error.quantity'
  | 'error.price'
  | 'error.depositAboveTotal'
  | 'error.total'
  | 'error.noItems'
  | 'error.channelContact'
  | 'error.signature'
  | 'error.hash'
  | 'error.invalid';

const msg = (key: ErrorKey) => key;

const text = (max: number) =>
  v.pipe(v.string(msg('error.invalid')), v.trim(), v.nonEmpty(msg('error.required')), v.maxLength(max, msg('error.tooLong')));
const id = v.pipe(v.string(), v.minLength(1), v.maxLength(64), v.regex(/^[A-Za-z0-9_-]+$/));
const sha256 = v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, msg('error.hash')));
const cents = v.pipe(v.number(msg('error.price')), v.integer(msg('error.price')), v.minValue(0, msg('error.price')), v.maxValue(10_000_000_00, msg('error.price')));
const timestamp = v.pipe(v.string(), v.isoTimestamp(msg('error.date')));
const isoDate = v.pipe(v.string(msg('error.date')), v.isoDate(msg('error.date')));
const finite = v.pipe(v.number(), v.finite());

/** An e-mail address as typed by a person: trimmed, and checked for a plausible shape. */
export const EmailSchema = v.pipe(v.string(), v.trim(), v.maxLength(254, msg('error.tooLong')), v.email(msg('error.email')));
/** A mobile number in E.164 form; shared/phone.ts turns what a person types into this. */
export const E164Schema = v.pipe(v.string(), v.regex(/^\+[1-9]\d{6,14}$/, msg('error.mobile')));

export const LineItemSchema = v.strictObject({
  description: text(200),
  quantity: v.pipe(v.number(msg('error.quantity')), v.integer(msg('error.quantity')), v.minValue(1, msg('error.quantity')), v.maxValue(999, msg('error.quantity'))),
  unitPriceCents: cents,
});

export const OrderSchema = v.pipe(
  v.strictObject({
    id,
    number: text(40),
    items: v.pipe(v.array(LineItemSchema), v.minLength(1, msg('error.noItems')), v.maxLength(100, msg('error.tooLong'))),
    totalCents: cents,
    depositCents: cents,
    currency: v.literal('EUR'),
    pickupDate: isoDate,
  }),
  v.forward(
    v.check((o) => o.totalCents === orderTotal(o.items), msg('error.total')),
    ['totalCents'],
  ),
  v.forward(
    v.check((o) => o.depositCents <= o.totalCents, msg('error.depositAboveTotal')),
    ['depositCents'],
  ),
);

export function orderTotal(items: readonly { quantity: number; unitPriceCents: number }[]): number {
  return items.reduce((sum, item) => sum + item.quantity * item.unitPriceCents, 0);
}

export const ContactSchema = v.strictObject({
  name: text(120),
  street: text(120),
  postalCode: v.pipe(v.string(), v.trim(), v.regex(/^[A-Za-z0-9 -]{3,10}$/, msg('error.postalCode'))),
  city: text(80),
  /** Empty when the customer gave none. */
  email: v.union([v.literal(''), EmailSchema], msg('error.email')),
  /** Empty when the customer gave none; otherwise E.164. */
  mobile: v.union([v.literal(''), E164Schema], msg('error.mobile')),
});

/**
 * Which exact text was shown: its id, version and language, the words themselves and their SHA-256.
 * The words travel with the record, so the proof needs no other copy of the text.
 */
export const TextRefSchema = v.pipe(
  v.strictObject({
    id,
    version: v.pipe(v.number(), v.integer(), v.minValue(1)),
    language: v.picklist(LANGUAGES),
    text: v.pipe(v.string(), v.maxLength(20_000, msg('error.tooLong'))),
    sha256,
  }),
  v.forward(
    v.check((ref) => ref.sha256 === sha256Hex(ref.text), msg('error.hash')),
    ['sha256'],
  ),
);

export const ChoiceSchema = v.strictObject({
  granted: v.boolean(),
  /** The contact value the choice applies to: the postal address, the e-mail address or the mobile number. */
  contact: v.nullable(v.pipe(v.string(), v.maxLength(400))),
});

export const StrokePointSchema = v.strictObject({ x: finite, y: finite, time: finite, pressure: finite });
export const StrokeSchema = v.strictObject({ points: v.pipe(v.array(StrokePointSchema), v.minLength(1), v.maxLength(20_000)) });

export const SignatureSchema = v.strictObject({
  /** Size of the pad in CSS pixels when the strokes were captured. */
  width: v.pipe(finite, v.minValue(1)),
  height: v.pipe(finite, v.minValue(1)),
  strokes: v.pipe(v.array(StrokeSchema), v.minLength(1, msg('error.signature')), v.maxLength(500)),
  png: v.pipe(v.string(), v.startsWith('data:image/png;base64,'), v.maxLength(2_000_000)),
});

const UnsignedRecordObject = v.strictObject({
  schemaVersion: v.literal(RECORD_VERSION),
  id: v.pipe(v.string(), v.uuid()),
  signedAt: timestamp,
  timeZone: v.pipe(v.string(), v.maxLength(64)),
  language: v.picklist(LANGUAGES),
  shop: v.strictObject({ id, name: text(200) }),
  order: OrderSchema,
  customer: ContactSchema,
  shown: v.strictObject({
    notice: TextRefSchema,
    letter: TextRefSchema,
    email: TextRefSchema,
    sms: TextRefSchema,
    health: v.nullable(TextRefSchema),
  }),
  choices: v.strictObject({ letter: ChoiceSchema, email: ChoiceSchema, sms: ChoiceSchema }),
  /** Null when the shop does not ask the health-data question. */
  health: v.nullable(v.strictObject({ granted: v.boolean() })),
  capture: v.strictObject({
    deviceId: id,
    staffId: id,
    appVersion: v.pipe(v.string(), v.minLength(1), v.maxLength(40)),
    userAgent: v.pipe(v.string(), v.maxLength(400)),
  }),
  signature: SignatureSchema,
});

type RecordCore = v.InferOutput<typeof UnsignedRecordObject>;

/** A granted channel must name a contact value, and that value must be the customer's own. */
function choicesMatchContact(r: RecordCore): boolean {
  return CHANNELS.every((channel) => {
    const choice = r.choices[channel];
    if (!choice.granted) return true;
    if (channel === 'email') return r.customer.email !== '' && choice.contact === r.customer.email;
    if (channel === 'sms') return r.customer.mobile !== '' && choice.contact === r.customer.mobile;
    return choice.contact === postalAddress(r.customer);
  });
}

/** The health question is asked exactly when a health text was shown. */
function healthMatchesShown(r: RecordCore): boolean {
  return (r.health === null) === (r.shown.health === null);
}

const SignedRecordObject = v.strictObject({ ...UnsignedRecordObject.entries, hash: sha256 });
type SignedCore = v.InferOutput<typeof SignedRecordObject>;

export const UnsignedRecordSchema = v.pipe(
  UnsignedRecordObject,
  v.check(choicesMatchContact, msg('error.channelContact')),
  v.check(healthMatchesShown, msg('error.invalid')),
);

export const SignedRecordSchema = v.pipe(
  SignedRecordObject,
  v.check((r: SignedCore) => choicesMatchContact(r), msg('error.channelContact')),
  v.check((r: SignedCore) => healthMatchesShown(r), msg('error.invalid')),
  v.check((r: SignedCore) => r.hash === recordHash(r), msg('error.hash')),
);

export type LineItem = v.InferOutput<typeof LineItemSchema>;
export type Order = v.InferOutput<typeof OrderSchema>;
export type Contact = v.InferOutput<typeof ContactSchema>;
export type TextRef = v.InferOutput<typeof TextRefSchema>;
export type Choice = v.InferOutput<typeof ChoiceSchema>;
export type StrokePoint = v.InferOutput<typeof StrokePointSchema>;
export type Stroke = v.InferOutput<typeof StrokeSchema>;
export type Signature = v.InferOutput<typeof SignatureSchema>;
export type UnsignedRecord = v.InferOutput<typeof UnsignedRecordSchema>;
export type SignedRecord = v.InferOutput<typeof SignedRecordSchema>;

export function postalAddress(c: Pick<Contact, 'name' | 'street' | 'postalCode' | 'city'>): string {
  return `${c.name}, ${c.street}, ${c.postalCode} ${c.city}`;
}

/** The canonical form each record object was last hashed over, so it is serialised only once. */
const hashedForms = new WeakMap<object, string>();

/** SHA-256 over the canonical form of everything in the record except the hash itself. */
export function recordHash(record: RecordCore & { hash?: string }): string {
  const { hash: _ignored, ...unsigned } = record;
  const canonical = canonicalJson(unsigned);
  hashedForms.set(record, canonical);
  return sha256Hex(canonical);
}

/**
 * The record as JSON to store: its hash first, then exactly the canonical form the hash is over.
 * For a record just validated (parseSignedRecord) that form is the one its hash was checked on;
 * for an upgraded one it is the form as signed, in its own schemaVersion (see parseSignedRecordWith).
 * Only for a record not changed since it was validated: the cached form is keyed by the object.
 * Without a cached form it refuses to give JSON whose hash would not prove it.
 */
export function storedRecordJson(record: SignedRecord): string {
  const { hash, ...unsigned } = record;
  let canonical = hashedForms.get(record);
  if (canonical === undefined) {
    canonical = canonicalJson(unsigned);
    if (sha256Hex(canonical) !== hash) throw new Error('storedRecordJson: the record does not match its hash (changed, or upgraded and copied); parse it again.');
  }
  return `{"hash":${JSON.stringify(hash)},${canonical.slice(1)}`;
}

export function sealRecord(record: UnsignedRecord): SignedRecord {
  return { ...record, hash: recordHash(record) };
}

/** One upgrade step: a version-n record (hash included) in, the version-n+1 record out. Pure: it must not change its input. */
export type RecordUpgrade = (record: Record<string, unknown>) => Record<string, unknown>;
export type RecordUpgrades = Readonly<Record<number, RecordUpgrade>>;

/** Ordered upgrades: upgrades[n] turns a version-n record into version n+1. Append only. None yet: 1 is the first version. */
const upgrades: RecordUpgrades = {};

/** Brings a record of an older version up to RECORD_VERSION; one it cannot upgrade comes back as it was. */
export function upgradeRecord(raw: unknown, steps: RecordUpgrades = upgrades): unknown {
  if (!isPlainObject(raw)) return raw;
  let record = raw;
  while (typeof record.schemaVersion === 'number' && record.schemaVersion < RECORD_VERSION) {
    const step = steps[record.schemaVersion];
    if (!step) break;
    record = step(record);
  }
  return record;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export type Issue = { path: string; message: ErrorKey };

export type ParseResult<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

/** Validates with any schema of this module and flattens the issues to dotted paths and i18n keys. */
export function parseWith<S extends v.GenericSchema>(schema: S, input: unknown): ParseResult<v.InferOutput<S>> {
  const result = v.safeParse(schema, input);
  if (result.success) return { ok: true, value: result.output };
  return {
    ok: false,
    issues: result.issues.map((issue) => ({
      path: (issue.path ?? []).map((p) => String(p.key)).join('.'),
      message: (isErrorKey(issue.message) ? issue.message : 'error.invalid') as ErrorKey,
    })),
  };
}

function isErrorKey(message: string): message is ErrorKey {
  return message.startsWith('error.');
}

export function parseSignedRecord(input: unknown): ParseResult<SignedRecord> {
  return parseSignedRecordWith(input, upgrades);
}

/** The current schema without the hash check, for a record whose hash was checked before its upgrade. */
const UpgradedRecordSchema = v.pipe(
  SignedRecordObject,
  v.check((r: SignedCore) => choicesMatchContact(r), msg('error.channelContact')),
  v.check((r: SignedCore) => healthMatchesShown(r), msg('error.invalid')),
);

/**
 * Hash first, then upgrade, then validate. A record's hash is over the form it was signed in, its
 * own schemaVersion's canonical form, and an upgrade changes that form: re-sealing after the upgrade
 * would let a changed record through, so the hash is checked on the record as received, before any
 * upgrade. A current record is validated as it is, the hash among the checks (nothing changes for it).
 * An older one is checked against its hash, then upgraded and validated; it keeps its original hash,
 * and storedRecordJson gives the original canonical form, so the stored JSON still proves that hash
 * (readers parse it again, upgrading it again). An older version with no upgrade path is refused at
 * schemaVersion, a newer one by the schema. Exported with the upgrades as a parameter for its test.
 */
export function parseSignedRecordWith(input: unknown, steps: RecordUpgrades): ParseResult<SignedRecord> {
  const version = isPlainObject(input) ? input.schemaVersion : undefined;
  if (!isPlainObject(input) || typeof version !== 'number' || version >= RECORD_VERSION) return parseWith(SignedRecordSchema, input);
  const refuse = (path: string, message: ErrorKey): ParseResult<SignedRecord> => ({ ok: false, issues: [{ path, message }] });
  if (!Number.isInteger(version) || version < 0) return refuse('schemaVersion', 'error.invalid');
  for (let n = version; n < RECORD_VERSION; n++) if (!steps[n]) return refuse('schemaVersion', 'error.invalid');

  const { hash, ...unsigned } = input;
  let canonical: string;
  try {
    canonical = canonicalJson(unsigned);
  } catch {
    return refuse('', 'error.invalid');
  }
  if (typeof hash !== 'string' || hash !== sha256Hex(canonical)) return refuse('', 'error.hash');

  const upgraded = upgradeRecord(input, steps) as Record<string, unknown>;
  const result = parseWith(UpgradedRecordSchema, { ...upgraded, hash });
  if (result.ok) hashedForms.set(result.value, canonical);
  return result;
}
