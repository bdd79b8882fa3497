/**
 * The thank-you e-mail, received by a real SMTP server (smtp-server) and read back with mailparser:
 * words in the customer's language, the .ics and the PDF receipt (read back with pdf.js), exactly
 * the links the customer's choices call for; retries with backoff when the server refuses or is
 * down, and the record never touched; .eml files when no SMTP server is configured.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { readPdf } from '../../tests/support/read-pdf';
import { mailLinks, startTestSmtp, type TestSmtp } from '../../tests/support/smtp';
import { databaseDigest, postForm, setUpOwner } from '../test-app';
import { tempDir } from '../test-site';
import { BACKOFF_MS } from './mailer';
import { folderTransport, smtpTransport } from './mail-transport';
import { LINK_BASE, makeMailBench, recordGranting } from './test-mail';

let servers: TestSmtp[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  servers = [];
});
const smtp = async () => {
  const server = await startTestSmtp();
  servers.push(server);
  return server;
};

const attachment = (mail: ParsedMail, type: string) => mail.attachments.find((a) => a.contentType === type);
/** A header as it stands in the raw message, folded lines joined. */
const rawHeader = (raw: Buffer, name: string) => new RegExp(`^${name}: (.*)$`, 'mi').exec(raw.toString('utf8').replace(/\r\n[ \t]+/g, ' '))?.[1];

describe('the thank-you e-mail over SMTP', () => {
  it('thanks in German with the pickup date as .ics, the PDF receipt, three opt-out links and the confirmation link', async () => {
    const t = await makeMailBench();
    const server = await smtp();
    const record = recordGranting(['letter', 'email', 'sms']);
    await t.upload(record);
    t.advance(2000);
    await t.mailer(smtpTransport({ smtpUrl: server.url })).kick();

    const [mail] = await server.waitFor(1);
    expect(server.received).toHaveLength(1);
    expect(mail!.to).toEqual([record.customer.email]);
    const parsed = mail!.parsed;
    expect(parsed.subject).toBe('Vielen Dank für Ihren Auftrag 2026-1129-001 – Optik Beispiel');
    expect(parsed.from?.value).toEqual([{ name: 'Optik Beispiel', address: 'no-reply@kasse.optik-beispiel.example' }]);
    expect(parsed.replyTo?.value[0]?.address).toBe('datenschutz@optik-beispiel.de');
    expect(parsed.text).toContain('Guten Tag Jürgen Groß,');
    expect(parsed.text).toContain('Abholung ab Freitag, 4. Dezember 2026.');
    // Intl puts a no-break space between amount and currency.
    expect(parsed.text!.replace(/\u00a0/g, ' ')).toContain('2 × Gleitsichtgläser, entspiegelt: 499,00 €');
    // Total, deposit and what is left to pay, as on the receipt.
    expect(parsed.text!.replace(/\u00a0/g, ' ')).toContain('Summe: 628,00 €\nAnzahlung: 200,00 €\nRestbetrag bei Abholung: 428,00 €');
    expect(String(parsed.html).replace(/\u00a0/g, ' ')).toContain('Restbetrag bei Abholung: 428,00 €');
    expect(parsed.html).toContain('Bitte bestätigen Sie Ihre E-Mail-Adresse');

    const ics = attachment(parsed, 'text/calendar');
    expect(ics?.filename).toBe('Abholung-2026-1129-001.ics');
    const calendar = ics!.content.toString('utf8').replace(/\r\n[ \t]/g, '');
    expect(calendar).toContain('DTSTART;VALUE=DATE:20261204');
    expect(calendar).toContain('DTEND;VALUE=DATE:20261205');
    expect(calendar).toContain('SUMMARY:Abholung: Auftrag 2026-1129-001 – Optik Beispiel');
    expect(calendar).toContain(`UID:pickup-${record.id}@countersign`);
    expect(calendar).toContain('LOCATION:Optik Beispiel\\, Hauptstraße 1\\, 10115 Berlin');

    const pdf = attachment(parsed, 'application/pdf');
    expect(pdf?.filename).toBe('Beleg-2026-1129-001.pdf');
    const receipt = await readPdf(new Uint8Array(pdf!.content));
    expect(receipt.text).toContain('2026-1129-001');
    expect(receipt.text).toContain(record.id);
    expect(receipt.images).toBeGreaterThanOrEqual(1);

    const links = mailLinks(parsed);
    expect(links.confirm).toHaveLength(1);
    expect(links.optout).toHaveLength(3);
    for (const url of [...links.confirm, ...links.optout]) expect(url.startsWith(`${LINK_BASE}/c/`)).toBe(true);
    for (const label of ['Keine Werbung mehr per Brief', 'Keine Werbung mehr per E-Mail', 'Keine Werbung mehr per SMS']) {
      expect(parsed.text).toContain(`${label}: ${LINK_BASE}/c/optout?t=`);
    }
    const emailOptout = new RegExp(`Keine Werbung mehr per E-Mail: (\\S+)`).exec(parsed.text!)![1];
    expect(rawHeader(mail!.raw, 'List-Unsubscribe')).toBe(`<${emailOptout}>`);
    expect(rawHeader(mail!.raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');

    const [row] = await t.store.mail.list({ limit: 10 });
    expect(row).toMatchObject({ recordId: record.id, status: 'sent', attempts: 1, sentAt: t.clock.now.toISOString(), lastError: null });
    expect(row!.messageId).toBe(`<thanks-${record.id}@kasse.optik-beispiel.example>`);
    expect(parsed.messageId).toBe(row!.messageId);
  });

  it('writes in English for an English record, with only the SMS opt-out link when only SMS was granted', async () => {
    const t = await makeMailBench();
    const server = await smtp();
    const record = recordGranting(['sms'], { language: 'en' });
    await t.upload(record);
    await t.mailer(smtpTransport({ smtpUrl: server.url }), { from: 'Optik Beispiel <info@optik-beispiel.de>' }).kick();

    const [mail] = await server.waitFor(1);
    const parsed = mail!.parsed;
    expect(parsed.subject).toBe('Thank you for your order 2026-1129-001 – Optik Beispiel');
    expect(parsed.from?.value).toEqual([{ name: 'Optik Beispiel', address: 'info@optik-beispiel.de' }]);
    expect(parsed.text).toContain('Ready for pickup from Friday, 4 December 2026.');
    // "Dear …," then a new sentence: capitalised.
    expect(parsed.text).toMatch(/^Dear [^\n]+,\n\nThank you for your order at Optik Beispiel\./);
    expect(parsed.text!.replace(/\u00a0/g, ' ')).toContain('Balance due at pickup: €428.00');
    expect(parsed.text).not.toMatch(/Werbung|Vielen/);
    const links = mailLinks(parsed);
    expect(links.confirm).toEqual([]);
    expect(links.optout).toHaveLength(1);
    expect(parsed.text).toContain(`No more advertising by SMS: ${links.optout[0]}`);
    expect(rawHeader(mail!.raw, 'List-Unsubscribe')).toBeUndefined();
    expect(attachment(parsed, 'text/calendar')?.content.toString()).toContain('SUMMARY:Pickup: order 2026-1129-001 – Optik Beispiel');
    expect(attachment(parsed, 'application/pdf')?.filename).toBe('Receipt-2026-1129-001.pdf');
  });

  it('has no opt-out or confirmation link at all when the customer granted nothing', async () => {
    const t = await makeMailBench();
    const server = await smtp();
    await t.upload(recordGranting([]));
    await t.mailer(smtpTransport({ smtpUrl: server.url })).kick();
    const [mail] = await server.waitFor(1);
    expect(mailLinks(mail!.parsed)).toEqual({ confirm: [], optout: [] });
    expect(mail!.parsed.text).not.toContain('widerrufen');
  });

  it('sends nothing for a record without an e-mail address, and each queued mail only once', async () => {
    const t = await makeMailBench();
    const server = await smtp();
    await t.upload(recordGranting([], { email: '' }), recordGranting(['email']));
    const mailer = t.mailer(smtpTransport({ smtpUrl: server.url }));
    await Promise.all([mailer.kick(), mailer.kick()]);
    await mailer.kick();
    expect(server.received).toHaveLength(1);
    expect(await t.store.mail.counts()).toEqual({ queued: 0, sent: 1, failed: 0 });
  });

  it('waits while uploads keep coming (a tablet catching up), and sends once they pause', async () => {
    const t = await makeMailBench();
    const server = await smtp();
    await t.upload(recordGranting(['email']));
    const mailer = t.mailer(smtpTransport({ smtpUrl: server.url }), {}, { quietMs: 400 });
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const first = mailer.kick();
    await sleep(200);
    expect(server.received, 'an upload came 200 ms ago').toHaveLength(0);
    void mailer.kick();
    await sleep(250);
    expect(server.received, 'another upload came 250 ms ago').toHaveLength(0);
    await first;
    expect(server.received).toHaveLength(1);
  });

  it('does not wait for a pause for ever', async () => {
    const t = await makeMailBench();
    const server = await smtp();
    await t.upload(recordGranting(['email']));
    const mailer = t.mailer(smtpTransport({ smtpUrl: server.url }), {}, { quietMs: 3_600_000, maxDeferMs: 300 });
    await mailer.kick();
    expect(server.received).toHaveLength(1);
  });
});

describe('when the SMTP server refuses or is down', () => {
  it('retries after 1 min, 5 min, 30 min, 2 h and 12 h, then gives up; the record stays as it was; the owner can retry', async () => {
    const t = await makeMailBench();
    const server = await smtp();
    server.refuseRecipients(true);
    const record = recordGranting(['email']);
    await t.upload(record);
    const recordRow = () => t.rows('SELECT * FROM records WHERE id = ?', record.id);
    const before = recordRow();
    const mailer = t.mailer(smtpTransport({ smtpUrl: server.url }));

    for (const [n, wait] of BACKOFF_MS.entries()) {
      await mailer.kick();
      const [row] = await t.store.mail.list({ limit: 1 });
      expect(row).toMatchObject({ status: 'queued', attempts: n + 1, nextAttemptAt: new Date(t.clock.now.getTime() + wait).toISOString() });
      expect(row!.lastError).toMatch(/550/);
      // Not due yet: a kick a moment before the next attempt sends nothing.
      t.advance(wait - 1000);
      await mailer.kick();
      expect((await t.store.mail.list({ limit: 1 }))[0]!.attempts).toBe(n + 1);
      t.advance(1000);
    }
    await mailer.kick();
    const [failed] = await t.store.mail.list({ limit: 1 });
    expect(failed).toMatchObject({ status: 'failed', attempts: 6, nextAttemptAt: null, sentAt: null });
    expect(failed!.lastError).toMatch(/550.*unavailable/);
    expect(server.received).toHaveLength(0);
    expect(recordRow()).toEqual(before);

    // Given up: the timer leaves it alone, however long it waits.
    t.advance(7 * 86_400_000);
    await mailer.kick();
    expect((await t.store.mail.counts()).failed).toBe(1);

    // The owner sees it, highlighted with its error, and tries again once the server accepts mail.
    const cookie = await setUpOwner(t);
    const home = await (await t.app.request('/owner', { headers: { cookie } })).text();
    expect(home).toMatch(/<strong>1<\/strong>Fehlgeschlagene E-Mails/);
    const page = await (await t.app.request('/owner/mail', { headers: { cookie } })).text();
    expect(page).toContain('1 E-Mail ist fehlgeschlagen.');
    expect(page).toContain(`data-status="failed"`);
    expect(page).toContain('Erneut versuchen');
    expect(page).toMatch(/550[^<]*unavailable/);

    const refused = await t.app.request(`/owner/mail/${failed!.id}/retry`, { method: 'POST', headers: { cookie, origin: 'https://evil.example' } });
    expect(refused.status).toBe(403);
    expect((await t.store.mail.counts()).failed).toBe(1);

    server.refuseRecipients(false);
    const retried = await postForm(t.app, `/owner/mail/${failed!.id}/retry`, {}, { cookie });
    expect(retried.status).toBe(303);
    expect(retried.headers.get('location')).toBe('/owner/mail?retried=ok');
    expect((await t.store.mail.list({ limit: 1 }))[0]).toMatchObject({ status: 'queued', attempts: 0 });
    const again = await postForm(t.app, `/owner/mail/${failed!.id}/retry`, {}, { cookie });
    expect(again.headers.get('location')).toBe('/owner/mail?retried=no');

    await mailer.kick();
    await server.waitFor(1);
    expect((await t.store.mail.list({ limit: 1 }))[0]).toMatchObject({ status: 'sent', attempts: 1 });
    expect(recordRow()).toEqual(before);
  });

  it('counts a server that is not there as a failed attempt, and sends once it is back', async () => {
    const t = await makeMailBench();
    const server = await smtp();
    const url = server.url;
    await server.stop();
    servers = [];
    await t.upload(recordGranting(['email']));
    const digestOfRecords = t.rows('SELECT id, hash, body FROM records');
    const mailer = t.mailer(smtpTransport({ smtpUrl: url }));
    await mailer.kick();
    const [row] = await t.store.mail.list({ limit: 1 });
    expect(row).toMatchObject({ status: 'queued', attempts: 1 });
    expect(row!.lastError).toMatch(/ECONNREFUSED|connect/i);

    const back = await startTestSmtp({ port: Number(new URL(url).port) });
    servers.push(back);
    t.advance(BACKOFF_MS[0]);
    await mailer.kick();
    await back.waitFor(1);
    expect((await t.store.mail.list({ limit: 1 }))[0]).toMatchObject({ status: 'sent', attempts: 2 });
    expect(t.rows('SELECT id, hash, body FROM records')).toEqual(digestOfRecords);
  });

  it('does not crash and changes nothing when the store cannot be read', async () => {
    const t = await makeMailBench();
    await t.upload(recordGranting(['email']));
    const lines: string[] = [];
    const { createMailer } = await import('./mailer');
    const broken = { ...t.store, mail: { ...t.store.mail, due: () => Promise.reject(new Error('disk gone')) } };
    const digest = databaseDigest(t.file);
    await createMailer({ store: broken, transport: folderTransport({ dir: await tempDir() }), settings: { smtpUrl: null, from: null, dir: null }, linkBase: () => LINK_BASE, log: (l) => lines.push(l) }).kick();
    expect(lines.join('\n')).toContain('disk gone');
    expect(databaseDigest(t.file)).toBe(digest);
  });
});

describe('without SMTP_URL', () => {
  it('writes one <recordId>.eml per record into the mail folder, whole', async () => {
    const t = await makeMailBench();
    const dir = join(await tempDir(), 'mail-out');
    const first = recordGranting(['email', 'sms']);
    const second = recordGranting(['letter'], { language: 'en' });
    await t.upload(first, second);
    await t.mailer(folderTransport({ dir })).kick();

    expect((await readdir(dir)).sort()).toEqual([`${first.id}.eml`, `${second.id}.eml`].sort());
    const parsed = await simpleParser(await readFile(join(dir, `${first.id}.eml`)));
    expect(parsed.to && 'value' in parsed.to ? parsed.to.value[0]?.address : null).toBe(first.customer.email);
    expect(parsed.subject).toContain('Vielen Dank');
    expect(mailLinks(parsed).optout).toHaveLength(2);
    expect(mailLinks(parsed).confirm).toHaveLength(1);
    expect(parsed.attachments.map((a) => a.contentType).sort()).toEqual(['application/pdf', 'text/calendar']);
    const english = await simpleParser(await readFile(join(dir, `${second.id}.eml`)));
    expect(english.subject).toContain('Thank you');
    expect(await t.store.mail.counts()).toEqual({ queued: 0, sent: 2, failed: 0 });
  });
});
