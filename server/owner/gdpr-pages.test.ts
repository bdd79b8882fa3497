/**
 * The owner's GDPR tools through app.request() on a real SQLite file: customer search and page,
 * the owner's own withdrawal, the CSV export parsed back with csv-parse, the Art. 15 ZIP unpacked
 * with fflate, the Art. 30 PDF read back with pdf.js, the settings and the opt-in chart; with the
 * session and the bad input refused. Erasure (Art. 17) has its own file: gdpr-erasure.test.ts.
 */
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { fixtureShop } from '../../shared/record.fixture';
import { readPdf } from '../../tests/support/read-pdf';
import { ANNA, BERND, CLARA, confirmEmail, customerIdOf, EVIL, recordOf, sync } from '../gdpr/gdpr-fixtures';
import { enrolTablet, makeTestApp, postForm, setUpOwner, type TestApp } from '../test-app';

const get = (t: TestApp, path: string, cookie?: string) => t.app.request(path, { headers: cookie ? { cookie } : {} });

/** A shop with four customers: Anna (all three channels, e-mail confirmed), Bernd (letter), Clara (e-mail, unconfirmed), and a name that is a formula. */
async function shopWithCustomers(options: { askHealth?: boolean } = {}) {
  const t = await makeTestApp({ shop: fixtureShop({ askHealth: options.askHealth ?? true }) });
  const cookie = await setUpOwner(t);
  const tablet = await enrolTablet(t);
  const anna = recordOf(ANNA, ['letter', 'email', 'sms']);
  const records = [anna, recordOf(BERND, ['letter']), recordOf(CLARA, ['email']), recordOf(EVIL, ['letter'])];
  await sync(t, tablet.token, records);
  const ids = { anna: await customerIdOf(t, ANNA.email), bernd: await customerIdOf(t, BERND.email), clara: await customerIdOf(t, CLARA.email), evil: await customerIdOf(t, EVIL.email) };
  await confirmEmail(t, ids.anna, ANNA.email);
  return { t, cookie, tablet, ids, annaRecord: anna };
}

async function csvOf(t: TestApp, cookie: string, channel: string) {
  const res = await get(t, `/owner/exports/${channel}.csv`, cookie);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { res, bytes, rows: parse(Buffer.from(bytes), { delimiter: ';', bom: true, relax_column_count: false }) as string[][] };
}

describe('owner GDPR tools', { timeout: 60_000 }, () => {
  it('refuses every new page and form without the owner session', async () => {
    const { t, ids, annaRecord } = await shopWithCustomers();
    const base = `/owner/customers/${ids.anna}`;
    const gets = ['/owner/customers', '/owner/customers?q=anna', base, `${base}/records/${annaRecord.id}/receipt.pdf`, `${base}/access.zip`, `${base}/erase`, '/owner/exports/email.csv', '/owner/privacy', '/owner/privacy/processing-record.pdf', '/owner/settings'];
    for (const path of gets) {
      const res = await get(t, path);
      expect(res.status, path).toBe(303);
      expect(res.headers.get('location'), path).toBe('/owner/login');
    }
    for (const [path, fields] of [
      [`${base}/erase`, { confirm: 'yes' }],
      [`${base}/consents`, { channel: 'letter', action: 'withdrawn' }],
      ['/owner/settings', { customerMatch: 'mobile' }],
    ] as const) {
      const res = await postForm(t.app, path, fields);
      expect(res.status, path).toBe(303);
      expect(res.headers.get('location')).toBe('/owner/login');
    }
    // Nothing happened: Anna is not erased, her letter consent stands, the setting is unchanged.
    expect((await t.store.customers.get({ id: ids.anna }))?.erasedAt).toBeNull();
    expect((await t.store.consents.active({ channel: 'letter' })).map((a) => a.customer.id)).toContain(ids.anna);
    expect(await t.store.settings.customerMatch()).not.toBe('mobile');
  });

  it('finds customers by name, e-mail or mobile and lists each channel’s state and records', async () => {
    const { t, cookie } = await shopWithCustomers();
    const recent = await (await get(t, '/owner/customers', cookie)).text();
    for (const name of ['Bernd Weiß', 'Clara Öztürk', 'Anni']) expect(recent).toContain(name.replace(/"/g, '&quot;'));
    const byMail = await (await get(t, '/owner/customers?q=clara%40example', cookie)).text();
    expect(byMail).toContain('1 Treffer für „clara@example“');
    expect(byMail).toContain('Clara Öztürk');
    expect(byMail).toContain('Ausstehend (E-Mail noch nicht bestätigt)');
    expect(byMail).not.toContain('Bernd');
    const byMobile = await (await get(t, '/owner/customers?q=0171%209999999', cookie)).text();
    expect(byMobile).toContain('Bernd Weiß');
    const none = await (await get(t, '/owner/customers?q=niemand', cookie)).text();
    expect(none).toContain('Keine Kunden gefunden.');
  });

  it('keeps a phone number and an e-mail address whole in the customer list: its contact column does not wrap', async () => {
    const { t, cookie } = await shopWithCustomers();
    const html = await (await get(t, '/owner/customers?q=0171%209999999', cookie)).text();
    expect(html).toContain('#customers td:nth-child(2) { white-space: nowrap; }');
    const table = html.slice(html.indexOf('<table id="customers">'), html.indexOf('</table>'));
    expect([...table.matchAll(/<th scope="col">([^<]*)<\/th>/g)][1]?.[1]).toBe('Kontakt');
    expect([...table.matchAll(/<td>(.*?)<\/td>/g)][1]?.[1]).toBe('bernd@example.com, +49 171 9999999');
  });

  it('shows a customer’s contact details, states, ledger with its route, records and a PDF receipt', async () => {
    const { t, cookie, ids, annaRecord } = await shopWithCustomers();
    const res = await get(t, `/owner/customers/${ids.anna}`, cookie);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Goethestraße 12, 80336 München');
    expect(html).toMatch(/data-channel="letter"><th scope="row">Brief<\/th><td>Aktiv/);
    expect(html).toMatch(/data-channel="email"><th scope="row">E-Mail<\/th><td>Aktiv/);
    const ledger = html.slice(html.indexOf('id="ledger"'), html.indexOf('</table>', html.indexOf('id="ledger"')));
    expect(ledger.match(/Unterschrift an der Theke/g)).toHaveLength(3);
    expect(ledger).toContain('E-Mail-Link');
    expect(ledger).toContain('Bestätigt');
    expect(ledger).toContain('2026-anna');
    expect(ledger).toContain('anna.schaefer@example.com');

    const receiptLink = `/owner/customers/${ids.anna}/records/${annaRecord.id}/receipt.pdf`;
    expect(html).toContain(receiptLink);
    const pdf = await get(t, receiptLink, cookie);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const text = (await readPdf(new Uint8Array(await pdf.arrayBuffer()))).text;
    expect(text).toContain('2026-anna');
    expect(text).toContain(annaRecord.hash);
    // Another customer's record is not reachable through Anna's page.
    const other = await get(t, `/owner/customers/${ids.bernd}/records/${annaRecord.id}/receipt.pdf`, cookie);
    expect(other.status).toBe(404);
    expect(await other.text()).toContain('Diesen Datensatz gibt es bei diesem Kunden nicht');

    const unknown = await get(t, '/owner/customers/no-such-customer', cookie);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('Diesen Kunden gibt es nicht.');
    const english = await (await get(t, `/owner/customers/${ids.anna}?lang=en`, cookie)).text();
    expect(english).toContain('Signature at the counter');
  });

  it('lets the owner record a withdrawal or an objection, and refuses bad input with a message', async () => {
    const { t, cookie, ids } = await shopWithCustomers();
    const base = `/owner/customers/${ids.bernd}`;
    const bad: Array<[Record<string, string>, string]> = [
      [{ channel: 'fax', action: 'withdrawn' }, 'Bitte wählen Sie einen Kanal'],
      [{ channel: 'letter', action: 'deleted' }, 'Bitte wählen Sie Widerruf oder Widerspruch'],
      [{ channel: 'letter', action: 'withdrawn', note: 'x'.repeat(501) }, 'höchstens 500 Zeichen'],
      [{ channel: 'sms', action: 'withdrawn' }, 'SMS: Es gibt keine Einwilligung, die widerrufen werden könnte'],
    ];
    for (const [fields, message] of bad) {
      const res = await postForm(t.app, `${base}/consents`, fields, { cookie });
      expect(res.status, JSON.stringify(fields)).toBe(422);
      expect(await res.text()).toContain(message);
    }
    expect((await t.store.consents.history({ customerId: ids.bernd })).map((e) => e.action)).toEqual(['granted']);

    const ok = await postForm(t.app, `${base}/consents`, { channel: 'letter', action: 'withdrawn', note: 'telefonisch' }, { cookie });
    expect(ok.status).toBe(303);
    const page = await (await get(t, ok.headers.get('location')!, cookie)).text();
    expect(page).toContain('Brief: Widerrufen ist eingetragen.');
    const last = (await t.store.consents.history({ customerId: ids.bernd })).at(-1)!;
    expect(last).toMatchObject({ channel: 'letter', action: 'withdrawn', route: 'owner', note: 'telefonisch', contact: expect.stringContaining('Bernd Weiß') });
    // An objection is possible on any channel, with or without a consent.
    expect((await postForm(t.app, `${base}/consents`, { channel: 'sms', action: 'objected' }, { cookie })).status).toBe(303);
    const states = await t.store.customers.search({ query: 'Bernd', limit: 1 });
    expect(states[0]!.states).toMatchObject({ letter: 'withdrawn', sms: 'objected' });
    // Other sites cannot post it (same-origin check).
    expect((await postForm(t.app, `${base}/consents`, { channel: 'email', action: 'objected' }, { cookie, origin: 'https://evil.example' })).status).toBe(403);
  });

  it('exports exactly the customers active on a channel as CSV that German Excel opens', async () => {
    const { t, cookie, ids } = await shopWithCustomers();
    await postForm(t.app, `/owner/customers/${ids.bernd}/consents`, { channel: 'letter', action: 'withdrawn' }, { cookie });

    const letter = await csvOf(t, cookie, 'letter');
    expect(letter.res.headers.get('content-disposition')).toBe('attachment; filename="einwilligungen-brief-2026-11-29.csv"');
    expect([...letter.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const raw = new TextDecoder().decode(letter.bytes);
    expect(raw).toContain('\r\n');
    expect(raw).toContain('"Anna ""Anni"" Schäfer; geb. Müller"');
    expect(letter.rows[0]).toEqual(['Name', 'Straße', 'PLZ', 'Ort', 'Sprache', 'Einwilligung seit', 'Kunden-ID']);
    const body = letter.rows.slice(1);
    // Bernd withdrew; the formula name is defused with a leading apostrophe.
    expect(body.map((r) => r[6]).sort()).toEqual([ids.anna, ids.evil].sort());
    expect(body.find((r) => r[6] === ids.anna)).toEqual(['Anna "Anni" Schäfer; geb. Müller', 'Goethestraße 12', '80336', 'München', 'de', '2026-11-29', ids.anna]);
    expect(body.find((r) => r[6] === ids.evil)!.slice(0, 4)).toEqual(["'=HYPERLINK(\"http://evil.example\",\"Klick\")", "'@Straße 1", '12345', "'-Stadt"]);

    // E-mail: Anna confirmed; Clara's address is not confirmed yet, so she is not in it.
    const email = await csvOf(t, cookie, 'email');
    expect(email.rows).toEqual([
      ['Name', 'E-Mail', 'Sprache', 'Einwilligung seit', 'Kunden-ID'],
      ['Anna "Anni" Schäfer; geb. Müller', 'anna.schaefer@example.com', 'de', '2026-11-29', ids.anna],
    ]);
    expect(email.res.headers.get('content-disposition')).toBe('attachment; filename="einwilligungen-email-2026-11-29.csv"');
    // Mobiles spaced as on the tablet: German Excel keeps "+49 171 2345678" as text, not 4,91712E+11.
    const sms = await csvOf(t, cookie, 'sms');
    expect(sms.res.headers.get('content-disposition')).toBe('attachment; filename="einwilligungen-sms-2026-11-29.csv"');
    expect(sms.rows.map((r) => r.slice(0, 2))).toEqual([['Name', 'Mobil'], ['Anna "Anni" Schäfer; geb. Müller', '+49 171 2345678']]);

    // A line break inside a value is quoted, so the row stays one row (Bernd again, by letter).
    await t.store.consents.append({ events: [{ ...(await t.store.consents.history({ customerId: ids.bernd }))[0]!, at: '2026-11-29T11:00:00.000Z', sourceId: 'again' }] });
    const again = await csvOf(t, cookie, 'letter');
    expect(again.rows.find((r) => r[6] === ids.bernd)?.[1]).toBe('Am Hof 3\nHinterhaus');

    const english = await get(t, '/owner/exports/sms.csv?lang=en', cookie);
    expect(english.headers.get('content-disposition')).toBe('attachment; filename="consents-sms-2026-11-29.csv"');
    expect((parse(Buffer.from(await english.arrayBuffer()), { delimiter: ';', bom: true }) as string[][])[0]).toEqual(['Name', 'Mobile', 'Language', 'Consent since', 'Customer id']);
    const bad = await get(t, '/owner/exports/fax.csv', cookie);
    expect(bad.status).toBe(404);
    expect(await bad.text()).toContain('Unbekannter Kanal');
    const privacy = await (await get(t, '/owner/privacy', cookie)).text();
    expect(privacy).toContain('Brief: 3 aktive Einwilligungen herunterladen');
    expect(privacy).toContain('E-Mail: 1 aktive Einwilligung herunterladen');
  });

  it('hands over everything about a customer as one ZIP (Art. 15)', async () => {
    const { t, cookie, ids, annaRecord } = await shopWithCustomers();
    // Copies of her data elsewhere: a version of her record set aside as a conflict, and her next order, still open.
    const db = new Database(t.file);
    const at = t.clock.now.toISOString();
    const deviceId = (db.prepare('SELECT device_id FROM records WHERE id = ?').pluck().get(annaRecord.id)) as string;
    db.prepare('INSERT INTO record_conflicts (record_id, hash, device_id, received_at, body) VALUES (?, ?, ?, ?, ?)').run(annaRecord.id, 'f'.repeat(64), deviceId, at, JSON.stringify({ ...annaRecord, id: annaRecord.id, note: 'other version' }));
    const openOrder = (id: string, email: string) => JSON.stringify({ order: { number: id }, customer: { name: 'x', email, mobile: '' }, createdAt: at });
    db.prepare("INSERT INTO orders (id, body, status, created_at, received_at) VALUES (?, ?, 'open', ?, ?)").run('anna-next', openOrder('anna-next', ANNA.email.toUpperCase()), at, at);
    db.prepare("INSERT INTO orders (id, body, status, created_at, received_at) VALUES (?, ?, 'open', ?, ?)").run('bernd-next', openOrder('bernd-next', BERND.email), at, at);
    db.close();
    const res = await get(t, `/owner/customers/${ids.anna}/access.zip`, cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="auskunft-art15-.+\.zip"$/);
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    expect(Object.keys(files).sort()).toEqual(['LIESMICH.txt', `belege/${annaRecord.id}.pdf`, 'daten.json']);
    const data = JSON.parse(strFromU8(files['daten.json']!));
    expect(data.customer).toMatchObject({ id: ids.anna, name: ANNA.name, email: ANNA.email, mobile: ANNA.mobile });
    expect(data.consents).toEqual([
      { channel: 'letter', state: 'active' },
      { channel: 'email', state: 'active' },
      { channel: 'sms', state: 'active' },
    ]);
    expect(data.ledger.map((e: { action: string; route: string }) => `${e.action}/${e.route}`).sort()).toEqual(['confirmed/email-link', 'granted/signature', 'granted/signature', 'granted/signature']);
    expect(data.records).toHaveLength(1);
    expect(data.records[0].record).toEqual(annaRecord);
    expect(data.mails).toEqual([expect.objectContaining({ recordId: annaRecord.id, recipient: ANNA.email })]);
    expect(data.retentionHolds).toEqual([]);
    expect(data.recordConflicts).toEqual([expect.objectContaining({ about: annaRecord.id, body: expect.objectContaining({ note: 'other version' }) })]);
    expect(data.orders.map((o: { id: string }) => o.id)).toEqual(['anna-next']);
    expect(strFromU8(files['LIESMICH.txt']!)).toMatch(/Art\. 15 DSGVO[\s\S]*English/);
    const receipt = await readPdf(files[`belege/${annaRecord.id}.pdf`]!);
    expect(receipt.text).toContain(annaRecord.hash);
    expect(receipt.images).toBeGreaterThanOrEqual(1);
    // Nothing of another customer is in it.
    expect(strFromU8(files['daten.json']!)).not.toContain('Bernd');

    const unknown = await get(t, '/owner/customers/nobody/access.zip', cookie);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('Diesen Kunden gibt es nicht.');
  });

  it('makes the Art. 30 record from the shop configuration, in German and English', async () => {
    const { t, cookie } = await shopWithCustomers({ askHealth: true });
    const res = await get(t, '/owner/privacy/processing-record.pdf', cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="verzeichnis-verarbeitungstaetigkeiten-2026-11-29.pdf"');
    const de = await readPdf(new Uint8Array(await res.arrayBuffer()));
    const text = de.text.replace(/\s+/g, ' ');
    for (const expected of [
      'Verzeichnis von Verarbeitungstätigkeiten',
      'Optik Beispiel, Maria Beispiel',
      'datenschutz@optik-beispiel.de',
      'Datenschutzbeauftragter nicht benannt',
      'Auftragsabwicklung',
      'Art. 6 Abs. 1 lit. b DSGVO',
      'Werbung per E-Mail',
      'Double-Opt-in',
      'Art. 9 Abs. 2 lit. a DSGVO',
      '§ 257',
      '7 Tage',
      'scrypt',
      'Seite 1 von',
    ]) {
      expect(text, expected).toContain(expected);
    }
    const en = await readPdf(new Uint8Array(await (await get(t, '/owner/privacy/processing-record.pdf?doc=en', cookie)).arrayBuffer()));
    expect(en.text.replace(/\s+/g, ' ')).toContain('Record of processing activities');

    // No health question, a DPO and an SMTP server: the record follows the configuration.
    const other = await makeTestApp({
      shop: fixtureShop({ askHealth: false, dpo: { name: 'Dr. Datenschutz', email: 'dsb@example.com' }, minimiseAfterDays: 14 }),
      config: { mail: { smtpUrl: 'smtp://user:secret@mail.example.net:587', from: null, dir: null } },
    });
    const otherCookie = await setUpOwner(other);
    const pdf = await readPdf(new Uint8Array(await (await get(other, '/owner/privacy/processing-record.pdf', otherCookie)).arrayBuffer()));
    const otherText = pdf.text.replace(/\s+/g, ' ');
    expect(otherText).not.toContain('Art. 9 Abs. 2');
    expect(otherText).toContain('Dr. Datenschutz, dsb@example.com');
    expect(otherText).toContain('mail.example.net');
    expect(otherText).not.toContain('secret');
    expect(otherText).toContain('14 Tage');

    const empty = await makeTestApp();
    const emptyCookie = await setUpOwner(empty);
    const noShop = await get(empty, '/owner/privacy/processing-record.pdf', emptyCookie);
    expect(noShop.status).toBe(404);
    expect(await noShop.text()).toContain('Es gibt noch keinen Shop');
  });

  it('saves the customer matching setting and refuses anything else', async () => {
    const { t, cookie } = await shopWithCustomers();
    for (const value of ['fax', '', 'email; DROP TABLE']) {
      const res = await postForm(t.app, '/owner/settings', { customerMatch: value }, { cookie });
      expect(res.status).toBe(422);
      expect(await res.text()).toContain('Bitte wählen Sie eine der drei Möglichkeiten.');
    }
    const before = await t.store.settings.customerMatch();
    expect(await t.store.settings.customerMatch()).toBe(before);
    for (const value of ['mobile', 'email-or-mobile', 'email'] as const) {
      const res = await postForm(t.app, '/owner/settings', { customerMatch: value }, { cookie });
      expect(res.status).toBe(303);
      expect(await t.store.settings.customerMatch()).toBe(value);
      const page = await (await get(t, res.headers.get('location')!, cookie)).text();
      expect(page).toContain('Gespeichert.');
      expect(page).toMatch(new RegExp(`value="${value}" checked`));
    }
  });

  it('explains each matching option, and that names keep apart people who share an address or a number', async () => {
    const { t, cookie } = await shopWithCustomers();
    const page = await (await get(t, '/owner/settings', cookie)).text();
    expect(page).toContain('aria-describedby="match-email"');
    expect(page).toContain('Ein Datensatz ohne E-Mail-Adresse wird an Name und Anschrift erkannt, nie an der Mobilnummer.');
    expect(page).toContain('Empfohlen. Zuerst zählt die E-Mail-Adresse, dann die Mobilnummer');
    expect(page).toContain('Teilen sich zwei Personen eine E-Mail-Adresse oder Mobilnummer (etwa in einer Familie), bleiben sie getrennte Kunden');
    expect(await (await get(t, '/owner/settings?lang=en', cookie)).text()).toContain('they stay separate customers as long as their names differ');
  });

  it('draws the opt-in rate per channel and month on the home page, with the numbers as a table', async () => {
    const { t, cookie } = await shopWithCustomers();
    const html = await (await get(t, '/owner', cookie)).text();
    expect(html).toContain('Einwilligungsquote je Kanal und Monat');
    expect(html).toMatch(/<svg[^>]*role="img"[^>]*aria-label="Balkendiagramm der Einwilligungsquoten über 1 Monat;/);
    // One bar per channel and month, side by side: none can hide another, even at equal rates.
    const bars = [...html.matchAll(/<g data-channel="(\w+)"><rect x="([\d.]+)"/g)].map((m) => [m[1], Number(m[2])] as const);
    expect(bars.map(([channel]) => channel)).toEqual(['letter', 'email', 'sms']);
    expect(new Set(bars.map(([, x]) => x)).size).toBe(3);
    expect(html).toContain('>Nov. 2026</text>');
    const table = html.slice(html.indexOf('id="optin-table"'));
    // Four records in 2026-11: letter on three, e-mail on two, SMS on one.
    expect(table).toMatch(/<th scope="row">Nov. 2026<\/th><td>4<\/td><td>75\s?% \(3 von 4\)<\/td><td>50\s?% \(2 von 4\)<\/td><td>25\s?% \(1 von 4\)<\/td>/);
    expect(await (await get(t, '/owner?lang=en', cookie)).text()).toContain('>Nov 2026</text>');
    const empty = await makeTestApp();
    expect(await (await get(empty, '/owner', await setUpOwner(empty))).text()).toContain('Noch keine Datensätze.');
  });
});
