/**
 * The customer's link pages, through app.request() on a real SQLite file: the opt-out (one click)
 * and the confirmation (a button, then its POST) each write exactly one consent event (route
 * email-link) in the same transaction as the used token; opening the confirmation link writes
 * nothing; tampered, garbled, expired, misdirected and replayed links are refused with a clear page
 * and nothing written (a digest of every table is compared).
 */
import { describe, expect, it } from 'vitest';
import type { Channel } from '../../shared/channels';
import { consentState } from '../../shared/consent';
import { LINK_BASE, makeMailBench, recordGranting, type MailBench } from '../mail/test-mail';
import { databaseDigest } from '../test-app';
import { CONFIRM_VALID_MS, linkKey, linkUrl, OPTOUT_VALID_MS, signToken, type LinkPurpose } from './link-tokens';

const HOUR = 3_600_000;

/** A shop with one stored record (letter, e-mail and SMS granted), an hour after it was signed. */
async function bench(options: { language?: 'de' | 'en' } = {}) {
  const t = await makeMailBench();
  const record = recordGranting(['letter', 'email', 'sms'], options);
  await t.upload(record);
  t.clock.now = new Date(Date.parse(record.signedAt) + HOUR);
  const [mail] = await t.store.mail.list({ limit: 1 });
  const customerId = mail!.customerId;
  const token = async (purpose: LinkPurpose, channel: Channel) => signToken({ key: await linkKey(t.store), purpose, customerId, channel, recordId: record.id, now: t.clock.now });
  /** The path of the link as the mail holds it. */
  const path = async (purpose: LinkPurpose, channel: Channel) => linkUrl({ base: LINK_BASE, purpose, token: await token(purpose, channel) }).slice(LINK_BASE.length);
  const open = async (target: string, init?: RequestInit) => {
    const res = await t.app.request(target, init);
    return { res, status: res.status, html: await res.text() };
  };
  /** The confirmation form's POST, as the button sends it. */
  const post = async (token: string, lang?: string) =>
    open(`/c/confirm${lang ? `?lang=${lang}` : ''}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ t: token }).toString() });
  return { t, record, customerId, token, path, open, post };
}

/** The token in the confirmation page's form. */
const formTokenOf = (html: string) => /<input type="hidden" name="t" value="([^"]*)"/.exec(html)?.[1];

const linkEvents = (t: MailBench) => t.rows<{ channel: string; action: string; route: string; at: string; recorded_at: string; record_id: string; contact: string; source_id: string }>(
  "SELECT * FROM consent_events WHERE route = 'email-link' ORDER BY id",
);
const usedTokens = (t: MailBench) => t.rows<{ token_id: string; purpose: string; used_at: string }>('SELECT * FROM used_tokens');
const jtiOf = (token: string) => (JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as { jti: string }).jti;

describe('/c/confirm', () => {
  it('GET only shows a button and writes nothing (a mail scanner opens links too); its POST confirms: one event, the token used, the channel active', async () => {
    const { t, record, customerId, token, open, post } = await bench();
    expect(consentState('email', await t.store.consents.history({ customerId }))).toBe('pending');
    const confirm = await token('confirm', 'email');
    const digest = databaseDigest(t.file);
    const shown = await open(`/c/confirm?t=${confirm}`);
    expect(shown.status).toBe(200);
    expect(shown.html).toContain('<html lang="de">');
    expect(shown.html).toContain('<form method="post" action="/c/confirm?lang=de">');
    expect(shown.html).toContain('E-Mail-Adresse bestätigen</button>');
    expect(formTokenOf(shown.html)).toBe(confirm);
    expect(shown.html).not.toContain('Ihre E-Mail-Adresse ist bestätigt');
    expect(databaseDigest(t.file)).toBe(digest);

    const { res, status, html } = await post(confirm, 'de');
    expect(status).toBe(200);
    expect(html).toContain('Ihre E-Mail-Adresse ist bestätigt');
    expect(html).toContain('Optik Beispiel');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');

    const now = t.clock.now.toISOString();
    expect(linkEvents(t)).toEqual([
      expect.objectContaining({ channel: 'email', action: 'confirmed', route: 'email-link', at: now, recorded_at: now, record_id: record.id, contact: record.customer.email, source_id: jtiOf(confirm) }),
    ]);
    expect(usedTokens(t)).toEqual([{ token_id: jtiOf(confirm), purpose: 'confirm', used_at: now }]);
    expect(consentState('email', await t.store.consents.history({ customerId }))).toBe('active');

    // Opened again, or posted again: "already used", nothing written.
    const after = databaseDigest(t.file);
    expect((await open(`/c/confirm?t=${confirm}`)).html).toContain('Dieser Link wurde bereits verwendet; Ihre E-Mail-Adresse ist bereits bestätigt.');
    expect((await post(confirm)).html).toContain('Dieser Link wurde bereits verwendet; Ihre E-Mail-Adresse ist bereits bestätigt.');
    expect(databaseDigest(t.file)).toBe(after);
  });

  it('does nothing on HEAD either', async () => {
    const { t, token, open } = await bench();
    const confirm = await token('confirm', 'email');
    const digest = databaseDigest(t.file);
    expect((await open(`/c/confirm?t=${confirm}`, { method: 'HEAD' })).status).toBe(200);
    expect(databaseDigest(t.file)).toBe(digest);
  });

  it('answers in the record language, or in the one asked for', async () => {
    const english = await bench({ language: 'en' });
    const confirm = await english.token('confirm', 'email');
    const shown = await english.open(`/c/confirm?t=${confirm}`);
    expect(shown.html).toContain('<html lang="en">');
    expect(shown.html).toContain('Confirm e-mail address</button>');
    expect(shown.html).toContain('action="/c/confirm?lang=en"');
    const page = await english.post(confirm, 'en');
    expect(page.html).toContain('<html lang="en">');
    expect(page.html).toContain('Your e-mail address is confirmed');

    const german = await bench();
    const asked = await german.open(`/c/optout?t=${await german.token('optout', 'sms')}&lang=en`);
    expect(asked.html).toContain('You will no longer receive advertising by SMS from Optik Beispiel.');
  });

  it('does not bring back a consent withdrawn before the confirmation link was clicked', async () => {
    const { t, customerId, token, open, post } = await bench();
    await open(`/c/optout?t=${await token('optout', 'email')}`);
    t.advance(60_000);
    const { status, html } = await post(await token('confirm', 'email'));
    expect(status).toBe(200);
    expect(html).toContain('Dabei bleibt es: Sie erhalten keine Werbung per E-Mail.');
    expect(consentState('email', await t.store.consents.history({ customerId }))).toBe('withdrawn');
  });

  it('does not let the link sent to an earlier address confirm the other address the customer gave since', async () => {
    const t = await makeMailBench();
    const first = recordGranting(['email']);
    const second = recordGranting(['email'], { email: 'neue.adresse@example.org' });
    await t.upload(first);
    await t.upload(second);
    t.clock.now = new Date(Date.parse(first.signedAt) + HOUR);
    const [mail] = await t.store.mail.list({ limit: 1 });
    const customerId = mail!.customerId;
    const confirmOf = async (record: typeof first) =>
      t.app.request('/c/confirm', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `t=${signToken({ key: await linkKey(t.store), purpose: 'confirm', customerId, channel: 'email', recordId: record.id, now: t.clock.now })}`,
      });

    const old = await confirmOf(first);
    expect(old.status).toBe(200);
    const html = await old.text();
    expect(html).toContain('Diese Adresse ist nicht mehr aktuell');
    expect(html).not.toContain('Ihre E-Mail-Adresse ist bestätigt');
    expect(consentState('email', await t.store.consents.history({ customerId }))).toBe('pending');

    expect(await (await confirmOf(second)).text()).toContain('Ihre E-Mail-Adresse ist bestätigt');
    expect(consentState('email', await t.store.consents.history({ customerId }))).toBe('active');
  });
});

describe('GET /c/optout', () => {
  it('withdraws exactly the channel of the link; opening it again says so and writes nothing', async () => {
    const { t, record, customerId, token, open } = await bench();
    const sms = await token('optout', 'sms');
    const first = await open(`/c/optout?t=${sms}`);
    expect(first.status).toBe(200);
    expect(first.html).toContain('Sie erhalten keine Werbung mehr per SMS von Optik Beispiel.');
    expect(linkEvents(t)).toEqual([expect.objectContaining({ channel: 'sms', action: 'withdrawn', route: 'email-link', contact: record.customer.mobile, source_id: jtiOf(sms) })]);
    const history = await t.store.consents.history({ customerId });
    expect([consentState('letter', history), consentState('email', history), consentState('sms', history)]).toEqual(['active', 'pending', 'withdrawn']);

    const digest = databaseDigest(t.file);
    t.advance(HOUR);
    const again = await open(`/c/optout?t=${sms}`);
    expect(again.status).toBe(200);
    expect(again.html).toContain('Dieser Link wurde bereits verwendet; Ihr Widerruf gilt weiterhin.');
    expect(databaseDigest(t.file)).toBe(digest);
  });

  it('withdraws even when the tablet’s clock ran ahead of the server’s at the signature', async () => {
    const t = await makeMailBench();
    const record = recordGranting(['sms']);
    t.clock.now = new Date(Date.parse(record.signedAt) - 10 * 60_000);
    await t.upload(record);
    t.advance(60_000);
    const [mail] = await t.store.mail.list({ limit: 1 });
    const customerId = mail!.customerId;
    const token = signToken({ key: await linkKey(t.store), purpose: 'optout', customerId, channel: 'sms', recordId: record.id, now: t.clock.now });
    expect((await t.app.request(`/c/optout?t=${token}`)).status).toBe(200);
    expect(consentState('sms', await t.store.consents.history({ customerId }))).toBe('withdrawn');
  });

  it('does nothing on HEAD, as link checkers send it', async () => {
    const { t, path, open } = await bench();
    const target = await path('optout', 'sms');
    const digest = databaseDigest(t.file);
    expect((await open(target, { method: 'HEAD' })).status).toBe(200);
    expect(databaseDigest(t.file)).toBe(digest);
    expect((await open(target)).html).toContain('Sie erhalten keine Werbung mehr per SMS');
  });

  it('accepts the mail program’s one-click POST (RFC 8058) the same way', async () => {
    const { t, path, open } = await bench();
    const target = await path('optout', 'email');
    const { status, html } = await open(target, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(status).toBe(200);
    expect(html).toContain('Sie erhalten keine Werbung mehr per E-Mail');
    expect(linkEvents(t).map((e) => [e.channel, e.action])).toEqual([['email', 'withdrawn']]);
  });
});

describe('an opt-out link for a channel already off', () => {
  it('only uses its token when the channel is withdrawn already, and says so', async () => {
    const { t, token, open } = await bench();
    const first = await token('optout', 'letter');
    t.advance(60_000);
    const second = await token('optout', 'letter');
    await open(`/c/optout?t=${first}`);
    expect(linkEvents(t)).toHaveLength(1);
    t.advance(60_000);
    const { status, html } = await open(`/c/optout?t=${second}`);
    expect(status).toBe(200);
    expect(html).toContain('Sie erhalten bereits keine Werbung per Brief von Optik Beispiel.');
    expect(linkEvents(t).map((e) => e.source_id)).toEqual([jtiOf(first)]);
    expect(usedTokens(t).map((u) => u.token_id).sort()).toEqual([jtiOf(first), jtiOf(second)].sort());
  });

  it('keeps an objection: a later opt-out link adds nothing, and the channel stays objected', async () => {
    const { t, customerId, token, open } = await bench();
    const now = t.clock.now.toISOString();
    await t.store.consents.append({
      events: [{ customerId, channel: 'sms', action: 'objected', route: 'owner', at: now, recordedAt: now, recordId: null, noticeVersion: null, textVersion: null, textSha256: null, contact: '', deviceId: null, staffId: null, sourceId: 'objection-1', note: 'telefonisch' }],
    });
    t.advance(60_000);
    const { html } = await open(`/c/optout?t=${await token('optout', 'sms')}`);
    expect(html).toContain('Sie erhalten bereits keine Werbung per SMS');
    expect(linkEvents(t)).toEqual([]);
    expect(consentState('sms', await t.store.consents.history({ customerId }))).toBe('objected');
  });

  it('after erasure, writes neither the name nor the address back, and says the data is erased', async () => {
    const { t, record, customerId, token, open } = await bench();
    const letter = await token('optout', 'letter');
    const sms = await token('optout', 'sms');
    t.advance(60_000);
    await t.store.erasure.erase({ customerId, now: t.clock.now.toISOString(), keepConsents: [] });
    const before = t.rows('SELECT * FROM consent_events ORDER BY id');
    const customerBefore = t.rows('SELECT * FROM customers');
    t.advance(60_000);
    const { status, html } = await open(`/c/optout?t=${letter}`);
    expect(status).toBe(200);
    expect(html).toContain('Ihre Daten wurden auf Ihren Wunsch gelöscht; Sie erhalten keine Werbung.');
    expect(t.rows('SELECT * FROM consent_events ORDER BY id')).toEqual(before);
    expect(t.rows('SELECT * FROM customers')).toEqual(customerBefore);
    expect(usedTokens(t).map((u) => u.token_id)).toEqual([jtiOf(letter)]);
    // Nothing in the ledger names the customer any more.
    const ledgerText = JSON.stringify(t.rows('SELECT * FROM consent_events'));
    for (const detail of [record.customer.name, record.customer.street, record.customer.mobile, record.customer.email]) expect(ledgerText).not.toContain(detail);

    const english = await open(`/c/optout?t=${sms}&lang=en`);
    expect(english.html).toContain('Your data was erased at your request; you receive no advertising.');
  });

  it('after erasure that kept a consent, withdraws it without writing the contact value back', async () => {
    const { t, record, customerId, token, open } = await bench();
    const letter = await token('optout', 'letter');
    t.advance(60_000);
    await t.store.erasure.erase({ customerId, now: t.clock.now.toISOString(), keepConsents: ['letter'] });
    t.advance(60_000);
    const { html } = await open(`/c/optout?t=${letter}`);
    expect(html).toContain('Sie erhalten keine Werbung mehr per Brief');
    expect(linkEvents(t)).toEqual([expect.objectContaining({ channel: 'letter', action: 'withdrawn', contact: '', record_id: record.id })]);
    expect(consentState('letter', await t.store.consents.history({ customerId }))).toBe('withdrawn');
  });
});

describe('bad links change nothing', () => {
  it('refuses a tampered token (payload or signature), a garbled one and none at all with 400', async () => {
    const { t, token, open } = await bench();
    const good = await token('optout', 'sms');
    const [body, mac] = good.split('.') as [string, string];
    const otherChannel = Buffer.from(Buffer.from(body, 'base64url').toString().replace('"sms"', '"email"')).toString('base64url');
    const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
    const digest = databaseDigest(t.file);
    for (const bad of [`${otherChannel}.${mac}`, `${body}.${flip(mac, 5)}`, `${flip(body, 10)}.${mac}`, `${body}.${mac.slice(0, -2)}`, 'abc', '', `${good}.x`]) {
      const { status, html } = await open(`/c/optout?t=${encodeURIComponent(bad)}`);
      expect(status, bad).toBe(400);
      expect(html).toContain('Dieser Link ist ungültig');
      expect(html).toContain('Es wurde nichts geändert.');
    }
    expect((await open('/c/optout')).status).toBe(400);
    expect(databaseDigest(t.file)).toBe(digest);
  });

  it('refuses a tampered confirmation token with the same page on GET and POST, and a POST without a form', async () => {
    const { t, token, open, post } = await bench();
    const good = await token('confirm', 'email');
    const bad = good.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    const digest = databaseDigest(t.file);
    for (const { status, html } of [await open(`/c/confirm?t=${bad}`), await post(bad), await post(''), await open('/c/confirm', { method: 'POST' })]) {
      expect(status).toBe(400);
      expect(html).toContain('Dieser Link ist ungültig');
      expect(html).not.toContain('<form');
    }
    // The token in the address does not count for the POST: only the form's field does.
    expect((await open(`/c/confirm?t=${good}`, { method: 'POST' })).status).toBe(400);
    expect(databaseDigest(t.file)).toBe(digest);
  });

  it('refuses a confirmation form too large to be one, before reading it, and writes nothing', async () => {
    const { t, token, open } = await bench();
    const good = await token('confirm', 'email');
    const digest = databaseDigest(t.file);
    // A valid token, but padded with a megabyte of junk: a public page must not read that into memory.
    const body = `${new URLSearchParams({ t: good }).toString()}&pad=${'x'.repeat(1024 * 1024)}`;
    const { status, html } = await open('/c/confirm?lang=en', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    expect(status).toBe(413);
    expect(html).toContain('This link is not valid');
    expect(html).not.toContain('<form');
    expect(databaseDigest(t.file)).toBe(digest);
    expect(consentState('email', await t.store.consents.history({ customerId: (await t.store.mail.list({ limit: 1 }))[0]!.customerId }))).toBe('pending');
  });

  it('refuses a signature changed only in the unused bits of its last character', async () => {
    const { t, token, open } = await bench();
    const good = await token('optout', 'sms');
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const bad = good.slice(0, -1) + alphabet[alphabet.indexOf(good.at(-1)!) ^ 1];
    expect(Buffer.from(bad.split('.')[1]!, 'base64url')).toEqual(Buffer.from(good.split('.')[1]!, 'base64url'));
    const digest = databaseDigest(t.file);
    expect((await open(`/c/optout?t=${bad}`)).status).toBe(400);
    expect(databaseDigest(t.file)).toBe(digest);
  });

  it('refuses a token made with another key', async () => {
    const { t, record, customerId, open } = await bench();
    await linkKey(t.store); // the shop's key exists, as after its first e-mail
    const forged = signToken({ key: Buffer.alloc(32, 7), purpose: 'optout', customerId, channel: 'sms', recordId: record.id, now: t.clock.now });
    const digest = databaseDigest(t.file);
    expect((await open(`/c/optout?t=${forged}`)).status).toBe(400);
    expect(databaseDigest(t.file)).toBe(digest);
  });

  it('refuses a link used for the wrong purpose', async () => {
    const { t, token, open, post } = await bench();
    const [confirm, optout] = [await token('confirm', 'email'), await token('optout', 'email')];
    const digest = databaseDigest(t.file);
    expect((await open(`/c/optout?t=${confirm}`)).status).toBe(400);
    expect((await open(`/c/confirm?t=${optout}`)).status).toBe(400);
    expect((await post(optout)).status).toBe(400);
    expect(databaseDigest(t.file)).toBe(digest);
  });

  it('refuses expired links with 410 and says how else to withdraw: the shop’s contact details', async () => {
    const { t, token, open, post } = await bench();
    const confirm = await token('confirm', 'email');
    const optout = await token('optout', 'sms');
    const digest = databaseDigest(t.file);

    t.advance(CONFIRM_VALID_MS - 1000);
    t.advance(1000);
    const late = await open(`/c/confirm?t=${confirm}`);
    expect(late.status).toBe(410);
    expect(late.html).toContain('Dieser Link ist abgelaufen');
    expect(late.html).toContain('Bestätigungslinks gelten 30 Tage.');
    const latePost = await post(confirm);
    expect(latePost.status).toBe(410);
    expect(latePost.html).toContain('Bestätigungslinks gelten 30 Tage.');

    // The opt-out link still works after 30 days, and until 3 years have passed.
    t.advance(OPTOUT_VALID_MS - CONFIRM_VALID_MS);
    const old = await open(`/c/optout?t=${optout}`);
    expect(old.status).toBe(410);
    expect(old.html).toContain('Sie können Ihre Einwilligung trotzdem jederzeit widerrufen');
    for (const detail of ['So erreichen Sie uns', 'Hauptstraße 1, 10115 Berlin', 'datenschutz@optik-beispiel.de', '+49 30 1234567']) expect(old.html).toContain(detail);
    expect(databaseDigest(t.file)).toBe(digest);
  });

  it('still takes an opt-out link just before it expires', async () => {
    const { t, token, open } = await bench();
    const optout = await token('optout', 'letter');
    t.advance(OPTOUT_VALID_MS - 1000);
    expect((await open(`/c/optout?t=${optout}`)).status).toBe(200);
    expect(linkEvents(t).map((e) => [e.channel, e.action])).toEqual([['letter', 'withdrawn']]);
  });
});
