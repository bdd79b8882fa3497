/**
 * The server's storage, as the handlers and domain functions see it. SQLite implements it today
 * (sqlite-store.ts); every method is async and every multi-row change is one method, so that a
 * PostgreSQL store can implement the same interface later without touching a handler.
 * Times are ISO 8601 strings in UTC, so that they also sort as text.
 */
import type { RecordResultStatus } from '../../shared/api';
import type { ShopConfig, ShopText, TextKind } from '../../shared/shop';

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

export interface Store {
  owner: {
    get(): Promise<OwnerRow>;
    setSetupSecret(o: { secretHash: string }): Promise<void>;
    /** Sets the first password (false if one is set already), forgets the set-up secret, ends every session. */
    setFirstPassword(o: { passwordHash: string; now: string }): Promise<boolean>;
    createSession(o: { tokenHash: string; now: string; expiresAt: string }): Promise<void>;
    /** True while the session exists and has not expired. */
    hasSession(o: { tokenHash: string; now: string }): Promise<boolean>;
    deleteSession(o: { tokenHash: string }): Promise<void>;
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
  apiKeys: {
    create(o: Omit<ApiKeyRow, 'revokedAt'>): Promise<void>;
    findByHash(o: { keyHash: string }): Promise<ApiKeyRow | null>;
    list(): Promise<ApiKeyRow[]>;
    revoke(o: { id: string; now: string }): Promise<boolean>;
  };
  close(): void;
}
