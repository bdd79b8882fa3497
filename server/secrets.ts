/**
 * Random secrets and their hashes. Tokens and codes are high-entropy, so a plain SHA-256 is enough
 * to keep them unusable if the database leaks; only the owner's password needs scrypt (password.ts).
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** 32 random bytes as base64url: device tokens, API keys, owner sessions. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** A short random id for rows that people see (devices, API keys). */
export function randomId(prefix: string): string {
  return `${prefix}-${randomBytes(9).toString('base64url')}`;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

// No 0/O, 1/I/L, so that a code read aloud or typed from paper is typed right.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A code a person can type: three groups of four, e.g. K7PM-3XQD-9HTW (about 59 bits). */
export function readableCode(): string {
  const groups = [0, 1, 2].map(() => Array.from({ length: 4 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join(''));
  return groups.join('-');
}

/** Codes are compared without case, spaces or dashes, as people type them. */
export function normaliseCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]+/g, '');
}

export function hashCode(code: string): string {
  return sha256Hex(normaliseCode(code));
}

/** Compares two hex hashes in constant time. */
export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}
