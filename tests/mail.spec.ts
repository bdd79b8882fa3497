/**
 * The thank-you e-mail end to end: a customer signs on the tablet granting letter, e-mail and SMS,
 * the tablet syncs with the real server process, and a real SMTP server started here receives the
 * mail. The customer's clicks happen in Chromium, on the links exactly as the mail holds them, on
 * the origin the tablet app (and its service worker) lives on; the ledger is read from the server's
 * SQLite file. Replayed and tampered links change nothing.
 */
import { randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import type { ParsedMail } from 'mailparser';
import type { EnrolResponse } from '../shared/api';
import { sealRecord } from '../shared/record';
import { fixtureRecord } from '../shared/record.fixture';
import { ANNA, createOrder, goToStep, handTabletToCustomer, unlockAsStaff } from './support/actions';
import { customerSignsConfirmsAndHandsBack, customerTurnsOn } from './support/kiosk-checks';
import { readPdf } from './support/read-pdf';
import { DEMO_ENROL_CODE } from './support/env';
import { mailLinks, startTestSmtp, type TestSmtp } from './support/smtp';
import { enrolTablet, openCloseOfDay, ownerSetupSecret, ownPort, readServerDatabase, syncNow, tabletRecords, testCleanups, uploadAsTablet, type ShopServer } from './support/sync';
import { setUpOwnerArea } from './support/owner-area';

const OWNER_PASSWORD = 'Theke-Passwort-2026';

// Signing, syncing, mailing and four link clicks: more than the default 30 s on a busy machine.
test.describe.configure({ timeout: 60_000 });

const { cleanup, ownServer } = testCleanups();

interface LedgerRow {
  channel: string;
  action: string;
  route: string;
  at: string;
  recorded_at: string;
  record_id: string | null;
  contact: string;
}

const ledger = (server: ShopServer) =>
  readServerDatabase(server.dataDir, (db) => db.prepare('SELECT channel, action, route, at, recorded_at, record_id, contact FROM consent_events ORDER BY id').all() as LedgerRow[]);

/** The shop's server with SMTP_URL pointing at the test's SMTP server, and links on its own address. */
async function serverWithSmtp(port: number, smtp: TestSmtp): Promise<ShopServer> {
  const url = `http://127.0.0.1:${port}`;
  const { server } = await ownServer(port, 'mail', { PUBLIC_URL: url, SMTP_URL: smtp.url, MAIL_FROM: '', MAIL_DIR: '' });
  return server;
}

/** The customer follows a link from the mail; returns the HTTP status the page came with. */
async function customerOpens(page: Page, url: string): Promise<number> {
  const response = await page.goto(url);
  expect(response, `${url} was answered`).not.toBeNull();
  // The tablet's service worker may pass the request on (it keeps a customer in the kiosk), but
  // the page must be the server's, never the app's shell.
  await expect(page.locator('#app'), 'the link page is the server’s, not the app').toHaveCount(0);
  return response!.status();
}

test('the customer gets the thank-you e-mail after sync, confirms the address with the page’s button and opts out of SMS with one click', async ({ page }, testInfo) => {
  const smtp = await startTestSmtp();
  cleanup(() => smtp.stop());
  const server = await serverWithSmtp(ownPort(testInfo, 0), smtp);
  expect(server.output()).toMatch(/^ +E-Mail: +SMTP /m);
  expect(server.output()).toContain(`SMTP ${smtp.url}`);

  // At the counter: the customer turns on letter, e-mail and SMS, and signs.
  await enrolTablet(page, { url: server.url, name: 'Theke Mail' });
  await unlockAsStaff(page);
  const orderNumber = await createOrder(page, ANNA);
  await handTabletToCustomer(page, ANNA.name);
  await goToStep(page, 'channels');
  for (const channel of ['Brief', 'E-Mail', 'SMS'] as const) await customerTurnsOn(page, channel);
  await customerSignsConfirmsAndHandsBack(page);
  const record = (await tabletRecords(page)).find((r) => r.record?.customer.name === ANNA.name)!.record!;
  expect(record.choices.letter.granted && record.choices.email.granted && record.choices.sms.granted).toBe(true);

  // Close of day: the record goes to the server, and the mail follows at once (not on the 30 s timer).
  await openCloseOfDay(page);
  await syncNow(page);
  const [received] = await smtp.waitFor(1, 15_000);
  const stored = readServerDatabase(server.dataDir, (db) => db.prepare('SELECT received_at FROM records WHERE id = ?').get(record.id) as { received_at: string });
  const delay = received!.at - Date.parse(stored.received_at);
  testInfo.annotations.push({ type: 'mail after the record was stored', description: `${delay} ms` });
  console.log(`the thank-you e-mail arrived ${delay} ms after the server stored the record`);
  expect(delay, 'the mail is sent when the upload is stored, not on the next timer tick').toBeLessThan(10_000);

  const mail: ParsedMail = received!.parsed;
  expect(received!.to).toEqual([ANNA.email]);
  expect(mail.subject).toBe(`Vielen Dank für Ihren Auftrag ${orderNumber} – Optik Demo`);
  expect(mail.text).toContain(`Guten Tag ${ANNA.name},`);
  expect(mail.text).toContain('Abholung ab Donnerstag, 10. Dezember 2026.');
  const ics = mail.attachments.find((a) => a.contentType === 'text/calendar')!;
  expect(ics.content.toString()).toContain('DTSTART;VALUE=DATE:20261210');
  const receipt = await readPdf(new Uint8Array(mail.attachments.find((a) => a.contentType === 'application/pdf')!.content));
  expect(receipt.text).toContain(orderNumber);
  expect(receipt.text).toContain(record.id);

  const links = mailLinks(mail);
  expect(links.confirm).toHaveLength(1);
  expect(links.optout).toHaveLength(3);
  for (const url of [...links.confirm, ...links.optout]) expect(new URL(url).origin).toBe(server.url);
  const smsOptout = /Keine Werbung mehr per SMS: (\S+)/.exec(mail.text ?? '')![1]!;
  expect(links.optout).toContain(smsOptout);

  const grants = ledger(server);
  expect(grants.map((e) => [e.channel, e.action, e.route])).toEqual([
    ['letter', 'granted', 'signature'],
    ['email', 'granted', 'signature'],
    ['sms', 'granted', 'signature'],
  ]);

  // The customer opens the confirmation link: a page with one button, and nothing written yet
  // (a mail scanner opening the link must not confirm in the customer's name).
  expect(await customerOpens(page, links.confirm[0]!)).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('E-Mail-Adresse bestätigen');
  expect(ledger(server)).toHaveLength(3);
  // The button confirms: a German page, one 'confirmed' event.
  const beforeConfirm = new Date().toISOString();
  await page.getByRole('button', { name: 'E-Mail-Adresse bestätigen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ihre E-Mail-Adresse ist bestätigt');
  await expect(page.getByRole('status')).toContainText('Optik Demo darf Ihnen nun Werbung per E-Mail schicken.');
  const confirmed = ledger(server).slice(3);
  expect(confirmed).toEqual([{ channel: 'email', action: 'confirmed', route: 'email-link', at: expect.any(String), recorded_at: expect.any(String), record_id: record.id, contact: ANNA.email }]);
  expect(confirmed[0]!.recorded_at >= beforeConfirm && confirmed[0]!.recorded_at <= new Date().toISOString(), `recorded at ${confirmed[0]!.recorded_at}, the time of the click`).toBe(true);

  // The customer opts out of SMS: a German page says so, one 'withdrawn' event for SMS only.
  const beforeOptout = new Date().toISOString();
  expect(await customerOpens(page, smsOptout)).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ihr Widerruf ist gespeichert');
  await expect(page.getByRole('status')).toHaveText('Sie erhalten keine Werbung mehr per SMS von Optik Demo.');
  const withdrawn = ledger(server).slice(4);
  expect(withdrawn).toEqual([{ channel: 'sms', action: 'withdrawn', route: 'email-link', at: expect.any(String), recorded_at: expect.any(String), record_id: record.id, contact: '+491712345678' }]);
  expect(withdrawn[0]!.recorded_at >= beforeOptout).toBe(true);

  // The same link again: "already used", and nothing written.
  expect(await customerOpens(page, smsOptout)).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dieser Link wurde bereits verwendet');
  await expect(page.getByRole('status')).toHaveText('Dieser Link wurde bereits verwendet; Ihr Widerruf gilt weiterhin.');
  expect(ledger(server)).toHaveLength(5);

  // A tampered link (one character of the signature changed): an error page, and nothing written.
  const tampered = smsOptout.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
  expect(await customerOpens(page, tampered)).toBe(400);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dieser Link ist ungültig');
  await expect(page.getByRole('alert')).toContainText('Es wurde nichts geändert.');
  expect(ledger(server)).toHaveLength(5);
  expect(readServerDatabase(server.dataDir, (db) => (db.prepare('SELECT COUNT(*) AS n FROM used_tokens').get() as { n: number }).n)).toBe(2);

  // The owner sees the mail as sent.
  await setUpOwnerArea(page, server.url, ownerSetupSecret(server), OWNER_PASSWORD);
  await page.getByRole('navigation').getByRole('link', { name: 'E-Mails' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('E-Mails');
  const row = page.getByRole('row').filter({ hasText: ANNA.email });
  await expect(row).toContainText('gesendet am');
  await expect(row).toContainText(record.id);
});

test('the SMTP server refuses the recipient: the record is stored all the same, and the owner sees the mail waiting with the server’s answer', async ({ page, request }, testInfo) => {
  const smtp = await startTestSmtp();
  cleanup(() => smtp.stop());
  smtp.refuseRecipients(true);
  const server = await serverWithSmtp(ownPort(testInfo, 1), smtp);

  // A tablet uploads a signed record (through the API, as its sync does).
  const enrolled = await request.post(`${server.url}/api/v1/enrol`, { data: { code: DEMO_ENROL_CODE, deviceName: 'Theke API' } });
  expect(enrolled.status()).toBe(201);
  const { token } = (await enrolled.json()) as EnrolResponse;
  const { hash: _hash, ...unsigned } = fixtureRecord();
  const record = sealRecord({ ...unsigned, id: randomUUID() });
  const upload = await uploadAsTablet(request, server.url, token, JSON.stringify({ records: [record] }));
  expect(upload.body.results).toEqual([expect.objectContaining({ id: record.id, status: 'stored' })]);

  // The mailer tries at once, is refused, and plans the next attempt a minute later.
  const outbox = () =>
    readServerDatabase(server.dataDir, (db) => db.prepare('SELECT status, attempts, last_error, next_attempt_at FROM mail_outbox WHERE record_id = ?').get(record.id)) as
      | { status: string; attempts: number; last_error: string | null; next_attempt_at: string }
      | undefined;
  await expect.poll(() => outbox()?.attempts, { timeout: 10_000, message: 'one attempt was made' }).toBe(1);
  const row = outbox()!;
  expect(row.status).toBe('queued');
  expect(row.last_error).toMatch(/550/);
  expect(Date.parse(row.next_attempt_at) - Date.now()).toBeGreaterThan(30_000);
  expect(smtp.received).toHaveLength(0);
  const stored = readServerDatabase(server.dataDir, (db) => db.prepare('SELECT hash, body FROM records WHERE id = ?').get(record.id) as { hash: string; body: string });
  expect(stored.hash).toBe(record.hash);
  expect(JSON.parse(stored.body)).toEqual(record);
  expect(server.output()).toContain(`the thank-you e-mail for record ${record.id} failed (attempt 1)`);

  // The owner's page shows it waiting, with the SMTP server's answer; nothing to retry by hand yet.
  await setUpOwnerArea(page, server.url, ownerSetupSecret(server), OWNER_PASSWORD);
  await page.goto(`${server.url}/owner/mail`);
  const mailRow = page.getByRole('row').filter({ hasText: record.id });
  await expect(mailRow).toContainText('in der Warteschlange');
  await expect(mailRow).toContainText('550');
  await expect(mailRow.getByRole('button', { name: 'Erneut versuchen' })).toHaveCount(0);
});
