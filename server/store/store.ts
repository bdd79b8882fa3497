/**
 * The server's storage, as the handlers and domain functions see it. SQLite implements it today
 * (sqlite-store.ts); every method is async and every multi-row change is one method, so that a
 * PostgreSQL store can implement the same interface later without touching a handler.
 * Times are ISO 8601 strings in UTC, so that they also sort as text.
 */
import type { RecordResultStatus } from '../../shared/api';
import type { Channel, Language } from '../../shared/channels';
import type { ConsentAction, ConsentRoute, ConsentState, ConsentTopic, CounterEvent } from '../../shared/consent';
import type { SignedRecord } from '../../shared/record';
import type { ShopConfig, ShopText, TextKind } from '../../shared/shop';

/** What using a one-time link token did (store.tokens.useAndAppend). */
export type TokenUse = 'appended' | 'unchanged' | 'replayed';

export interface OwnerRow {
  /** scrypt hash (password.ts), or null before the first set-up. */
  passwordHash: string | null;
  /** SHA-256 of the one-time set-up secret while no password is set. */
  setupSecretHash: string | null;
}

export interface EnrolmentCodeRow {
  codeHash: string;
  note: string;
  createdAt: string;
  expiresAt: string;
  maxUses: number;
  usedCount: number;
}

export interface DeviceRow {
  id: string;
  name: string;
  tokenHash: string;
  enrolledAt: string;
  /** The last request this device made that succeeded. */
  lastSeenAt: string | null;
  revokedAt: string | null;
}

export interface TextVersionRow {
  kind: TextKind;
  id: string;
  version: number;
  de: string;
  en: string;
  publishedAt: string;
}

/** One record ready to store: validated, with its hash recomputed, and its body as JSON text. */
export interface RecordToSave {
  id: string;
  hash: string;
  signedAt: string;
  orderId: string;
  body: string;
  /** The validated record itself, for the ledger (customer, choices, texts shown). */
  record: SignedRecord;
}

export interface RecordSaveResult {
  id: string;
  status: RecordResultStatus;
  receivedAt: string;
}

export interface RecordSummary {
  id: string;
  hash: string;
  deviceId: string;
  deviceName: string;
  receivedAt: string;
  signedAt: string;
  orderId: string;
  /** The record's capture.deviceId: the id the tablet signed it under, which may be its local id from before enrolment. */
  captureDeviceId: string | null;
}

export interface ConflictSummary {
  recordId: string;
  /** The version kept: the first that arrived. */
  stored: { hash: string; deviceName: string; receivedAt: string };
  /** The version kept aside. */
  other: { hash: string; deviceName: string; receivedAt: string };
}

export type OrderPushResult = 'created' | 'same' | 'different';

export interface ApiKeyRow {
  id: string;
  name: string;
  keyHash: string;
  createdAt: string;
  revokedAt: string | null;
}

// ---------------------------------------------------------------------------------------------
// The consent ledger, the thank-you e-mail, one-time links and erasure (migration 2)
// ---------------------------------------------------------------------------------------------

/** How records and counter events find an existing customer: by e-mail, by mobile, or either. */
export type CustomerMatch = 'email' | 'mobile' | 'email-or-mobile';

export interface CustomerRow {
  id: string;
  name: string;
  street: string;
  postalCode: string;
  city: string;
  /** Lower-case; '' when unknown. */
  email: string;
  /** E.164; '' when unknown. */
  mobile: string;
  language: Language;
  createdAt: string;
  updatedAt: string;
  erasedAt: string | null;
}

export interface CustomerSummary extends CustomerRow {
  states: Record<Channel, ConsentState>;
  recordCount: number;
}

export interface ConsentEventRow {
  id: number;
  customerId: string;
  /** A marketing channel, or 'health' (the Art. 9 consent, never marketing). */
  channel: ConsentTopic;
  action: ConsentAction;
  route: ConsentRoute;
  /** When it happened. */
  at: string;
  /** When the server wrote it. */
  recordedAt: string;
  recordId: string | null;
  /** The privacy notice's version shown with the signature (route signature). */
  noticeVersion: number | null;
  /** The channel's consent text version, and its SHA-256 (route signature). */
  textVersion: number | null;
  textSha256: string | null;
  /** The address, e-mail or mobile number the consent applies to ('' for health). */
  contact: string;
  deviceId: string | null;
  staffId: string | null;
  sourceId: string | null;
  note: string;
}

export type NewConsentEvent = Omit<ConsentEventRow, 'id'>;

/** One customer with an active consent on one channel, for the mailing export. */
export interface ActiveConsent {
  customer: CustomerRow;
  channel: Channel;
  /** The value the consent applies to. */
  contact: string;
  /** The event that made it active (the grant, or for e-mail the confirmation). */
  since: string;
}

/** Opt-in rate of one channel in one month: of the records signed that month, how many granted it. */
export interface OptInRate {
  /** YYYY-MM */
  month: string;
  channel: Channel;
  records: number;
  granted: number;
}

export type MailStatus = 'queued' | 'sent' | 'failed';

export interface MailRow {
  id: number;
  recordId: string;
  customerId: string;
  recipient: string;
  language: Language;
  status: MailStatus;
  attempts: number;
  createdAt: string;
  nextAttemptAt: string | null;
  lastError: string | null;
  sentAt: string | null;
  messageId: string | null;
}

export interface RetentionHoldRow {
  id: number;
  customerId: string;
  itemKind: 'order-confirmation' | 'consent-proof';
  itemId: string;
  reason: string;
  /** YYYY-MM-DD, or null: "while the consent is relied on". */
  keepUntil: string | null;
  createdAt: string;
}

/** A stored body (record conflict or order) that repeats a customer's data, for Art. 15. */
export interface HeldCopy {
  id: string;
  /** The record a conflict belongs to, or an order's status. */
  about: string;
  receivedAt: string;
  /** The stored JSON, parsed when it parses. */
  body: unknown;
}

export interface ErasureSummary {
  customerId: string;
  erasedAt: string;
  /** What went, by kind, as counts. */
  removed: Record<string, number>;
  /** What stayed, each with its reason and end date. */
  kept: RetentionHoldRow[];
}

export interface Store {
  owner: {
    get(): Promise<OwnerRow>;
    setSetupSecret(o: { secretHash: string }): Promise<void>;
    /** Sets the first password (false if one is set already), forgets the set-up secret, ends every session. */
    setFirstPassword(o: { passwordHash: string; now: string }): Promise<boolean>;
    /** Starts a session only while the password is still passwordHash (the one just checked); false if it changed meanwhile. */
    createSession(o: { tokenHash: string; now: string; expiresAt: string; passwordHash: string }): Promise<boolean>;
    /** True while the session exists and has not expired. */
    hasSession(o: { tokenHash: string; now: string }): Promise<boolean>;
    deleteSession(o: { tokenHash: string }): Promise<void>;
    /** In one transaction: replaces the password if it is still previousHash (else false) and ends every session but keepTokenHash. */
    setPassword(o: { passwordHash: string; previousHash: string; now: string; keepTokenHash: string }): Promise<boolean>;
    /** In one transaction: forgets the password and the set-up secret and ends every session (npm run owner:reset). */
    reset(): Promise<void>;
    deleteExpiredSessions(o: { now: string }): Promise<number>;
  };
  enrolment: {
    createCode(o: EnrolmentCodeRow): Promise<void>;
    /** Codes that can still be used, newest first. */
    listOpenCodes(o: { now: string }): Promise<EnrolmentCodeRow[]>;
    /** Makes sure a code with this hash is usable until expiresAt (the demo code, renewed each start). */
    renewCode(o: EnrolmentCodeRow): Promise<void>;
    /** In one transaction: uses the code once if it is still valid, and enrols the device. False if not valid. */
    redeem(o: { codeHash: string; now: string; device: Omit<DeviceRow, 'lastSeenAt' | 'revokedAt'> }): Promise<boolean>;
  };
  devices: {
    findByTokenHash(o: { tokenHash: string }): Promise<DeviceRow | null>;
    get(o: { id: string }): Promise<DeviceRow | null>;
    list(): Promise<DeviceRow[]>;
    touch(o: { id: string; now: string }): Promise<void>;
    /** False when there is no such device or it was revoked already. */
    revoke(o: { id: string; now: string }): Promise<boolean>;
  };
  shop: {
    /** The configuration with the latest version of each text, or null before the first set-up. */
    get(): Promise<ShopConfig | null>;
    /** False (and nothing written) when a shop exists already. */
    create(o: { shop: ShopConfig; now: string }): Promise<boolean>;
    /** A new version of one text; null when there is no shop yet. */
    publishText(o: { kind: TextKind; de: string; en: string; now: string }): Promise<ShopText | null>;
    /** Every version of every text, newest first. */
    textHistory(): Promise<TextVersionRow[]>;
  };
  records: {
    /** In one transaction: stores new records, acknowledges duplicates, keeps conflicts aside, marks orders signed. */
    save(o: { deviceId: string; receivedAt: string; records: RecordToSave[] }): Promise<RecordSaveResult[]>;
    count(): Promise<number>;
    recent(o: { limit: number }): Promise<RecordSummary[]>;
    /** The stored body (JSON text), or null. */
    body(o: { id: string }): Promise<string | null>;
    conflicts(o: { limit: number }): Promise<ConflictSummary[]>;
    countConflicts(): Promise<number>;
  };
  orders: {
    /** body is canonical JSON, so that the same order compares equal. */
    push(o: { id: string; body: string; createdAt: string; now: string }): Promise<OrderPushResult>;
    /** Bodies of the orders not yet signed, oldest first. */
    listOpen(): Promise<string[]>;
    status(o: { id: string }): Promise<{ status: 'open' | 'signed'; signedRecordId: string | null } | null>;
  };
  customers: {
    get(o: { id: string }): Promise<CustomerRow | null>;
    /** By name, e-mail or mobile (case-insensitive, part of the value), most recently updated first. */
    search(o: { query: string; limit: number }): Promise<CustomerSummary[]>;
    /** Records this customer signed, newest first. */
    records(o: { customerId: string }): Promise<RecordSummary[]>;
    /** The customer a counter event is about: found by the match setting, or made. */
    resolveCounterCustomer(o: { customer: CounterEvent['customer']; now: string }): Promise<CustomerRow>;
  };
  consents: {
    /** The customer's ledger, oldest first. */
    history(o: { customerId: string }): Promise<ConsentEventRow[]>;
    /** Appends events in one transaction; an event whose (sourceId, channel, action) exists is skipped. Returns how many were new. */
    append(o: { events: NewConsentEvent[] }): Promise<number>;
    /** Customers whose consent on this channel is active now, by name (an erased customer only with a consent the owner kept). */
    active(o: { channel: Channel }): Promise<ActiveConsent[]>;
    /** Opt-in rates per channel and month, oldest month first. */
    rates(): Promise<OptInRate[]>;
  };
  counterEvents: {
    /** In one transaction: resolves each event's customer and appends its events (route counter). Idempotent by event id. */
    save(o: { deviceId: string; receivedAt: string; events: CounterEvent[] }): Promise<Array<{ id: string; status: 'stored' | 'duplicate'; customerId: string }>>;
  };
  settings: {
    get(o: { key: string }): Promise<string | null>;
    set(o: { key: string; value: string }): Promise<void>;
    customerMatch(): Promise<CustomerMatch>;
    setCustomerMatch(o: { match: CustomerMatch }): Promise<void>;
  };
  mail: {
    /** Queued mails whose next attempt is due (next_attempt_at null or ≤ now), oldest first. */
    due(o: { now: string; limit: number }): Promise<MailRow[]>;
    markSent(o: { id: number; now: string; messageId: string }): Promise<void>;
    /** One more failed attempt: queued again at nextAttemptAt, or 'failed' for good when nextAttemptAt is null. */
    markFailed(o: { id: number; now: string; error: string; nextAttemptAt: string | null }): Promise<void>;
    /** Puts a failed mail back in the queue (the owner's "try again"). */
    retry(o: { id: number; now: string }): Promise<boolean>;
    list(o: { status?: MailStatus; limit: number }): Promise<MailRow[]>;
    counts(): Promise<Record<MailStatus, number>>;
  };
  tokens: {
    /** Marks a one-time token used; false when it was used before (a replay). */
    use(o: { tokenId: string; purpose: string; now: string }): Promise<boolean>;
    /** Whether a token was used already (reading only). */
    used(o: { tokenId: string }): Promise<boolean>;
    /**
     * In one transaction: uses the token, and appends the events only if it was not used before
     * and, with onlyWhile, only while each event's channel is in one of those states (read in the
     * same transaction). appended: written; unchanged: token used, the state forbade it; replayed.
     */
    useAndAppend(o: { tokenId: string; purpose: string; now: string; events: NewConsentEvent[]; onlyWhile?: readonly ConsentState[] }): Promise<TokenUse>;
  };
  erasure: {
    /**
     * Art. 17, in one transaction: withdraws the consents not in keepConsents (route owner),
     * removes what may go and keeps, with a retention hold each, what the law requires.
     */
    erase(o: { customerId: string; now: string; keepConsents: Channel[] }): Promise<ErasureSummary | null>;
    holds(o: { customerId: string }): Promise<RetentionHoldRow[]>;
    /** Every thank-you e-mail row of this customer, oldest first: part of what Art. 15 hands over. */
    mails(o: { customerId: string }): Promise<MailRow[]>;
    /**
     * For Art. 15, what else holds this customer's data: versions of their records set aside as
     * conflicts, the orders their records signed, and open orders with their e-mail or mobile.
     */
    copies(o: { customerId: string }): Promise<{ conflicts: HeldCopy[]; orders: HeldCopy[] }>;
    /** Removes kept items whose end date has passed. Returns how many went. */
    purgeExpired(o: { now: string }): Promise<number>;
  };
  apiKeys: {
    create(o: Omit<ApiKeyRow, 'revokedAt'>): Promise<void>;
    findByHash(o: { keyHash: string }): Promise<ApiKeyRow | null>;
    list(): Promise<ApiKeyRow[]>;
    revoke(o: { id: string; now: string }): Promise<boolean>;
  };
  close(): void;
}
