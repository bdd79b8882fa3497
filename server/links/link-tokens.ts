/**
 * The one-time tokens in the thank-you e-mail's links: base64url(JSON payload) + "." +
 * base64url(HMAC-SHA256 of that text). The key is 32 random bytes kept in the settings table
 * (link_key), made on first use, so links survive restarts and stay valid on this server only.
 * The token carries no personal data beyond ids; whether it was used lives in used_tokens.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import * as v from 'valibot';
import { CHANNELS, type Channel } from '../../shared/channels';
import type { Store } from '../store/store';

export const LINK_PURPOSES = ['optout', 'confirm'] as const;
export type LinkPurpose = (typeof LINK_PURPOSES)[number];

const DAY_MS = 86_400_000;
/** Opt-out links work for 3 years, as long as an advertising consent is typically relied on. */
export const OPTOUT_VALID_MS = 3 * 365 * DAY_MS;
/** A confirmation is meant to follow the order at once; an old one proves little. */
export const CONFIRM_VALID_MS = 30 * DAY_MS;

const LINK_KEY_SETTING = 'link_key';

const PayloadSchema = v.strictObject({
  purpose: v.picklist(LINK_PURPOSES),
  customerId: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
  channel: v.picklist(CHANNELS),
  recordId: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
  jti: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{16,64}$/)),
  /** Expiry, milliseconds since 1970 (UTC). */
  exp: v.pipe(v.number(), v.integer()),
});
export type LinkPayload = v.InferOutput<typeof PayloadSchema>;

export type VerifiedToken =
  | { ok: true; payload: LinkPayload }
  /** garbled: not a token of ours (tampered, cut off, wrong key); wrongPurpose: an opt-out token at /c/confirm or the other way round. */
  | { ok: false; reason: 'garbled' | 'wrongPurpose' }
  /** Genuine but too old; the payload still says whose it was (for the page's language and shop). */
  | { ok: false; reason: 'expired'; payload: LinkPayload };

// One look-up per store, so that two first uses at once (mailer and a click) cannot make two keys.
const keys = new WeakMap<Store, Promise<Buffer>>();

/** The link key from the settings, made and kept on first use. */
export function linkKey(store: Store): Promise<Buffer> {
  let key = keys.get(store);
  if (!key) {
    key = loadOrMakeKey(store);
    keys.set(store, key);
    key.catch(() => keys.delete(store));
  }
  return key;
}

/** The link key if one was ever made, else null: checking a link never writes anything. */
export async function storedLinkKey(store: Store): Promise<Buffer | null> {
  const cached = keys.get(store);
  if (cached) return cached;
  const stored = await store.settings.get({ key: LINK_KEY_SETTING });
  return stored ? Buffer.from(stored, 'base64url') : null;
}

async function loadOrMakeKey(store: Store): Promise<Buffer> {
  const stored = await store.settings.get({ key: LINK_KEY_SETTING });
  if (stored) return Buffer.from(stored, 'base64url');
  const key = randomBytes(32);
  await store.settings.set({ key: LINK_KEY_SETTING, value: key.toString('base64url') });
  return key;
}

const mac = (key: Buffer, text: string) => createHmac('sha256', key).update(text, 'utf8').digest();

export function signToken({ key, purpose, customerId, channel, recordId, now }: {
  key: Buffer;
  purpose: LinkPurpose;
  customerId: string;
  channel: Channel;
  recordId: string;
  now: Date;
}): string {
  const exp = now.getTime() + (purpose === 'optout' ? OPTOUT_VALID_MS : CONFIRM_VALID_MS);
  const payload: LinkPayload = { purpose, customerId, channel, recordId, jti: randomBytes(16).toString('base64url'), exp };
  const body = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  return `${body}.${mac(key, body).toString('base64url')}`;
}

/** Checks the signature first (nothing unsigned is even parsed), then the purpose, then the age. */
export function verifyToken({ key, token, purpose, now }: { key: Buffer; token: string; purpose: LinkPurpose; now: Date }): VerifiedToken {
  const parts = token.split('.');
  if (parts.length !== 2 || !/^[A-Za-z0-9_-]+$/.test(parts[0]!) || !/^[A-Za-z0-9_-]{43}$/.test(parts[1]!)) return { ok: false, reason: 'garbled' };
  const expected = mac(key, parts[0]!);
  const given = Buffer.from(parts[1]!, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'garbled' };
  // The last of 43 characters carries 2 unused bits: a changed character there decodes to the same MAC.
  if (given.toString('base64url') !== parts[1]) return { ok: false, reason: 'garbled' };
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'garbled' };
  }
  const parsed = v.safeParse(PayloadSchema, json);
  if (!parsed.success) return { ok: false, reason: 'garbled' };
  const payload = parsed.output;
  if (payload.purpose !== purpose) return { ok: false, reason: 'wrongPurpose' };
  if (now.getTime() >= payload.exp) return { ok: false, reason: 'expired', payload };
  return { ok: true, payload };
}

/** The absolute link a customer clicks: <base>/c/optout?t=… or <base>/c/confirm?t=…. */
export function linkUrl({ base, purpose, token }: { base: string; purpose: LinkPurpose; token: string }): string {
  return `${base.replace(/\/+$/, '')}/c/${purpose}?t=${token}`;
}
