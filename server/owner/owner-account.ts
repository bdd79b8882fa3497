/**
 * The shop owner's account: the first-start set-up secret, the password, and login sessions.
 * Before a password exists, each start makes a new set-up secret, prints it, and keeps only its
 * hash; whoever can read the server's terminal sets the password with it. Sessions last 12 hours.
 * A forgotten password is cleared on the server's computer (npm run owner:reset, owner-reset.ts);
 * the next start then prints a new set-up secret.
 */
import type { Store } from '../store/store';
import { hashCode, randomToken, readableCode, sameHash, sha256Hex } from '../secrets';
import { hashPassword, verifyPassword } from './password';

export const SESSION_HOURS = 12;
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 1024;

/** A new set-up secret while no password is set (to print at start), else null. Also clears out expired sessions. */
export async function prepareOwnerSetup({ store, now = new Date() }: { store: Store; now?: Date }): Promise<string | null> {
  await store.owner.deleteExpiredSessions({ now: now.toISOString() });
  if ((await store.owner.get()).passwordHash) return null;
  const secret = readableCode();
  await store.owner.setSetupSecret({ secretHash: hashCode(secret) });
  return secret;
}

export async function isOwnerSetUp({ store }: { store: Store }): Promise<boolean> {
  return (await store.owner.get()).passwordHash !== null;
}

/** Whether the set-up page waits for a restart: no password, and no secret since a reset. */
export async function isSetupSecretMissing({ store }: { store: Store }): Promise<boolean> {
  const owner = await store.owner.get();
  return owner.passwordHash === null && owner.setupSecretHash === null;
}

export type PasswordProblem = 'tooShort' | 'tooLong' | 'mismatch';

/** What is wrong with a new password and its repetition, if anything. */
export function newPasswordProblem({ password, repeat }: { password: string; repeat: string }): PasswordProblem | null {
  if (password.length < MIN_PASSWORD_LENGTH) return 'tooShort';
  if (password.length > MAX_PASSWORD_LENGTH) return 'tooLong';
  return password === repeat ? null : 'mismatch';
}

export type SetUpOutcome = { ok: true; sessionToken: string } | { ok: false; reason: 'done' | 'secret' };

/** Sets the first password when the secret is right, and starts a session. */
export async function setUpOwner({ store, secret, password, now }: { store: Store; secret: string; password: string; now: Date }): Promise<SetUpOutcome> {
  const owner = await store.owner.get();
  if (owner.passwordHash) return { ok: false, reason: 'done' };
  if (!owner.setupSecretHash || !sameHash(hashCode(secret), owner.setupSecretHash)) return { ok: false, reason: 'secret' };
  const passwordHash = await hashPassword({ password });
  if (!(await store.owner.setFirstPassword({ passwordHash, now: now.toISOString() }))) return { ok: false, reason: 'done' };
  const sessionToken = await startOwnerSession({ store, now, passwordHash });
  return sessionToken ? { ok: true, sessionToken } : { ok: false, reason: 'done' };
}

/** A session token when the password is right, else null. */
export async function logInOwner({ store, password, now }: { store: Store; password: string; now: Date }): Promise<string | null> {
  const { passwordHash } = await store.owner.get();
  if (!passwordHash || !(await verifyPassword({ password, stored: passwordHash }))) return null;
  // Null too when the password was changed or reset while it was being checked.
  return startOwnerSession({ store, now, passwordHash });
}

/** current: not the password; same: the new one is the current one; changed: changed elsewhere meanwhile. */
export type PasswordChange = { ok: true } | { ok: false; reason: 'current' | 'same' | 'changed' };

/**
 * Replaces the password when the current one is right, and ends every other session, so that a
 * session someone else may hold ends with the old password; this one goes on.
 */
export async function changeOwnerPassword({ store, current, password, sessionToken, now }: { store: Store; current: string; password: string; sessionToken: string; now: Date }): Promise<PasswordChange> {
  const { passwordHash } = await store.owner.get();
  if (!passwordHash || !(await verifyPassword({ password: current, stored: passwordHash }))) return { ok: false, reason: 'current' };
  // The hash is over the NFC form (password.ts), so compare that.
  if (password.normalize('NFC') === current.normalize('NFC')) return { ok: false, reason: 'same' };
  const next = await hashPassword({ password });
  const saved = await store.owner.setPassword({ passwordHash: next, previousHash: passwordHash, now: now.toISOString(), keepTokenHash: sha256Hex(sessionToken) });
  return saved ? { ok: true } : { ok: false, reason: 'changed' };
}

/** A new session's token, or null when the password is no longer passwordHash. */
async function startOwnerSession({ store, now, passwordHash }: { store: Store; now: Date; passwordHash: string }): Promise<string | null> {
  const token = randomToken();
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000).toISOString();
  return (await store.owner.createSession({ tokenHash: sha256Hex(token), now: now.toISOString(), expiresAt, passwordHash })) ? token : null;
}

export async function checkOwnerSession({ store, token, now }: { store: Store; token: string; now: Date }): Promise<boolean> {
  return store.owner.hasSession({ tokenHash: sha256Hex(token), now: now.toISOString() });
}

export async function logOutOwner({ store, token }: { store: Store; token: string }): Promise<void> {
  await store.owner.deleteSession({ tokenHash: sha256Hex(token) });
}
