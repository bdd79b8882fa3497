/**
 * The owner's account on SQLite: the one owner row (password hash, set-up secret) and the login
 * sessions, each stored as the SHA-256 of its token. Every change that ends sessions does so in
 * the same transaction as the password change, so no old session outlives a new password.
 */
import type Database from 'better-sqlite3';
import type { Row } from './sqlite-rows';
import type { Store } from './store';

export function ownerStore(db: Database.Database): Pick<Store, 'owner'> {
  const q = {
    owner: db.prepare('SELECT password_hash, setup_secret_hash FROM owner WHERE id = 1'),
    setSetupSecret: db.prepare('UPDATE owner SET setup_secret_hash = ? WHERE id = 1'),
    setFirstPassword: db.prepare('UPDATE owner SET password_hash = ?, password_set_at = ?, setup_secret_hash = NULL WHERE id = 1 AND password_hash IS NULL'),
    // Only over the hash that was checked: a change or reset in between wins, not this one.
    setPassword: db.prepare('UPDATE owner SET password_hash = ?, password_set_at = ?, setup_secret_hash = NULL WHERE id = 1 AND password_hash = ?'),
    reset: db.prepare('UPDATE owner SET password_hash = NULL, password_set_at = NULL, setup_secret_hash = NULL WHERE id = 1'),
    deleteSessions: db.prepare('DELETE FROM owner_sessions'),
    deleteOtherSessions: db.prepare('DELETE FROM owner_sessions WHERE token_hash <> ?'),
    deleteExpiredSessions: db.prepare('DELETE FROM owner_sessions WHERE expires_at <= ?'),
    // Only while the password is still the one just checked: a change or reset during the check wins.
    createSession: db.prepare(
      'INSERT INTO owner_sessions (token_hash, created_at, expires_at) SELECT ?, ?, ? FROM owner WHERE id = 1 AND password_hash = ?',
    ),
    session: db.prepare('SELECT 1 FROM owner_sessions WHERE token_hash = ? AND expires_at > ?'),
    deleteSession: db.prepare('DELETE FROM owner_sessions WHERE token_hash = ?'),
  };

  const setFirstPassword = db.transaction(({ passwordHash, now }: { passwordHash: string; now: string }): boolean => {
    if (q.setFirstPassword.run(passwordHash, now).changes !== 1) return false;
    q.deleteSessions.run();
    return true;
  });

  const setPassword = db.transaction(({ passwordHash, previousHash, now, keepTokenHash }: Parameters<Store['owner']['setPassword']>[0]): boolean => {
    if (q.setPassword.run(passwordHash, now, previousHash).changes !== 1) return false;
    q.deleteOtherSessions.run(keepTokenHash);
    return true;
  });

  const reset = db.transaction(() => {
    q.reset.run();
    q.deleteSessions.run();
  });

  // Logging in also clears out the sessions that have expired, so the table never grows.
  const createSession = db.transaction(({ tokenHash, now, expiresAt, passwordHash }: Parameters<Store['owner']['createSession']>[0]): boolean => {
    q.deleteExpiredSessions.run(now);
    return q.createSession.run(tokenHash, now, expiresAt, passwordHash).changes === 1;
  });

  return {
    owner: {
      async get() {
        const r = q.owner.get() as Row;
        return { passwordHash: (r.password_hash as string | null) ?? null, setupSecretHash: (r.setup_secret_hash as string | null) ?? null };
      },
      async setSetupSecret({ secretHash }) {
        q.setSetupSecret.run(secretHash);
      },
      async setFirstPassword(o) {
        return setFirstPassword.immediate(o);
      },
      async setPassword(o) {
        return setPassword.immediate(o);
      },
      async reset() {
        reset.immediate();
      },
      async createSession(o) {
        return createSession.immediate(o);
      },
      async hasSession({ tokenHash, now }) {
        return q.session.get(tokenHash, now) !== undefined;
      },
      async deleteSession({ tokenHash }) {
        q.deleteSession.run(tokenHash);
      },
      async deleteExpiredSessions({ now }) {
        return q.deleteExpiredSessions.run(now).changes;
      },
    },
  };
}
