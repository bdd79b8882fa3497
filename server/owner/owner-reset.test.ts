import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../store/migrations';
import { openSqliteStore } from '../store/sqlite-store';
import { databaseDigest, makeTestApp, postForm, sessionCookie, setUpOwner, type TestApp } from '../test-app';
import { tempDir } from '../test-site';
import { prepareOwnerSetup } from './owner-account';

const OLD = 'correct horse battery';
const NEW = 'staple tuning fork 42';
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** `npm run owner:reset` as the package script runs it, in a process of its own. */
function runReset(dataDir: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, COUNTERSIGN_DATA_DIR: dataDir };
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'server/owner-reset.ts'], { cwd: ROOT, env, timeout: 30_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const get = (t: TestApp, path: string, cookie?: string) => t.app.request(path, { headers: cookie ? { cookie } : {} });

function sessionCount(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM owner_sessions').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('npm run owner:reset', { timeout: 90_000 }, () => {
  it('forgets the password and every session; the next start prints a set-up secret and the old password is refused', async () => {
    const t = await makeTestApp();
    const cookie = await setUpOwner(t, OLD);
    await postForm(t.app, '/owner/login', { password: OLD });
    expect(sessionCount(t.file)).toBe(2);

    // The test's store stays open, as a running server's would.
    const reset = await runReset(t.dir);
    expect(reset.stderr).toBe('');
    expect(reset.code).toBe(0);
    expect(reset.stdout).toContain('Das Inhaber-Passwort ist zurückgesetzt');
    expect(reset.stdout).toContain('The owner password is reset');
    expect(reset.stdout).toContain('„npm start“ gibt der Server ein neues Einrichtungsgeheimnis aus');
    expect(reset.stdout).toContain('At the next "npm start" the server prints a new set-up secret');
    expect(reset.stdout).toContain('If the server is running, restart it now');

    expect(await t.store.owner.get()).toEqual({ passwordHash: null, setupSecretHash: null });
    expect(sessionCount(t.file)).toBe(0);
    // The running server: everyone goes to set-up, which asks for a restart.
    expect((await get(t, '/owner', cookie)).headers.get('location')).toBe('/owner/setup');
    const waiting = await (await get(t, '/owner/setup')).text();
    expect(waiting).toContain('Starten Sie den Server neu');
    // Only that: no form a secret could be typed into, nor the intro that promises one.
    for (const html of [waiting, await (await get(t, '/owner/setup?lang=en')).text()]) {
      expect(html).not.toContain('<form method="post" action="/owner/setup"');
      expect(html).not.toContain('name="secret"');
      expect(html).not.toMatch(/Beim ersten Start hat der Server|At first start the server printed/);
    }
    expect(await (await get(t, '/owner/setup?lang=en')).text()).toContain('Restart the server: it then prints a new one');
    // A form opened before the reset gets the same answer, and no failed attempt is counted.
    const stale = await postForm(t.app, '/owner/setup', { secret: 'AAAA-BBBB-CCCC', password: NEW, repeat: NEW });
    expect(stale.status).toBe(409);
    const staleHtml = await stale.text();
    expect(staleHtml).toContain('Starten Sie den Server neu');
    expect(staleHtml).not.toContain('name="secret"');
    const old = await postForm(t.app, '/owner/login', { password: OLD });
    expect(old.headers.get('location')).toBe('/owner/setup');
    expect(old.headers.getSetCookie().some((c) => c.startsWith('countersign_owner='))).toBe(false);

    // The restart: main.ts opens the database and prints the secret prepareOwnerSetup makes.
    const restarted = openSqliteStore({ file: t.file });
    const secret = await prepareOwnerSetup({ store: restarted, now: t.clock.now });
    restarted.close();
    expect(secret).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const ready = await (await get(t, '/owner/setup')).text();
    expect(ready).not.toContain('Starten Sie den Server neu');
    expect(ready).toContain('Beim ersten Start hat der Server');
    expect(ready).toContain('name="secret"');

    const setUp = await postForm(t.app, '/owner/setup', { secret: secret!, password: NEW, repeat: NEW });
    expect(setUp.status).toBe(303);
    expect((await get(t, '/owner', sessionCookie(setUp))).status).toBe(200);
    expect((await postForm(t.app, '/owner/login', { password: OLD })).status).toBe(401);
    expect((await postForm(t.app, '/owner/login', { password: NEW })).status).toBe(303);
  });

  it('refuses, and makes no database, when the data folder holds none', async () => {
    const empty = await tempDir();
    const missing = join(empty, 'not-there');
    for (const dir of [empty, missing]) {
      const reset = await runReset(dir);
      expect(reset.code).toBe(1);
      expect(reset.stdout).toBe('');
      expect(reset.stderr).toContain('Hier gibt es keine countersign-Datenbank');
      expect(reset.stderr).toContain('There is no countersign database here');
      expect(reset.stderr).toContain('COUNTERSIGN_DATA_DIR');
      expect(existsSync(join(dir, 'countersign.sqlite'))).toBe(false);
    }
    expect(existsSync(missing)).toBe(false);
  });

  it('refuses a database at another schema version, and changes nothing in it', async () => {
    const t = await makeTestApp();
    await setUpOwner(t, OLD);
    t.store.close();
    const older = new Database(t.file);
    older.pragma(`user_version = ${MIGRATIONS.length - 1}`);
    older.close();
    const before = databaseDigest(t.file);
    const reset = await runReset(t.dir);
    expect(reset.code).toBe(1);
    expect(reset.stderr).toContain(`Die Datenbank hat Version ${MIGRATIONS.length - 1}, dieser Stand von countersign erwartet ${MIGRATIONS.length}.`);
    expect(reset.stderr).toContain('Nothing was changed.');
    expect(databaseDigest(t.file)).toBe(before);
  });
});

describe('the owner store', { timeout: 30_000 }, () => {
  it('replaces the password only over the hash that was checked', async () => {
    const t = await makeTestApp();
    await setUpOwner(t, OLD);
    const { passwordHash } = await t.store.owner.get();
    const now = t.clock.now.toISOString();
    expect(await t.store.owner.setPassword({ passwordHash: 'scrypt$other', previousHash: 'scrypt$stale', now, keepTokenHash: 'x' })).toBe(false);
    expect((await t.store.owner.get()).passwordHash).toBe(passwordHash);
    expect(sessionCount(t.file)).toBe(1);
  });

  it('clears out expired sessions at start', async () => {
    const t = await makeTestApp();
    await setUpOwner(t, OLD);
    expect(await prepareOwnerSetup({ store: t.store, now: t.clock.now })).toBeNull();
    expect(sessionCount(t.file)).toBe(1);
    t.advance(12 * 3_600_000);
    expect(await prepareOwnerSetup({ store: t.store, now: t.clock.now })).toBeNull();
    expect(sessionCount(t.file)).toBe(0);
  });
});
