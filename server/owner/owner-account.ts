/**
 * The shop owner's account: the first-start set-up secret, the password, and login sessions.
 * Before a password exists, each start makes a new set-up secret, prints it, and keeps only its
 * hash; whoever can read the server's terminal sets the password with it. Sessions last 12 hours.
 */
import type { Store } from '../store/store';
import { hashCode, randomToken, readableCode, sameHash, sha256Hex } from '../secrets';
import { hashPassword, verifyPassword } from './password';

export const SESSION_HOURS = 12;
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 1024;

/** A new set-up secret while no password is set (to print at start), else null. */
export async function prepareOwnerSetup({ store }: { store: Store }): Promise<string | null> {
  if ((await store.owner.get()).passwordHash) return null;
  const secret = readableCode();
  await store.owner.setSetupSecret({ secretHash: hashCode(secret) });
  return secret;
}

export async function isOwnerSetUp({ store }: { store: Store }): Promise<boolean> {
  return (await store.owner.get()).passwordHash !== null;
}

export type SetUpOutcome = { ok: true; sessionToken: string } | { ok: false; reason: 'done' | 'secret' };

/** Sets the first password when the secret is right, and starts a session. */
export async function setUpOwner({ store, secret, password, now }: { store: Store; secret: string; password: string; now: Date }): Promise<SetUpOutcome> {
  const owner = await store.owner.get();
  if (owner.passwordHash) return { ok: false, reason: 'done' };
  if (!owner.setupSecretHash || !sameHash(hashCode(secret), owner.setupSecretHash)) return { ok: false, reason: 'secret' };
  const passwordHash = await hashPassword({ password });
  if (!(await store.owner.setFirstPassword({ passwordHash, now: now.toISOString() }))) return { ok: false, reason: 'done' };
  return { ok: true, sessionToken: await startOwnerSession({ store, now }) };
}

/** A session token when the password is right, else null. */
export async function logInOwner({ store, password, now }: { store: Store; password: string; now: Date }): Promise<string | null> {
  const { passwordHash } = await store.owner.get();
  if (!passwordHash || !(await verifyPassword({ password, stored: passwordHash }))) return null;
  return startOwnerSession({ store, now });
}

async function startOwnerSession({ store, now }: { store: Store; now: Date }): Promise<string> {
  const token = randomToken();
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000).toISOString();
  await store.owner.createSession({ tokenHash: sha256Hex(token), now: now.toISOString(), expiresAt });
  return token;
}

export async function checkOwnerSession({ store, token, now }: { store: Store; token: string; now: Date }): Promise<boolean> {
  return store.owner.hasSession({ tokenHash: sha256Hex(token), now: now.toISOString() });
}

export async function logOutOwner({ store, token }: { store: Store; token: string }): Promise<void> {
  await store.owner.deleteSession({ tokenHash: sha256Hex(token) });
}
