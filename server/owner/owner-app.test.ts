import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ShopResponse } from '../../shared/api';
import { bearer, enrolTablet, fixtureOrder, makeTestApp, newRecord, ORIGIN, postForm, postJson, sessionCookie, setUpOwner, uploadRecords, type TestApp } from '../test-app';
import { prepareOwnerSetup } from './owner-account';
import { OWNER_STRINGS } from './strings';

const PASSWORD = 'correct horse battery';

const get = (t: TestApp, path: string, cookie?: string) => t.app.request(path, { headers: cookie ? { cookie } : {} });

const cookieAttributes = (res: Response) => res.headers.getSetCookie().find((c) => c.startsWith('countersign_owner='))!;

describe('owner set-up', { timeout: 30_000 }, () => {
  it('sends everyone to the set-up page until a password exists', async () => {
    const t = await makeTestApp();
    for (const path of ['/owner', '/owner/devices', '/owner/login']) {
      const res = await get(t, path);
      expect(res.status, path).toBe(303);
      expect(res.headers.get('location')).toBe('/owner/setup');
    }
    const page = await get(t, '/owner/setup');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('Einrichtungsgeheimnis');
  });

  it('names the terminal line exactly as the server prints it', () => {
    const main = readFileSync(new URL('../main.ts', import.meta.url), 'utf8');
    const lines = [OWNER_STRINGS.de.setup.intro.match(/Zeile „([^“]+)“/)?.[1], OWNER_STRINGS.en.setup.intro.match(/the line "([^"]+)"/)?.[1]];
    for (const line of lines) {
      expect(line).toBeDefined();
      expect(main).toContain(`${line} \${setupSecret}\``);
    }
  });

  it('takes the secret from the terminal and a new password, then starts a 12-hour session', async () => {
    const t = await makeTestApp();
    const secret = (await prepareOwnerSetup({ store: t.store }))!;
    expect(secret).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);

    const wrongSecret = await postForm(t.app, '/owner/setup', { secret: 'AAAA-BBBB-CCCC', password: PASSWORD, repeat: PASSWORD });
    expect(wrongSecret.status).toBe(401);
    expect(await wrongSecret.text()).toContain('Einrichtungsgeheimnis stimmt nicht');
    const short = await postForm(t.app, '/owner/setup', { secret, password: 'kurz', repeat: 'kurz' });
    expect(short.status).toBe(422);
    expect(await short.text()).toContain('mindestens 10 Zeichen');
    const mismatch = await postForm(t.app, '/owner/setup', { secret, password: PASSWORD, repeat: `${PASSWORD}!` });
    expect(mismatch.status).toBe(422);
    expect(await mismatch.text()).toContain('nicht gleich');

    const ok = await postForm(t.app, '/owner/setup', { secret: secret.toLowerCase(), password: PASSWORD, repeat: PASSWORD });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/owner');
    const attributes = cookieAttributes(ok);
    expect(attributes).toMatch(/HttpOnly/i);
    expect(attributes).toMatch(/SameSite=Strict/i);
    expect(attributes).toMatch(/Path=\/owner/);
    expect(attributes).toMatch(/Max-Age=43200/);
    expect(attributes).not.toMatch(/Secure/i);
    expect((await get(t, '/owner', sessionCookie(ok))).status).toBe(200);

    const owner = await t.store.owner.get();
    expect(owner.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(owner.setupSecretHash).toBeNull();
    expect(await prepareOwnerSetup({ store: t.store })).toBeNull();
    // Set up once: the secret no longer works and the page sends to login.
    expect((await postForm(t.app, '/owner/setup', { secret, password: 'another password', repeat: 'another password' })).headers.get('location')).toBe('/owner/login');
    expect((await get(t, '/owner/setup')).headers.get('location')).toBe('/owner/login');
  });

  it('marks the session cookie Secure when the owner area is reached over HTTPS', async () => {
    const t = await makeTestApp({ config: { publicUrl: 'https://kasse.example.com' } });
    const secret = (await prepareOwnerSetup({ store: t.store }))!;
    const res = await postForm(t.app, '/owner/setup', { secret, password: PASSWORD, repeat: PASSWORD });
    expect(cookieAttributes(res)).toMatch(/Secure/);
  });

  it('expires the session after 12 hours', async () => {
    const t = await makeTestApp();
    const cookie = await setUpOwner(t);
    t.advance(12 * 3_600_000 - 1000);
    expect((await get(t, '/owner', cookie)).status).toBe(200);
    t.advance(2000);
    expect((await get(t, '/owner', cookie)).headers.get('location')).toBe('/owner/login');
  });
});

describe('owner login', { timeout: 30_000 }, () => {
  it('logs in with the password and out again', async () => {
    const t = await makeTestApp();
    const first = await setUpOwner(t, PASSWORD);
    const wrong = await postForm(t.app, '/owner/login', { password: 'not the password' });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('Passwort stimmt nicht');

    const ok = await postForm(t.app, '/owner/login', { password: PASSWORD });
    expect(ok.status).toBe(303);
    const cookie = sessionCookie(ok);
    expect(cookie).not.toBe(first);
    expect((await get(t, '/owner/devices', cookie)).status).toBe(200);

    const out = await postForm(t.app, '/owner/logout', {}, { cookie });
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/owner/login?out');
    expect(cookieAttributes(out)).toMatch(/Max-Age=0/);
    expect((await get(t, '/owner/devices', cookie)).headers.get('location')).toBe('/owner/login');
    expect((await get(t, '/owner/devices', first)).status).toBe(200);
  });

  it('allows five failed logins a minute per address, then refuses even the right password until the minute is over', async () => {
    const t = await makeTestApp();
    await setUpOwner(t, PASSWORD);
    for (let i = 0; i < 5; i++) expect((await postForm(t.app, '/owner/login', { password: `guess ${i}` })).status).toBe(401);
    const blocked = await postForm(t.app, '/owner/login', { password: PASSWORD });
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await blocked.text()).toContain('Zu viele Fehlversuche');
    t.advance(61_000);
    expect((await postForm(t.app, '/owner/login', { password: PASSWORD })).status).toBe(303);
  });

  it('checks at most five of twenty wrong passwords sent at once; the rest get 429 without a check', async () => {
    const t = await makeTestApp();
    await setUpOwner(t, PASSWORD);
    const statuses = (await Promise.all(Array.from({ length: 20 }, (_, i) => postForm(t.app, '/owner/login', { password: `guess ${i}` })))).map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s !== 401)).toEqual(Array(20 - statuses.filter((s) => s === 401).length).fill(429));
    // The failures are counted: even the right password waits for the minute to end.
    expect((await postForm(t.app, '/owner/login', { password: PASSWORD })).status).toBe(429);
    t.advance(61_000);
    expect((await postForm(t.app, '/owner/login', { password: PASSWORD })).status).toBe(303);
  });

  it('counts failures per client address behind a trusted proxy', async () => {
    const t = await makeTestApp({ config: { trustProxy: true } });
    await setUpOwner(t, PASSWORD);
    const from = (ip: string) => ({ 'x-forwarded-for': `203.0.113.9, ${ip}` });
    for (let i = 0; i < 5; i++) await postForm(t.app, '/owner/login', { password: 'guess' }, from('198.51.100.1'));
    expect((await postForm(t.app, '/owner/login', { password: PASSWORD }, from('198.51.100.1'))).status).toBe(429);
    expect((await postForm(t.app, '/owner/login', { password: PASSWORD }, from('198.51.100.2'))).status).toBe(303);
  });

  it('refuses forms from another site, or without an Origin, and accepts PUBLIC_URL as the origin', async () => {
    const t = await makeTestApp({ config: { publicUrl: 'https://kasse.example.com' } });
    const cookie = await setUpOwner(t, PASSWORD);
    for (const origin of ['https://evil.example', 'null', 'http://localhost:8080']) {
      const res = await postForm(t.app, '/owner/login', { password: PASSWORD }, { origin });
      expect(res.status, origin).toBe(403);
      expect(await res.text()).toContain('nicht von dieser Seite');
    }
    const noOrigin = await t.app.request('/owner/devices/codes', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'note=x',
    });
    expect(noOrigin.status).toBe(403);
    expect(await t.store.enrolment.listOpenCodes({ now: t.clock.now.toISOString() })).toEqual([]);
    expect((await postForm(t.app, '/owner/login', { password: PASSWORD }, { origin: 'https://kasse.example.com' })).status).toBe(303);
    expect((await postForm(t.app, '/owner/login', { password: PASSWORD }, { origin: ORIGIN })).status).toBe(303);
  });

  it('refuses a form the browser marks as cross-site, even with a matching Origin', async () => {
    const t = await makeTestApp();
    await setUpOwner(t, PASSWORD);
    const res = await postForm(t.app, '/owner/login', { password: PASSWORD }, { origin: ORIGIN, 'sec-fetch-site': 'cross-site' });
    expect(res.status).toBe(403);
    expect((await postForm(t.app, '/owner/login', { password: PASSWORD }, { origin: ORIGIN, 'sec-fetch-site': 'same-origin' })).status).toBe(303);
  });

  it('keeps the Origin header on its own form posts (a no-referrer policy would make browsers send "null")', async () => {
    const t = await makeTestApp();
    const res = await t.app.request('/owner/login');
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
  });
});

describe('owner pages', { timeout: 30_000 }, () => {
  it('render in German, switch to English with ?lang=en and remember it', async () => {
    const t = await makeTestApp({ demo: true });
    const cookie = await setUpOwner(t);
    const pages: Array<[string, string, string]> = [
      ['/owner', 'Offene Aufträge', 'Open orders'],
      ['/owner/devices', 'Verbindungscode erzeugen', 'Make an enrolment code'],
      ['/owner/records', 'Datensätze empfangen', 'records received'],
      ['/owner/conflicts', 'Keine Konflikte', 'No conflicts'],
      ['/owner/notices', 'Datenschutzhinweis (Art. 13 DSGVO)', 'Privacy notice (Art. 13 GDPR)'],
      ['/owner/api-keys', 'Schlüssel erzeugen', 'Make a key'],
    ];
    for (const [path, german] of pages) {
      const de = await get(t, path, cookie);
      expect(de.status, path).toBe(200);
      expect(de.headers.get('cache-control')).toBe('no-store');
      expect(de.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      const html = await de.text();
      expect(html).toMatch(/^<!doctype html><html lang="de">/);
      expect(html, path).toContain(german);
    }
    const switched = await get(t, '/owner/devices?lang=en', cookie);
    const langCookie = switched.headers.getSetCookie().find((c) => c.startsWith('countersign_lang='))!.split(';')[0]!;
    expect(await switched.text()).toContain('Make an enrolment code');
    for (const [path, , english] of pages) {
      const html = await (await get(t, path, `${cookie}; ${langCookie}`)).text();
      expect(html).toContain('<html lang="en">');
      expect(html, path).toContain(english);
    }
  });

  it('makes an enrolment code shown as text and as a QR code, which enrols one tablet', async () => {
    const t = await makeTestApp({ config: { publicUrl: 'https://kasse.example.com' } });
    const cookie = await setUpOwner(t);
    const res = await postForm(t.app, '/owner/devices/codes', { note: 'Theke 2' }, { cookie });
    expect(res.status).toBe(201);
    const html = await res.text();
    const code = /id="enrolment-code">([A-Z0-9-]+)</.exec(html)?.[1];
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(html).toMatch(/<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(html).toContain(`https://kasse.example.com/?enrol=${code}`);

    const devices = await (await get(t, '/owner/devices', cookie)).text();
    expect(devices).toContain('Theke 2');
    const enrolled = await postJson(t.app, '/api/v1/enrol', { code, deviceName: 'Tablet Theke 2' });
    expect(enrolled.status).toBe(201);
    expect((await postJson(t.app, '/api/v1/enrol', { code, deviceName: 'Noch eins' })).status).toBe(403);
    expect(await (await get(t, '/owner/devices', cookie)).text()).toContain('Tablet Theke 2');
  });

  it('revokes a tablet after a confirmation, and the tablet is refused from then on', async () => {
    const t = await makeTestApp();
    const cookie = await setUpOwner(t);
    const tablet = await enrolTablet(t, 'Tablet Flur');
    const confirm = await get(t, `/owner/devices/${tablet.deviceId}/revoke`, cookie);
    expect(confirm.status).toBe(200);
    expect(await confirm.text()).toContain('Tablet „Tablet Flur“ wirklich sperren?');
    expect((await t.app.request('/api/v1/shop', { headers: bearer(tablet.token) })).status).toBe(200);

    const revoked = await postForm(t.app, `/owner/devices/${tablet.deviceId}/revoke`, {}, { cookie });
    expect(revoked.status).toBe(303);
    const list = await (await get(t, revoked.headers.get('location')!, cookie)).text();
    expect(list).toContain('ist gesperrt');
    expect(list).toContain('gesperrt am');
    const refused = await uploadRecords(t, tablet.token, [newRecord()]);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: 'device_revoked' });
    expect((await postForm(t.app, `/owner/devices/${tablet.deviceId}/revoke`, {}, { cookie })).status).toBe(404);
  });

  it('lists conflicts with both hashes, the devices and the times', async () => {
    const t = await makeTestApp();
    const cookie = await setUpOwner(t);
    const one = await enrolTablet(t, 'Theke 1');
    const two = await enrolTablet(t, 'Theke 2');
    const record = newRecord();
    const other = newRecord({ id: record.id, timeZone: 'Europe/Vienna' });
    await uploadRecords(t, one.token, [record]);
    await uploadRecords(t, two.token, [other]);
    const html = await (await get(t, '/owner/conflicts', cookie)).text();
    for (const text of [record.id, record.hash, other.hash, 'Theke 1', 'Theke 2']) expect(html).toContain(text);
    expect(await (await get(t, '/owner', cookie)).text()).toContain('Es gibt Konflikte');
  });

  it('shows the record count and the latest records', async () => {
    const t = await makeTestApp();
    const cookie = await setUpOwner(t);
    const tablet = await enrolTablet(t, 'Theke 1');
    const records = [newRecord(), newRecord()];
    await uploadRecords(t, tablet.token, records);
    const html = await (await get(t, '/owner/records', cookie)).text();
    expect(html).toContain('2 Datensätze empfangen.');
    for (const r of records) expect(html).toContain(r.id);
  });

  it('shows every time in the shop’s time zone (TIME_ZONE), not the server’s, and names the zone', async () => {
    const signedAt = '2026-11-29T11:26:00.000Z';
    for (const [timeZone, shown] of [
      [undefined, '12:26'],
      ['Europe/London', '11:26'],
      ['Asia/Tokyo', '20:26'],
    ] as const) {
      const t = await makeTestApp(timeZone ? { config: { timeZone } } : {});
      const cookie = await setUpOwner(t);
      const tablet = await enrolTablet(t, 'Theke 1');
      await uploadRecords(t, tablet.token, [newRecord({ signedAt })]);
      const html = await (await get(t, '/owner/records', cookie)).text();
      expect(html, timeZone).toContain(`29.11.2026, ${shown}`);
      expect(html.match(/Zeiten in [A-Za-z/_]+/g), timeZone).toEqual([`Zeiten in ${timeZone ?? 'Europe/Berlin'}`]);
      expect(await (await get(t, '/owner/records?lang=en', cookie)).text()).toContain(`Times in ${timeZone ?? 'Europe/Berlin'}`);
    }
  });

  it('links the app’s icon, so that browsers ask for no /favicon.ico', async () => {
    const t = await makeTestApp();
    for (const path of ['/owner/setup', '/c/optout?t=x']) expect(await (await get(t, path)).text(), path).toContain('<link rel="icon" href="/icons/icon.svg" type="image/svg+xml"/>');
  });

  it('publishes a new version of a notice, which tablets get on their next sync', async () => {
    const t = await makeTestApp({ demo: true });
    const cookie = await setUpOwner(t);
    const tablet = await enrolTablet(t);
    const shop = ((await (await t.app.request('/api/v1/shop', { headers: bearer(tablet.token) })).json()) as ShopResponse).shop!;

    const de = `${shop.texts.email.de}\r\n\r\nNeu: höchstens zweimal im Monat.`;
    const res = await postForm(t.app, '/owner/notices/email', { de, en: shop.texts.email.en }, { cookie });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/owner/notices?published=email&version=2#email');
    expect(await (await get(t, res.headers.get('location')!, cookie)).text()).toContain('Einwilligung E-Mail: Version 2 ist veröffentlicht.');

    const synced = ((await (await t.app.request('/api/v1/shop', { headers: bearer(tablet.token) })).json()) as ShopResponse).shop!;
    expect(synced.texts.email).toEqual({ id: 'consent-email', version: 2, de: de.replaceAll('\r\n', '\n'), en: shop.texts.email.en });
    expect(synced.texts.notice).toEqual(shop.texts.notice);

    const same = await postForm(t.app, '/owner/notices/email', { de, en: shop.texts.email.en }, { cookie });
    expect(same.headers.get('location')).toContain('unchanged=email');
    const empty = await postForm(t.app, '/owner/notices/email', { de: '  ', en: 'x' }, { cookie });
    expect(empty.status).toBe(422);
    expect((await t.store.shop.textHistory()).filter((h) => h.kind === 'email').map((h) => h.version)).toEqual([2, 1]);
    expect(await (await get(t, '/owner/notices', cookie)).text()).toContain('Version 1 vom');
  });

  it('makes an API key shown once, which pushes orders until it is revoked', async () => {
    const t = await makeTestApp();
    const cookie = await setUpOwner(t);
    const res = await postForm(t.app, '/owner/api-keys', { name: 'Kassensystem' }, { cookie });
    expect(res.status).toBe(201);
    const key = /id="api-key">([^<]+)</.exec(await res.text())?.[1];
    expect(key).toMatch(/^csk_[A-Za-z0-9_-]{43}$/);
    const list = await (await get(t, '/owner/api-keys', cookie)).text();
    expect(list).toContain('Kassensystem');
    expect(list).not.toContain(key!);

    expect((await postJson(t.app, '/api/v1/orders', fixtureOrder(), bearer(key!))).status).toBe(201);
    const { id } = (await t.store.apiKeys.list())[0]!;
    expect(await (await get(t, `/owner/api-keys/${id}/revoke`, cookie)).text()).toContain('wirklich widerrufen');
    expect((await postForm(t.app, `/owner/api-keys/${id}/revoke`, {}, { cookie })).status).toBe(303);
    expect((await postJson(t.app, '/api/v1/orders', fixtureOrder(), bearer(key!))).status).toBe(401);
  });

  it('answers an unknown owner page with 404', async () => {
    const t = await makeTestApp();
    const cookie = await setUpOwner(t);
    expect((await get(t, '/owner/nothing', cookie)).status).toBe(404);
  });
});
