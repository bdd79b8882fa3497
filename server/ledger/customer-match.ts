/**
 * Finding the customer a record or a counter event is about, and keeping that customer's contact
 * details current. Records and counter events share one matcher, so that the same person lands on
 * the same customer whichever way they reach the ledger. Synchronous (better-sqlite3): the record
 * upload calls it inside its transaction, once per new record, so statements are prepared once.
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Language } from '../../shared/channels';
import type { CustomerMatch, CustomerRow } from '../store/store';

/** The settings key that holds the owner's choice of how customers are matched. */
export const CUSTOMER_MATCH_KEY = 'customer_match';
export const CUSTOMER_MATCHES: readonly CustomerMatch[] = ['email', 'mobile', 'email-or-mobile'];
export const DEFAULT_CUSTOMER_MATCH: CustomerMatch = 'email-or-mobile';

export const isCustomerMatch = (value: unknown): value is CustomerMatch => CUSTOMER_MATCHES.includes(value as CustomerMatch);

/** What a record or a counter event says about the person. */
export interface ContactDetails {
  name: string;
  street: string;
  postalCode: string;
  city: string;
  email: string;
  mobile: string;
}

/**
 * - replace: a signed record is the customer's latest word, so its non-empty values replace ours;
 * - fill: a counter event is typed by staff, so it only fills in what we do not know yet.
 * Neither ever blanks a known value.
 */
export type MergeMode = 'replace' | 'fill';

type Fields = Omit<CustomerRow, 'id' | 'createdAt' | 'updatedAt' | 'erasedAt'>;

/** The contact as stored: trimmed, e-mail lower-case. */
export function normaliseContact(c: ContactDetails): ContactDetails {
  return {
    name: c.name.trim(),
    street: c.street.trim(),
    postalCode: c.postalCode.trim(),
    city: c.city.trim(),
    email: c.email.trim().toLowerCase(),
    mobile: c.mobile.trim(),
  };
}

/** The customer's fields after taking in a contact; language null keeps the known one. */
export function mergeContact(known: Fields, incoming: ContactDetails, language: Language | null, mode: MergeMode): Fields {
  const pick = (ours: string, theirs: string) => (theirs === '' ? ours : mode === 'replace' || ours === '' ? theirs : ours);
  return {
    name: pick(known.name, incoming.name),
    street: pick(known.street, incoming.street),
    postalCode: pick(known.postalCode, incoming.postalCode),
    city: pick(known.city, incoming.city),
    email: pick(known.email, incoming.email),
    mobile: pick(known.mobile, incoming.mobile),
    language: language !== null && mode === 'replace' ? language : known.language,
  };
}

/** Which keys to look up, in order, for this contact under this setting. Empty: match by name and address. */
export function matchKeys(c: ContactDetails, match: CustomerMatch): Array<'email' | 'mobile'> {
  const keys: Array<'email' | 'mobile'> = [];
  if (match !== 'mobile' && c.email !== '') keys.push('email');
  if (match !== 'email' && c.mobile !== '') keys.push('mobile');
  return keys;
}

type Row = Record<string, unknown>;

export function customerRow(r: Row): CustomerRow {
  return {
    id: r.id as string,
    name: r.name as string,
    street: r.street as string,
    postalCode: r.postal_code as string,
    city: r.city as string,
    email: r.email as string,
    mobile: r.mobile as string,
    language: r.language as Language,
    createdAt: r.created_at as string,
    updatedAt: r.updated_at as string,
    erasedAt: (r.erased_at as string | null) ?? null,
  };
}

/** The matcher on one database. Call resolve() inside a transaction. */
export function customerMatcher(db: Database.Database) {
  // "email <> ''" lets SQLite use the partial indexes; several rows can share an address (e.g. a
  // setting changed later): a customer not erased first, then the most recently active one.
  // An erased customer keeps an address only for a consent the owner kept at erasure.
  const byEmail = db.prepare("SELECT * FROM customers WHERE email = ? AND email <> '' ORDER BY erased_at IS NOT NULL, updated_at DESC, rowid DESC");
  const byMobile = db.prepare("SELECT * FROM customers WHERE mobile = ? AND mobile <> '' ORDER BY erased_at IS NOT NULL, updated_at DESC, rowid DESC");
  // NOCASE folds ASCII only; street and postal code are compared in JS, which folds every letter.
  const byName = db.prepare('SELECT * FROM customers WHERE name = ? COLLATE NOCASE ORDER BY erased_at IS NOT NULL, updated_at DESC, rowid DESC');
  const setting = db.prepare('SELECT value FROM settings WHERE key = ?').pluck();
  const insert = db.prepare(`INSERT INTO customers (id, name, street, postal_code, city, email, mobile, language, created_at, updated_at)
    VALUES (@id, @name, @street, @postalCode, @city, @email, @mobile, @language, @now, @now)`);
  const update = db.prepare(`UPDATE customers SET name = @name, street = @street, postal_code = @postalCode, city = @city, email = @email,
    mobile = @mobile, language = @language, updated_at = @now WHERE id = @id`);

  // When the customer's latest record was signed: a record signed before it only fills in details.
  const latestSigned = db.prepare('SELECT MAX(signed_at) FROM record_customers WHERE customer_id = ?').pluck();
  // Names typed on different days differ in case, spacing and the kind of apostrophe (O'Neil, O’Neil).
  const fold = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').replace(/[’‘´`]/g, "'").toLowerCase();

  /**
   * A family may share one e-mail address or one mobile number: of the customers with this
   * address or number, the one with the same name (any name when either is unknown). Otherwise
   * Art. 15 would hand one person the other's records, and erasing one would erase both.
   */
  function sameName(c: ContactDetails, rows: Row[], mode: MergeMode): Row | undefined {
    const name = fold(c.name);
    const found = rows.find((r) => name === '' || (r.name as string) === '' || fold(r.name as string) === name);
    // Staff type names loosely ("J. Gross"): a counter withdrawal still reaches the only customer with this address or number.
    return found ?? (mode === 'fill' && rows.length === 1 ? rows[0] : undefined);
  }
  const sameEmail = (c: ContactDetails, mode: MergeMode) => sameName(c, byEmail.all(c.email) as Row[], mode);
  const sameMobile = (c: ContactDetails, mode: MergeMode) => sameName(c, byMobile.all(c.mobile) as Row[], mode);

  function customerMatch(): CustomerMatch {
    const value = setting.get(CUSTOMER_MATCH_KEY);
    return isCustomerMatch(value) ? value : DEFAULT_CUSTOMER_MATCH;
  }

  /**
   * A new record never lands on an erased customer (a new signature starts afresh), but a counter
   * withdrawal or objection does, when no one else matches: it must reach the consent kept at erasure.
   */
  function find(c: ContactDetails, mode: MergeMode): Row | undefined {
    const keys = matchKeys(c, customerMatch());
    if (keys.length > 0) {
      let erased: Row | undefined;
      for (const key of keys) {
        const row = key === 'email' ? sameEmail(c, mode) : sameMobile(c, mode);
        if (row && row.erased_at === null) return row;
        erased ??= row;
      }
      return mode === 'fill' ? erased : undefined;
    }
    if (c.name === '' || c.street === '' || c.postalCode === '') return undefined;
    const street = fold(c.street);
    const postalCode = fold(c.postalCode);
    const row = (byName.all(c.name) as Row[]).find((r) => fold(r.street as string) === street && fold(r.postal_code as string) === postalCode);
    return row && (row.erased_at === null || mode === 'fill') ? row : undefined;
  }

  return {
    customerMatch,
    /** The matching customer brought up to date, or a new one. */
    resolve({
      contact,
      language,
      now,
      mode,
      signedAt,
    }: {
      contact: ContactDetails;
      language: Language | null;
      now: string;
      mode: MergeMode;
      /** For a record: when it was signed. A record signed before one already applied only fills in. */
      signedAt?: string;
    }): CustomerRow {
      const c = normaliseContact(contact);
      const found = find(c, mode);
      // What staff typed about an erased customer is not stored again.
      if (found && found.erased_at !== null) return customerRow(found);
      if (!found) {
        const row = { id: randomUUID(), ...mergeContact(EMPTY, c, language, 'replace'), now };
        insert.run(row);
        return { id: row.id, name: row.name, street: row.street, postalCode: row.postalCode, city: row.city, email: row.email, mobile: row.mobile, language: row.language, createdAt: now, updatedAt: now, erasedAt: null };
      }
      const known = customerRow(found);
      // Records may arrive out of order (two uploads in flight, retries, several tablets): the
      // details of the latest signature win, not those of the latest arrival.
      const latest = signedAt === undefined ? null : (latestSigned.get(known.id) as string | null);
      const older = latest !== null && signedAt !== undefined && Date.parse(signedAt) < Date.parse(latest);
      const merged = mergeContact(known, c, language, older ? 'fill' : mode);
      update.run({ id: known.id, ...merged, now });
      return { ...known, ...merged, updatedAt: now };
    },
  };
}

const EMPTY: Fields = { name: '', street: '', postalCode: '', city: '', email: '', mobile: '', language: 'de' };
