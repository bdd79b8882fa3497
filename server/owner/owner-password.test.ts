import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { databaseDigest, makeTestApp, ORIGIN, postForm, sessionCookie, setUpOwner, type TestApp } from '../test-app';
import { logInOwner } from './owner-account';
import { hashPassword } from './password';
import { addressKey, MAX_FAILURES_PER_MINUTE_ALL } from './password-attempts';

const OLD = 'correct horse battery';
const NEW = 'staple tuning fork 42';

const get = (t: TestApp, path: string, cookie?: string) => t.app.request(path, { headers: cookie ? { cookie } : {} });
const change = (t: TestApp, cookie: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  postForm(t.app, '/owner/settings/password', fields, { cookie, ...headers });
const logIn = (t: TestApp, password: string, headers: Record<string, string> = {}) => postForm(t.app, '/owner/login', { password }, headers);

/** The owner row and the session rows, read through a connection of their own. */
function ownerRows(t: TestApp) {
  const db = new Database(t.file, { readonly: true });
  try {
    return {
      owner: db.prepare('SELECT * FROM owner').get() as { password_hash: string | null; password_set_at: string | null },
      sessions: (db.prepare('SELECT COUNT(*) AS n FROM owner_sessions').get() as { n: number }).n,
    };
  } finally {
    db.close();
  }
}

/** The owner logged in three times: this browser, and two others. */
async function threeSessions(t: TestApp) {
  const mine = await setUpOwner(t, OLD);
  const others = [sessionCookie(await logIn(t, OLD)), sessionCookie(await logIn(t, OLD))];
  return { mine, others };
}

describe('changing the owner password', { timeout: 60_000 }, () => {
  it('shows the form on the settings page, in German and in English', async () => {
    const t = await makeTestApp();
    const cookie = await setUpOwner(t, OLD);
    const de = await (await get(t, '/owner/settings', cookie)).text();
    for (const text of ['Passwort ändern', 'Aktuelles Passwort', 'Neues Passwort wiederholen', 'npm run owner:reset']) expect(de).toContain(text);
    expect(de).toContain('action="/owner/settings/password"');
    expect(de).toContain('autocomplete="current-password"');
    const en = await (await get(t, '/owner/settings?lang=en', cookie)).text();
    for (const text of ['Change the password', 'Current password', 'Repeat the new password']) expect(en).toContain(text);
  });

  it('replaces the password, ends every other session and keeps this one', async () => {
    const t = await makeTestApp();
    const { mine, others } = await threeSessions(t);
    const before = ownerRows(t);
    expect(before.sessions).toBe(3);
    t.advance(60_000);

    const res = await change(t, mine, { current: OLD, password: NEW, repeat: NEW });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/owner/settings?password');
    const done = await get(t, res.headers.get('location')!, mine);
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Das Passwort ist geändert. Alle anderen Anmeldungen sind beendet');

    const after = ownerRows(t);
    expect(after.owner.password_hash).not.toBe(before.owner.password_hash);
    expect(after.owner.password_hash).toMatch(/^scrypt\$/);
    expect(after.owner.password_set_at).toBe(t.clock.now.toISOString());
    expect(after.sessions).toBe(1);
    for (const other of others) expect((await get(t, '/owner', other)).headers.get('location')).toBe('/owner/login');
    expect((await get(t, '/owner/devices', mine)).status).toBe(200);

    const old = await logIn(t, OLD);
    expect(old.status).toBe(401);
    expect(await old.text()).toContain('Das Passwort stimmt nicht.');
    expect((await logIn(t, NEW)).status).toBe(303);
  });

  it('changes nothing on a wrong current password, a short or long one, two different ones, or the same one again', async () => {
    const t = await makeTestApp();
    const { mine, others } = await threeSessions(t);
    const before = { digest: databaseDigest(t.file), rows: ownerRows(t) };
    const long = 'x'.repeat(1025);
    const cases: Array<[Record<string, string>, number, string, string]> = [
      [{ current: 'not the password', password: NEW, repeat: NEW }, 401, 'pw-current', 'Das aktuelle Passwort stimmt nicht.'],
      [{ current: OLD, password: 'kurz', repeat: 'kurz' }, 422, 'pw-new', 'Das neue Passwort ist zu kurz: mindestens 10 Zeichen.'],
      [{ current: OLD, password: long, repeat: long }, 422, 'pw-new', 'Das neue Passwort ist zu lang'],
      [{ current: OLD, password: NEW, repeat: `${NEW}!` }, 422, 'pw-repeat', 'Die beiden neuen Passwörter sind nicht gleich.'],
      [{ current: OLD, password: OLD, repeat: OLD }, 422, 'pw-new', 'Das neue Passwort ist dasselbe wie das aktuelle.'],
    ];
    for (const [fields, status, id, text] of cases) {
      const res = await change(t, mine, fields);
      expect(res.status, text).toBe(status);
      const html = await res.text();
      expect(html).toContain('Das Passwort wurde nicht geändert.');
      // The message stands beside its field, tied to it for screen readers.
      expect(html).toMatch(new RegExp(`id="${id}"[^>]*aria-invalid="true"[^>]*aria-describedby="${id}-error"`));
      expect(html).toContain(`<small id="${id}-error" class="field-error">${text}`);
      // The summary at the top links to the field, which has the focus: at 1024×768 the form is below the fold.
      const summary = /<div class="message error" role="alert"><p>Das Passwort wurde nicht geändert\.[^<]*<\/p><ul>(.*?)<\/ul><\/div>/.exec(html)?.[1];
      expect(summary, text).toMatch(new RegExp(`^<li><a href="#${id}">${text}[^<]*</a></li>$`));
      expect(html.match(/autofocus/g), text).toHaveLength(1);
      expect(html).toMatch(new RegExp(`<input id="${id}"[^>]*autofocus`));
      expect(html.indexOf(summary!)).toBeLessThan(html.indexOf('<form method="post" action="/owner/settings"'));
      expect(html).not.toContain(fields.current!);
      expect(databaseDigest(t.file), text).toBe(before.digest);
    }
    expect(ownerRows(t)).toEqual(before.rows);
    for (const other of others) expect((await get(t, '/owner', other)).status).toBe(200);
    expect((await logIn(t, OLD)).status).toBe(303);
  });

  it('sends a GET of the form\'s address (a reload of the refused form) to the settings page', async () => {
    const t = await makeTestApp();
    const cookie = await setUpOwner(t, OLD);
    const res = await get(t, '/owner/settings/password', cookie);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/owner/settings');
    expect((await get(t, '/owner/settings/password')).headers.get('location')).toBe('/owner/login');
  });

  it('shows no summary and focuses nothing when only the page message is wrong (429, 409)', async () => {
    const t = await makeTestApp();
    const cookie = await setUpOwner(t, OLD);
    for (let i = 0; i < 5; i++) await change(t, cookie, { current: `guess ${i}`, password: NEW, repeat: NEW });
    const html = await (await change(t, cookie, { current: OLD, password: NEW, repeat: NEW })).text();
    expect(html).toMatch(/<p class="message error" role="alert">Zu viele Fehlversuche/);
    expect(html).not.toContain('autofocus');
  });

  it('says it in English on the English page', async () => {
    const t = await makeTestApp();
    const cookie = await setUpOwner(t, OLD);
    const res = await change(t, `${cookie}; countersign_lang=en`, { current: 'not the password', password: NEW, repeat: NEW });
    const html = await res.text();
    expect(html).toContain('<li><a href="#pw-current">The current password is wrong.</a></li>');
    expect(html).toContain('The password was not changed.');
  });

  it('treats the same password in another Unicode form as the same', async () => {
    const t = await makeTestApp();
    const password = 'Größe und Maß 12';
    const cookie = await setUpOwner(t, password);
    const res = await change(t, cookie, { current: password, password: password.normalize('NFD'), repeat: password.normalize('NFD') });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('dasselbe wie das aktuelle');
  });

  it('refuses a form from another site, or without a session, and changes nothing', async () => {
    const t = await makeTestApp();
    const { mine } = await threeSessions(t);
    const before = databaseDigest(t.file);
    const fields = { current: OLD, password: NEW, repeat: NEW };
    const foreign: Array<Record<string, string>> = [{ origin: 'https://evil.example' }, { origin: 'null' }, { origin: ORIGIN, 'sec-fetch-site': 'cross-site' }];
    for (const headers of foreign) {
      const res = await change(t, mine, fields, headers);
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(await res.text()).toContain('nicht von dieser Seite');
    }
    const noOrigin = await t.app.request('/owner/settings/password', {
      method: 'POST',
      headers: { cookie: mine, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
    expect(noOrigin.status).toBe(403);
    const loggedOut = await postForm(t.app, '/owner/settings/password', fields);
    expect(loggedOut.status).toBe(303);
    expect(loggedOut.headers.get('location')).toBe('/owner/login');
    expect(databaseDigest(t.file)).toBe(before);
    expect((await logIn(t, OLD)).status).toBe(303);
  });

  it('counts a wrong current password as a failed login, in the same limit as the login page', async () => {
    const t = await makeTestApp();
    const cookie = await setUpOwner(t, OLD);
    for (let i = 0; i < 3; i++) expect((await change(t, cookie, { current: `guess ${i}`, password: NEW, repeat: NEW })).status).toBe(401);
    for (let i = 0; i < 2; i++) expect((await logIn(t, `guess ${i}`)).status).toBe(401);
    const blocked = await change(t, cookie, { current: OLD, password: NEW, repeat: NEW });
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await blocked.text()).toContain('Zu viele Fehlversuche');
    expect((await logIn(t, OLD)).status).toBe(429);
    t.advance(61_000);
    expect((await change(t, cookie, { current: OLD, password: NEW, repeat: NEW })).status).toBe(303);
  });
});

describe('the overall limit on failed logins', { timeout: 60_000 }, () => {
  it(`after ${MAX_FAILURES_PER_MINUTE_ALL} failures a minute from many addresses, an address that failed gets no second guess, and the owner still gets in`, async () => {
    const t = await makeTestApp({ config: { trustProxy: true } });
    await setUpOwner(t, OLD);
    const from = (n: number) => ({ 'x-forwarded-for': `198.51.100.${n}` });
    for (let n = 1; n <= MAX_FAILURES_PER_MINUTE_ALL; n++) expect((await logIn(t, 'guess', from(n))).status).toBe(401);

    // One of the spray's addresses: one failure of its own (of five), but no second guess now.
    const blocked = await logIn(t, OLD, from(1));
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(50);
    const html = await blocked.text();
    expect(html).toContain('Zu viele Fehlversuche insgesamt, von verschiedenen Adressen.');
    expect(html).toContain('auch das richtige nicht');
    const english = await logIn(t, OLD, { ...from(2), cookie: 'countersign_lang=en' });
    expect(await english.text()).toContain('Too many failed attempts in all, from several addresses.');

    // The owner, from an address with no failure, is not locked out by the spray.
    expect((await logIn(t, OLD, from(200))).status).toBe(303);
    t.advance(61_000);
    expect((await logIn(t, OLD, from(1))).status).toBe(303);
  });

  it('counts an IPv6 address by its /64, so one network can not spread its guesses over its addresses', () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0002:ffff:0:0:9')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(addressKey('192.0.2.7')).toBe('192.0.2.7');
  });

  it('counts failures from one /64 together', async () => {
    const t = await makeTestApp({ config: { trustProxy: true } });
    await setUpOwner(t, OLD);
    for (let n = 1; n <= 5; n++) expect((await logIn(t, 'guess', { 'x-forwarded-for': `2001:db8:1:2::${n}` })).status).toBe(401);
    expect((await logIn(t, OLD, { 'x-forwarded-for': '2001:db8:1:2::99' })).status).toBe(429);
    expect((await logIn(t, OLD, { 'x-forwarded-for': '2001:db8:1:3::1' })).status).toBe(303);
  });
});

describe('expired owner sessions', { timeout: 60_000 }, () => {
  it('are deleted at the next login', async () => {
    const t = await makeTestApp();
    await setUpOwner(t, OLD);
    await logIn(t, OLD);
    expect(ownerRows(t).sessions).toBe(2);
    t.advance(13 * 3_600_000);
    await logIn(t, OLD);
    expect(ownerRows(t).sessions).toBe(1);
  });
});

describe('a login checked while the password changes', { timeout: 60_000 }, () => {
  // The password is read, then checked (scrypt, ~0.1 s); a change or reset that commits in between
  // must not be outlived by a session made with the old password.
  it('gets no session after a reset', async () => {
    const t = await makeTestApp();
    await setUpOwner(t, OLD);
    const pending = logInOwner({ store: t.store, password: OLD, now: t.clock.now });
    await t.store.owner.reset();
    expect(await pending).toBeNull();
    expect(ownerRows(t).sessions).toBe(0);
  });

  it('gets no session after a change elsewhere', async () => {
    const t = await makeTestApp();
    await setUpOwner(t, OLD);
    const { passwordHash: previousHash } = await t.store.owner.get();
    const next = await hashPassword({ password: NEW });
    const pending = logInOwner({ store: t.store, password: OLD, now: t.clock.now });
    expect(await t.store.owner.setPassword({ passwordHash: next, previousHash: previousHash!, now: t.clock.now.toISOString(), keepTokenHash: 'none' })).toBe(true);
    expect(await pending).toBeNull();
    expect(ownerRows(t).sessions).toBe(0);
  });
});
