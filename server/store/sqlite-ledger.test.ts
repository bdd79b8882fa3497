import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { ConsentAction } from '../../shared/consent';
import { recordFor, rows, upload } from '../ledger/ledger-test-records';
import { enrolTablet, makeTestApp, newRecord, uploadRecords } from '../test-app';
import { ledgerTime } from './sqlite-ledger';
import type { CustomerMatch, NewConsentEvent } from './store';

describe('ledgerTime', () => {
  it('keeps every time in one UTC form, so that times sort as text', () => {
    expect(ledgerTime('2026-11-29T12:00:00+01:00')).toBe('2026-11-29T11:00:00.000Z');
    expect(ledgerTime('2026-11-29T11:00:00Z')).toBe('2026-11-29T11:00:00.000Z');
    expect(ledgerTime('2026-11-29T11:00:00.123Z')).toBe('2026-11-29T11:00:00.123Z');
  });
});

describe('the ledger, fed by record uploads', () => {
  it('makes one customer, one granted event per switched-on channel with the texts shown, and queues the thank-you e-mail', async () => {
    const t = await makeTestApp();
    const tablet = await enrolTablet(t);
    const record = recordFor({}, ['email', 'sms']);
    t.advance(5000);
    const receivedAt = t.clock.now.toISOString();
    expect((await upload(t, tablet.token, [record]))[0]!.status).toBe('stored');

    const customers = rows(t, 'SELECT * FROM customers');
    expect(customers).toHaveLength(1);
    expect(customers[0]).toMatchObject({
      name: 'Jürgen Groß',
      street: 'Lindenallee 5',
      postal_code: '50667',
      city: 'Köln',
      email: 'juergen.gross@example.com',
      mobile: '+491701234567',
      language: 'de',
      created_at: receivedAt,
      updated_at: receivedAt,
      erased_at: null,
    });
    const customerId = customers[0]!.id as string;
    expect(rows(t, 'SELECT * FROM record_customers')).toEqual([{ record_id: record.id, customer_id: customerId, signed_at: ledgerTime(record.signedAt) }]);

    const history = await t.store.consents.history({ customerId });
    expect(history.map((e) => e.channel)).toEqual(['email', 'sms']);
    for (const e of history) {
      const channel = e.channel as 'letter' | 'email' | 'sms';
      expect(e).toMatchObject({
        customerId,
        action: 'granted',
        route: 'signature',
        at: record.signedAt,
        recordedAt: receivedAt,
        recordId: record.id,
        noticeVersion: record.shown.notice.version,
        textVersion: record.shown[channel].version,
        textSha256: record.shown[channel].sha256,
        contact: record.choices[channel].contact,
        deviceId: tablet.deviceId,
        staffId: 'staff-1',
        sourceId: record.id,
        note: '',
      });
    }
    expect(history[0]!.textSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(history[0]!.textSha256).not.toBe(history[1]!.textSha256);

    expect(rows(t, 'SELECT record_id, customer_id, recipient, language, status, attempts, created_at, next_attempt_at FROM mail_outbox')).toEqual([
      { record_id: record.id, customer_id: customerId, recipient: 'juergen.gross@example.com', language: 'de', status: 'queued', attempts: 0, created_at: receivedAt, next_attempt_at: receivedAt },
    ]);
    const [found] = await t.store.customers.search({ query: '', limit: 10 });
    expect(found).toMatchObject({ id: customerId, recordCount: 1, states: { letter: 'none', email: 'pending', sms: 'active' } });
  });

  it('writes no event for a channel left off: not granting is not a withdrawal', async () => {
    const t = await makeTestApp();
    const tablet = await enrolTablet(t);
    await upload(t, tablet.token, [recordFor({}, ['sms'])]);
    t.advance(60_000);
    await upload(t, tablet.token, [recordFor({}, [], { signedAt: '2026-11-30T09:00:00.000Z' })]);
    const [customer] = await t.store.customers.search({ query: '', limit: 10 });
    expect(customer).toMatchObject({ recordCount: 2, states: { letter: 'none', email: 'none', sms: 'active' } });
    expect(await t.store.consents.history({ customerId: customer!.id })).toHaveLength(1);
  });

  it('writes nothing to the ledger for a duplicate upload or a conflict', async () => {
    const t = await makeTestApp();
    const tablet = await enrolTablet(t);
    const record = recordFor({}, ['email', 'sms', 'letter']);
    await upload(t, tablet.token, [record]);
    const before = rows(t, 'SELECT (SELECT COUNT(*) FROM customers) AS c, (SELECT COUNT(*) FROM consent_events) AS e, (SELECT COUNT(*) FROM mail_outbox) AS m, (SELECT COUNT(*) FROM record_customers) AS rc');
    expect(before).toEqual([{ c: 1, e: 3, m: 1, rc: 1 }]);
    t.advance(1000);
    expect((await upload(t, tablet.token, [record]))[0]!.status).toBe('duplicate');
    const changed = newRecord({ ...record, id: record.id, customer: { ...record.customer, email: 'other@example.com' }, choices: { ...record.choices, email: { granted: true, contact: 'other@example.com' } } });
    expect((await upload(t, tablet.token, [changed]))[0]!.status).toBe('conflict');
    expect(rows(t, 'SELECT (SELECT COUNT(*) FROM customers) AS c, (SELECT COUNT(*) FROM consent_events) AS e, (SELECT COUNT(*) FROM mail_outbox) AS m, (SELECT COUNT(*) FROM record_customers) AS rc')).toEqual(before);
  });

  it('never matches a new record to an erased customer, and lists the erased only when searched for', async () => {
    const t = await makeTestApp();
    const tablet = await enrolTablet(t);
    await upload(t, tablet.token, [recordFor({}, ['email'])]);
    const db = new Database(t.file);
    db.prepare("UPDATE customers SET erased_at = '2026-11-29T11:00:00.000Z'").run();
    db.close();
    await upload(t, tablet.token, [recordFor({}, ['email'])]);
    const customers = rows(t, 'SELECT erased_at FROM customers ORDER BY created_at, erased_at DESC');
    expect(customers).toHaveLength(2);
    expect(customers.filter((c) => c.erased_at === null)).toHaveLength(1);
    expect((await t.store.customers.search({ query: '', limit: 10 })).map((c) => c.erasedAt)).toEqual([null]);
    // (Erased here by hand, with the name left: real erasure keeps only what a kept consent needs.)
    expect((await t.store.customers.search({ query: 'gross', limit: 10 })).map((c) => c.erasedAt)).toEqual([null, '2026-11-29T11:00:00.000Z']);
  });

  it('stores a whole batch or nothing: a ledger failure rolls back the records too', async () => {
    const t = await makeTestApp();
    const tablet = await enrolTablet(t);
    // A trigger makes the second record's grant fail inside the upload transaction.
    const db = new Database(t.file);
    db.exec("CREATE TRIGGER refuse_sms BEFORE INSERT ON consent_events WHEN NEW.channel = 'sms' BEGIN SELECT RAISE(ABORT, 'refused by test'); END");
    db.close();
    const res = await uploadRecords(t, tablet.token, [recordFor({}, ['email']), recordFor({ email: 'b@example.com' }, ['sms'])]);
    expect(res.status).toBe(500);
    expect(rows(t, 'SELECT (SELECT COUNT(*) FROM records) AS r, (SELECT COUNT(*) FROM customers) AS c, (SELECT COUNT(*) FROM consent_events) AS e, (SELECT COUNT(*) FROM mail_outbox) AS m')).toEqual([
      { r: 0, c: 0, e: 0, m: 0 },
    ]);
  });
});

const event = (customerId: string, channel: 'letter' | 'email' | 'sms', action: ConsentAction, at: string, extra: Partial<NewConsentEvent> = {}): NewConsentEvent => ({
  customerId,
  channel,
  action,
  route: action === 'confirmed' ? 'email-link' : action === 'granted' ? 'signature' : 'counter',
  at,
  recordedAt: at,
  recordId: null,
  noticeVersion: null,
  textVersion: null,
  textSha256: null,
  contact: '',
  deviceId: null,
  staffId: null,
  sourceId: randomUUID(),
  note: '',
  ...extra,
});

describe('the ledger, read by the owner', () => {
  it('lists active consents of a channel by name, with the contact of the grant and the event that made it active', async () => {
    const t = await makeTestApp();
    const tablet = await enrolTablet(t);
    const people = {
      zoe: recordFor({ name: 'Zoë Zander', email: 'zoe@example.com', mobile: '+491700000001' }, ['email', 'sms']),
      anna: recordFor({ name: 'anna Ärmel', email: 'anna@example.com', mobile: '+491700000002' }, ['email', 'sms']),
      bert: recordFor({ name: 'Bert Braun', email: 'bert@example.com', mobile: '+491700000003' }, ['email', 'sms']),
      otto: recordFor({ name: 'Otto Ohne', email: 'otto@example.com', mobile: '+491700000004' }, []),
    };
    await upload(t, tablet.token, Object.values(people));
    const id = async (email: string) => (await t.store.customers.search({ query: email, limit: 1 }))[0]!.id;
    const [zoe, anna, bert] = [await id('zoe@'), await id('anna@'), await id('bert@')];

    // E-mail: pending for everyone until confirmed; Bert confirms, then withdraws; Anna confirms.
    expect(await t.store.consents.active({ channel: 'email' })).toEqual([]);
    const confirmedAt = '2026-11-29T12:00:00.000Z';
    expect(
      await t.store.consents.append({
        events: [event(anna!, 'email', 'confirmed', confirmedAt), event(bert!, 'email', 'confirmed', confirmedAt), event(bert!, 'email', 'withdrawn', '2026-11-29T13:00:00.000Z')],
      }),
    ).toBe(3);
    const email = await t.store.consents.active({ channel: 'email' });
    expect(email.map((a) => [a.customer.name, a.contact, a.since])).toEqual([['anna Ärmel', 'anna@example.com', confirmedAt]]);
    expect(email[0]!.channel).toBe('email');

    // SMS: active from the signature; Zoë objects at the counter.
    await t.store.consents.append({ events: [event(zoe!, 'sms', 'objected', '2026-11-29T12:30:00.000Z')] });
    const sms = await t.store.consents.active({ channel: 'sms' });
    expect(sms.map((a) => [a.customer.name, a.contact, a.since])).toEqual([
      ['anna Ärmel', '+491700000002', people.anna.signedAt],
      ['Bert Braun', '+491700000003', people.bert.signedAt],
    ]);
    expect(await t.store.consents.active({ channel: 'letter' })).toEqual([]);

    // An erased customer is exported only on a channel whose consent the owner kept at erasure
    // (erasure withdraws all others): the ledger decides, not the erased mark.
    const db = new Database(t.file);
    db.prepare("UPDATE customers SET erased_at = '2026-11-29T14:00:00.000Z' WHERE id = ?").run(anna);
    db.close();
    expect((await t.store.consents.active({ channel: 'sms' })).map((a) => a.customer.name)).toEqual(['anna Ärmel', 'Bert Braun']);
    await t.store.consents.append({ events: [event(anna!, 'sms', 'withdrawn', '2026-11-29T14:00:00.000Z')] });
    expect((await t.store.consents.active({ channel: 'sms' })).map((a) => a.customer.name)).toEqual(['Bert Braun']);
  });

  it('appends idempotently by (source, channel, action), all or nothing', async () => {
    const t = await makeTestApp();
    const customer = await t.store.customers.resolveCounterCustomer({ customer: { name: '', street: '', postalCode: '', city: '', email: 'a@example.com', mobile: '' }, now: '2026-11-29T10:00:00.000Z' });
    const withdrawn = event(customer.id, 'email', 'withdrawn', '2026-11-29T10:00:00.000Z', { sourceId: 'link-1' });
    expect(await t.store.consents.append({ events: [withdrawn, { ...withdrawn, channel: 'sms' }] })).toBe(2);
    expect(await t.store.consents.append({ events: [withdrawn, { ...withdrawn, channel: 'letter' }] })).toBe(1);
    expect(await t.store.consents.append({ events: [] })).toBe(0);
    // A bad event (unknown customer: foreign key) refuses the whole batch.
    await expect(t.store.consents.append({ events: [event(customer.id, 'sms', 'objected', '2026-11-29T11:00:00.000Z'), event('nobody', 'sms', 'objected', '2026-11-29T11:00:00.000Z')] })).rejects.toThrow();
    const history = await t.store.consents.history({ customerId: customer.id });
    expect(history.map((e) => [e.channel, e.action, e.sourceId])).toEqual([
      ['email', 'withdrawn', 'link-1'],
      ['sms', 'withdrawn', 'link-1'],
      ['letter', 'withdrawn', 'link-1'],
    ]);
    expect(history.map((e) => e.id)).toEqual([...history.map((e) => e.id)].sort((a, b) => a - b));
  });

  it('reports opt-in rates per month and channel, from the signed records', async () => {
    const t = await makeTestApp();
    const tablet = await enrolTablet(t);
    expect(await t.store.consents.rates()).toEqual([]);
    const october = '2026-10-15T09:00:00.000Z';
    await upload(t, tablet.token, [
      recordFor({ email: 'a@example.com', mobile: '+491700000001' }, ['email', 'letter'], { signedAt: october }),
      recordFor({ email: 'b@example.com', mobile: '+491700000002' }, ['email'], { signedAt: '2026-10-31T23:59:59.000Z' }),
      recordFor({ email: 'c@example.com', mobile: '+491700000003' }, [], { signedAt: october }),
      recordFor({ email: 'd@example.com', mobile: '+491700000004' }, ['sms'], { signedAt: '2026-11-01T00:00:00.000Z' }),
      // The same customer signing twice in a month counts twice: the rate is per record.
      recordFor({ email: 'd@example.com', mobile: '+491700000004' }, ['sms', 'letter'], { signedAt: '2026-11-02T00:00:00.000Z' }),
    ]);
    // Confirmations and counter events are not signatures: they do not move the rate.
    const [a] = await t.store.customers.search({ query: 'a@example.com', limit: 1 });
    await t.store.consents.append({ events: [event(a!.id, 'email', 'confirmed', '2026-10-16T09:00:00.000Z'), event(a!.id, 'sms', 'objected', '2026-10-16T09:00:00.000Z')] });
    expect(await t.store.consents.rates()).toEqual([
      { month: '2026-10', channel: 'letter', records: 3, granted: 1 },
      { month: '2026-10', channel: 'email', records: 3, granted: 2 },
      { month: '2026-10', channel: 'sms', records: 3, granted: 0 },
      { month: '2026-11', channel: 'letter', records: 2, granted: 1 },
      { month: '2026-11', channel: 'email', records: 2, granted: 0 },
      { month: '2026-11', channel: 'sms', records: 2, granted: 2 },
    ]);
  });

  it('searches name, e-mail and mobile, most recently updated first, with states and record counts', async () => {
    const t = await makeTestApp();
    const tablet = await enrolTablet(t);
    await upload(t, tablet.token, [recordFor({ name: 'Jürgen Groß', email: 'jg@example.com', mobile: '+491701234567' }, ['sms'])]);
    t.advance(1000);
    await upload(t, tablet.token, [recordFor({ name: 'Anna 50% Rabatt', email: 'anna_b@example.com', mobile: '+491709876543' }, ['email'])]);
    t.advance(1000);
    await upload(t, tablet.token, [recordFor({ name: 'Annabel Xu', email: 'annabxu@example.com', mobile: '+491705555555' }, [])]);
    const names = async (query: string) => (await t.store.customers.search({ query, limit: 10 })).map((c) => c.name);

    expect(await names('')).toEqual(['Annabel Xu', 'Anna 50% Rabatt', 'Jürgen Groß']);
    expect(await names('ANNA')).toEqual(['Annabel Xu', 'Anna 50% Rabatt']);
    expect(await names('  jÜRGEN ')).toEqual(['Jürgen Groß']);
    expect(await names('GROß')).toEqual(['Jürgen Groß']);
    // % and _ are searched for as themselves.
    expect(await names('50%')).toEqual(['Anna 50% Rabatt']);
    expect(await names('%')).toEqual(['Anna 50% Rabatt']);
    expect(await names('anna_b')).toEqual(['Anna 50% Rabatt']);
    expect(await names('_')).toEqual(['Anna 50% Rabatt']);
    expect(await names('JG@EXAMPLE')).toEqual(['Jürgen Groß']);
    // Mobile numbers as people type them.
    expect(await names('0170 1234567')).toEqual(['Jürgen Groß']);
    expect(await names('98765')).toEqual(['Anna 50% Rabatt']);
    expect(await names('+49 170 5555')).toEqual(['Annabel Xu']);
    expect(await names('nobody')).toEqual([]);
    expect(await t.store.customers.search({ query: '', limit: 2 })).toHaveLength(2);

    const [jurgen] = await t.store.customers.search({ query: 'jürgen', limit: 1 });
    expect(jurgen).toMatchObject({ recordCount: 1, states: { letter: 'none', email: 'none', sms: 'active' }, erasedAt: null });
    // A counter event moves the customer to the top.
    t.advance(1000);
    await t.store.counterEvents.save({
      deviceId: tablet.deviceId,
      receivedAt: t.clock.now.toISOString(),
      events: [{ id: randomUUID(), at: '2026-11-29T11:00:00.000Z', action: 'withdrawn', channels: ['sms'], customer: { name: '', street: '', postalCode: '', city: '', email: '', mobile: '+491701234567' }, staffId: 'staff-1', note: '' }],
    });
    const top = (await t.store.customers.search({ query: '', limit: 1 }))[0]!;
    expect(top).toMatchObject({ name: 'Jürgen Groß', states: { sms: 'withdrawn' } });

    const records = await t.store.customers.records({ customerId: top.id });
    expect(records).toEqual([expect.objectContaining({ deviceId: tablet.deviceId, deviceName: 'Theke 1', orderId: 'order-1' })]);
    expect(await t.store.customers.records({ customerId: 'nobody' })).toEqual([]);
    expect(await t.store.customers.get({ id: 'nobody' })).toBeNull();
  });

  it('resolves the customer of a counter event: found by the match setting, filled in, never overwritten; else made', async () => {
    const t = await makeTestApp();
    const tablet = await enrolTablet(t);
    await upload(t, tablet.token, [recordFor({}, [])]);
    const blank = { name: '', street: '', postalCode: '', city: '', email: '', mobile: '' };
    const now = '2026-11-29T11:00:00.000Z';
    const found = await t.store.customers.resolveCounterCustomer({ customer: { ...blank, email: ' Juergen.Gross@EXAMPLE.com ', name: 'J. Gross', city: 'Bonn' }, now });
    expect(found).toMatchObject({ name: 'Jürgen Groß', city: 'Köln', email: 'juergen.gross@example.com', mobile: '+491701234567', updatedAt: now });
    expect(await t.store.customers.get({ id: found.id })).toEqual(found);

    const made = await t.store.customers.resolveCounterCustomer({ customer: { ...blank, mobile: '+491709999999' }, now });
    expect(made).toMatchObject({ name: '', email: '', mobile: '+491709999999', language: 'de', createdAt: now, updatedAt: now, erasedAt: null });
    const filled = await t.store.customers.resolveCounterCustomer({ customer: { ...blank, mobile: '+491709999999', name: 'Neu Kunde', email: 'neu@example.com' }, now });
    expect(filled).toMatchObject({ id: made.id, name: 'Neu Kunde', email: 'neu@example.com' });
  });

  it('keeps the match setting valid', async () => {
    const t = await makeTestApp();
    expect(await t.store.settings.customerMatch()).toBe('email-or-mobile');
    expect(await t.store.settings.get({ key: 'customer_match' })).toBeNull();
    await t.store.settings.setCustomerMatch({ match: 'email' });
    expect(await t.store.settings.customerMatch()).toBe('email');
    await expect(t.store.settings.setCustomerMatch({ match: 'name' as CustomerMatch })).rejects.toThrow(/customer_match/);
    await expect(t.store.settings.set({ key: 'customer_match', value: 'phone' })).rejects.toThrow(/customer_match/);
    expect(await t.store.settings.customerMatch()).toBe('email');
    await t.store.settings.set({ key: 'link_key', value: 'abc' });
    await t.store.settings.set({ key: 'link_key', value: 'def' });
    expect(await t.store.settings.get({ key: 'link_key' })).toBe('def');
  });
});
