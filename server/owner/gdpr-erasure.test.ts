/**
 * Art. 17 through the owner's pages, checked where it matters: in the SQLite file itself (a
 * connection of its own) and in the mail folder. After erasure, the customer's name, address,
 * e-mail and mobile may only be left inside the record kept under § 257 HGB and inside the proof of
 * the consent the owner chose to keep, each with a hold naming its reason and end date.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { sealRecord } from '../../shared/record';
import { fixtureShop } from '../../shared/record.fixture';
import { ANNA, confirmEmail, customerIdOf, recordOf, sync, XAVER } from '../gdpr/gdpr-fixtures';
import { mailDir } from '../mail/mail-settings';
import { bearer, databaseDigest, enrolTablet, makeApiKey, makeTestApp, postForm, postJson, setUpOwner, uploadRecords, type TestApp } from '../test-app';

const get = (t: TestApp, path: string, cookie: string) => t.app.request(path, { headers: { cookie } });

type Row = Record<string, unknown>;

/** Every row of every table that holds one of the needles, read from the file. */
function rowsHolding(file: string, needles: readonly string[]): Array<{ table: string; row: Row; needle: string }> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as Array<{ name: string }>).map((t) => t.name);
    const found: Array<{ table: string; row: Row; needle: string }> = [];
    for (const table of tables) {
      for (const row of db.prepare(`SELECT * FROM "${table}"`).all() as Row[]) {
        const text = JSON.stringify(row).toLowerCase();
        for (const needle of needles) if (text.includes(needle.toLowerCase())) found.push({ table, row, needle });
      }
    }
    return found;
  } finally {
    db.close();
  }
}

function query<T>(file: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** Xaver signed in 2019 (past its six years) and in 2026 (kept until 2032); Anna is the bystander. */
async function xaverAndAnna() {
  const t = await makeTestApp({ shop: fixtureShop() });
  const cookie = await setUpOwner(t);
  const tablet = await enrolTablet(t);
  const old = recordOf(XAVER, ['letter', 'sms'], { signedAt: '2019-05-02T10:00:00.000Z', orderNumber: '2019-xaver' });
  const recent = recordOf(XAVER, ['letter', 'email', 'sms']);
  const anna = recordOf(ANNA, ['letter', 'email']);
  await sync(t, tablet.token, [old, recent, anna]);
  const xaver = await customerIdOf(t, XAVER.email);
  await confirmEmail(t, xaver, XAVER.email);
  // A second version of the recent record arrives: kept aside as a conflict, with Xaver's name in it.
  const { hash: _hash, ...unsigned } = recordOf(XAVER, ['letter']);
  const sealed = sealRecord({ ...unsigned, id: recent.id });
  expect(((await (await uploadRecords(t, tablet.token, [sealed])).json()) as { results: Array<{ status: string }> }).results[0]!.status).toBe('conflict');
  // The shop's software pushes both orders (after the signatures: they are marked signed at once).
  const key = await makeApiKey(t);
  for (const record of [old, recent]) {
    const res = await postJson(t.app, '/api/v1/orders', { order: record.order, customer: record.customer, createdAt: '2019-05-01T09:00:00.000Z' }, bearer(key));
    expect(res.status).toBe(201);
  }
  // The thank-you mails were written as files.
  const dir = mailDir(t.config);
  await mkdir(dir, { recursive: true });
  for (const record of [old, recent, anna]) await writeFile(join(dir, `${record.id}.eml`), `To: ${record.customer.email}\r\n\r\nDanke, ${record.customer.name}`);
  return { t, cookie, xaver, anna: await customerIdOf(t, ANNA.email), old, recent, annaRecord: anna, dir };
}

const XAVER_NEEDLES = [XAVER.name, 'Löschmann', XAVER.street, XAVER.email, XAVER.mobile, XAVER.mobile.slice(3)];

describe('Art. 17 erasure', { timeout: 60_000 }, () => {
  it('asks first, and refuses without the confirmation or with an unknown channel, changing nothing', async () => {
    const { t, cookie, xaver, recent } = await xaverAndAnna();
    const page = await get(t, `/owner/customers/${xaver}/erase`, cookie);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Die Daten von „Xaver Löschmann“ löschen?');
    expect(html).toContain('1 unterschriebener Datensatz, dessen Aufbewahrungsfrist abgelaufen ist');
    expect(html).toContain(`Unterschriebener Datensatz zu Auftrag ${recent.order.number}: aufbewahrt bis 31.12.2032`);
    expect(html).toContain('enthält bis zu seinem Enddatum weiterhin Name, Anschrift, E-Mail-Adresse und Mobilnummer');
    expect(html).toContain('Nur ankreuzen, wenn die Person ausdrücklich sagt');
    expect(html).toMatch(/der Verlauf der Einwilligungen \(\d+ Einträge\)/);
    for (const channel of ['letter', 'email', 'sms']) expect(html).toContain(`name="keep-${channel}"`);

    const before = databaseDigest(t.file);
    const missing = await postForm(t.app, `/owner/customers/${xaver}/erase`, { 'keep-email': 'on' }, { cookie });
    expect(missing.status).toBe(422);
    expect(await missing.text()).toContain('Bitte bestätigen Sie die Löschung mit dem Häkchen. Es wurde nichts gelöscht.');
    const badKeep = await postForm(t.app, `/owner/customers/${xaver}/erase`, { confirm: 'yes', 'keep-fax': 'on' }, { cookie });
    expect(badKeep.status).toBe(422);
    expect(await badKeep.text()).toContain('Unbekannter Kanal bei den behaltenen Einwilligungen');
    const unknown = await postForm(t.app, '/owner/customers/nobody/erase', { confirm: 'yes' }, { cookie });
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('Diesen Kunden gibt es nicht.');
    expect((await get(t, '/owner/customers/nobody/erase', cookie)).status).toBe(404);
    const foreign = await postForm(t.app, `/owner/customers/${xaver}/erase`, { confirm: 'yes' }, { cookie, origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(databaseDigest(t.file)).toBe(before);
  });

  it('erases the customer, keeps the 2026 record and the e-mail consent with reasons, and leaves nothing else in the file', async () => {
    const { t, cookie, xaver, anna, old, recent, annaRecord, dir } = await xaverAndAnna();
    expect(rowsHolding(t.file, ['Löschmann']).map((r) => r.table)).toEqual(expect.arrayContaining(['customers', 'records', 'record_conflicts', 'orders', 'consent_events']));

    const res = await postForm(t.app, `/owner/customers/${xaver}/erase`, { confirm: 'yes', 'keep-email': 'on' }, { cookie });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Die Daten von „Xaver Löschmann“ sind gelöscht.');
    expect(html).toContain(`Unterschriebene Auftragsbestätigung, Auftrag ${recent.order.number} (mit Name, Anschrift, Kontaktdaten und Unterschrift)`);
    expect(html).toContain('§ 257 Abs. 1 Nr. 2, Abs. 4, 5 HGB');
    expect(html).toContain('31.12.2032');
    expect(html).not.toContain('2032-12-31');
    expect(html).toContain('<li>2 E-Mails</li>');
    expect(html).toContain('<li>1 Datensatz (Frist abgelaufen)</li>');
    expect(html).toContain('Nachweis der Einwilligung: E-Mail');
    expect(html).toContain('Art. 7 Abs. 1 DSGVO: Nachweis der Einwilligung, solange sie genutzt wird');
    expect(html).toContain('2 .eml-Dateien');

    // In the file: the needles only where the law keeps them.
    const left = rowsHolding(t.file, XAVER_NEEDLES);
    const allowed = left.filter(
      ({ table, row, needle }) =>
        (table === 'records' && row.id === recent.id) ||
        (needle === XAVER.email && table === 'customers' && row.id === xaver) ||
        (needle === XAVER.email && table === 'consent_events' && row.customer_id === xaver && row.channel === 'email'),
    );
    expect(left.filter((r) => !allowed.includes(r)).map(({ table, needle }) => `${table}: ${needle}`)).toEqual([]);
    expect(allowed.some((r) => r.table === 'records')).toBe(true);

    const customer = query<Row>(t.file, 'SELECT * FROM customers WHERE id = ?', xaver)[0]!;
    expect(customer).toMatchObject({ name: '', street: '', postal_code: '', city: '', mobile: '', email: XAVER.email, erased_at: t.clock.now.toISOString() });
    expect(query<Row>(t.file, 'SELECT id FROM records WHERE id = ?', old.id)).toEqual([]);
    expect(query<Row>(t.file, 'SELECT record_id FROM record_conflicts')).toEqual([]);
    expect(query<Row>(t.file, 'SELECT id FROM orders')).toEqual([]);
    expect(query<Row>(t.file, 'SELECT customer_id FROM mail_outbox')).toEqual([{ customer_id: anna }]);
    expect(query<Row>(t.file, 'SELECT item_kind, item_id, reason, keep_until FROM retention_holds ORDER BY item_kind')).toEqual([
      { item_kind: 'consent-proof', item_id: `${xaver}:email`, reason: 'Art. 7 Abs. 1 DSGVO: Nachweis der Einwilligung, solange sie genutzt wird', keep_until: null },
      { item_kind: 'order-confirmation', item_id: recent.id, reason: expect.stringContaining('§ 257 Abs. 1 Nr. 2, Abs. 4, 5 HGB'), keep_until: '2032-12-31' },
    ]);
    // The ledger: e-mail's proof stays whole; letter and SMS keep only the owner's Art. 17 withdrawal, without a contact.
    const events = query<Row>(t.file, 'SELECT channel, action, route, contact, note FROM consent_events WHERE customer_id = ? ORDER BY channel, id', xaver);
    expect(events).toEqual([
      { channel: 'email', action: 'granted', route: 'signature', contact: XAVER.email, note: '' },
      { channel: 'email', action: 'confirmed', route: 'email-link', contact: XAVER.email, note: '' },
      { channel: 'letter', action: 'withdrawn', route: 'owner', contact: '', note: 'Art. 17' },
      { channel: 'sms', action: 'withdrawn', route: 'owner', contact: '', note: 'Art. 17' },
    ]);
    const [erasure] = query<{ customer_id: string; summary: string }>(t.file, 'SELECT customer_id, summary FROM erasures');
    expect(erasure!.customer_id).toBe(xaver);
    expect(JSON.parse(erasure!.summary)).toMatchObject({ removed: { records: 1, recordConflicts: 1, orders: 2, mails: 2, consentsWithdrawn: 2 }, kept: { orderConfirmations: 1, consentProofs: 1 } });

    // The mail folder: Xaver's files are gone, Anna's stays.
    expect(existsSync(join(dir, `${old.id}.eml`))).toBe(false);
    expect(existsSync(join(dir, `${recent.id}.eml`))).toBe(false);
    expect(existsSync(join(dir, `${annaRecord.id}.eml`))).toBe(true);

    // The owner's views: not found by name any more, only by the e-mail address kept for his consent
    // (so that a withdrawal by phone can still be recorded); the page shows the holds; no letter goes to him.
    expect(await (await get(t, '/owner/customers?q=Löschmann', cookie)).text()).toContain('Keine Kunden gefunden.');
    expect(await (await get(t, '/owner/customers', cookie)).text()).not.toContain(xaver);
    const byEmail = await (await get(t, `/owner/customers?q=${encodeURIComponent(XAVER.email)}`, cookie)).text();
    expect(byEmail).toContain(`/owner/customers/${xaver}`);
    expect(byEmail).toContain('(gelöscht)');
    expect(byEmail).not.toContain(XAVER.name);
    const page = await (await get(t, `/owner/customers/${xaver}`, cookie)).text();
    expect(page).toContain('Gelöscht nach Art. 17 DSGVO');
    expect(page).toContain('31.12.2032');
    const english = await (await get(t, `/owner/customers/${xaver}?lang=en`, cookie)).text();
    expect(english).toContain('a signed order confirmation is a commercial letter, kept for 6 years');
    expect(english).toContain('Proof of consent: E-mail');
    const letter = await (await get(t, '/owner/exports/letter.csv', cookie)).text();
    expect(letter).not.toContain(xaver);
    expect(letter).toContain(anna);
    // The e-mail consent he kept is still relied on, so it is still in the mailing export.
    const email = await (await get(t, '/owner/exports/email.csv', cookie)).text();
    expect(email).toContain(XAVER.email);
    expect(email).not.toContain(XAVER.name);
    // Art. 15 after erasure hands over what is left: the kept record and the holds.
    const zip = unzipSync(new Uint8Array(await (await get(t, `/owner/customers/${xaver}/access.zip`, cookie)).arrayBuffer()));
    expect(JSON.parse(strFromU8(zip['daten.json']!)).retentionHolds).toHaveLength(2);
    expect(Object.keys(zip)).toContain(`belege/${recent.id}.pdf`);

    // After 2032 the daily clean-up removes the kept record; the consent proof stays while relied on.
    t.clock.now = new Date('2033-01-01T03:00:00.000Z');
    expect(await t.store.erasure.purgeExpired({ now: t.clock.now.toISOString() })).toBe(1);
    expect(query<Row>(t.file, 'SELECT id FROM records WHERE id = ?', recent.id)).toEqual([]);
    expect(rowsHolding(t.file, [XAVER.name, XAVER.street, XAVER.mobile])).toEqual([]);
    expect(query<Row>(t.file, 'SELECT item_kind FROM retention_holds')).toEqual([{ item_kind: 'consent-proof' }]);
    expect(await t.store.erasure.purgeExpired({ now: t.clock.now.toISOString() })).toBe(0);
  });

  it('keeps no consent when none is chosen: the customer row is blank and only the records stay', async () => {
    const { t, cookie, xaver, recent } = await xaverAndAnna();
    expect((await postForm(t.app, `/owner/customers/${xaver}/erase`, { confirm: 'yes' }, { cookie })).status).toBe(200);
    const left = rowsHolding(t.file, XAVER_NEEDLES);
    expect(left.filter((r) => !(r.table === 'records' && r.row.id === recent.id)).map((r) => `${r.table}: ${r.needle}`)).toEqual([]);
    expect(query<Row>(t.file, "SELECT channel FROM consent_events WHERE customer_id = ? AND action = 'withdrawn' ORDER BY channel", xaver)).toEqual([
      { channel: 'email' },
      { channel: 'letter' },
      { channel: 'sms' },
    ]);
    expect(await (await get(t, '/owner/exports/email.csv', cookie)).text()).not.toContain(XAVER.email);
  });
});
