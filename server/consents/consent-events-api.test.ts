/**
 * POST /api/v1/consent-events through the real app on a real SQLite file: what a good batch
 * stores, that a batch sent again stores nothing new, and that every bad request is refused with
 * the database left exactly as it was.
 */
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import * as v from 'valibot';
import { beforeAll, describe, expect, it } from 'vitest';
import { CounterEventsResponseSchema, MAX_BATCH_EVENTS, type CounterEvent, type CounterEventsResponse } from '../../shared/consent';
import { revokeDevice } from '../devices/devices';
import { bearer, databaseDigest, enrolTablet, fileDigest, makeTestApp, newRecord, postJson, uploadRecords, type TestApp } from '../test-app';
import { MAX_CONSENT_EVENTS_BYTES } from './consent-events-api';

const PATH = '/api/v1/consent-events';

function counterEvent(overrides: Partial<CounterEvent> = {}, customer: Partial<CounterEvent['customer']> = {}): CounterEvent {
  return {
    id: randomUUID(),
    at: '2026-11-29T10:30:00.000Z',
    action: 'withdrawn',
    channels: ['email'],
    customer: { name: '', street: '', postalCode: '', city: '', email: 'juergen.gross@example.com', mobile: '', ...customer },
    staffId: 'staff-1',
    note: 'am Telefon',
    ...overrides,
  };
}

async function results(res: Response): Promise<CounterEventsResponse['results']> {
  expect(res.status).toBe(200);
  const body = (await res.json()) as CounterEventsResponse;
  expect(v.safeParse(CounterEventsResponseSchema, body).issues).toBeUndefined();
  return body.results;
}

function count(t: TestApp, table: string): number {
  const db = new Database(t.file, { readonly: true });
  try {
    return (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('POST /api/v1/consent-events', () => {
  it('appends one counter event per channel to the customer the records made, and the state follows', async () => {
    const t = await makeTestApp();
    const tablet = await enrolTablet(t);
    const record = newRecord({
      choices: {
        letter: { granted: false, contact: null },
        email: { granted: false, contact: null },
        sms: { granted: true, contact: '+491701234567' },
      },
    });
    expect((await uploadRecords(t, tablet.token, [record])).status).toBe(200);
    const [customer] = await t.store.customers.search({ query: '', limit: 1 });
    expect(customer!.states.sms).toBe('active');

    t.advance(60_000);
    // Staff type the address in capitals; the customer is found all the same.
    const event = counterEvent({ channels: ['sms', 'letter'], action: 'objected' }, { email: 'JUERGEN.GROSS@example.com' });
    expect(await results(await postJson(t.app, PATH, { events: [event] }, bearer(tablet.token)))).toEqual([{ id: event.id, status: 'stored', customerId: customer!.id }]);

    const history = await t.store.consents.history({ customerId: customer!.id });
    expect(history.filter((e) => e.route === 'counter')).toEqual([
      expect.objectContaining({ channel: 'sms', action: 'objected', at: event.at, recordedAt: t.clock.now.toISOString(), contact: '+491701234567', deviceId: tablet.deviceId, staffId: 'staff-1', sourceId: event.id, note: 'am Telefon', recordId: null, noticeVersion: null, textVersion: null, textSha256: null }),
      expect.objectContaining({ channel: 'letter', action: 'objected', contact: 'Jürgen Groß, Lindenallee 5, 50667 Köln' }),
    ]);
    expect((await t.store.customers.get({ id: customer!.id }))!.email).toBe('juergen.gross@example.com');
    const [after] = await t.store.customers.search({ query: 'groß', limit: 1 });
    expect(after!.states).toEqual({ letter: 'objected', email: 'none', sms: 'objected' });
    expect(await t.store.consents.active({ channel: 'sms' })).toEqual([]);
  });

  it('is idempotent by event id: the same batch again is acknowledged as duplicate and stores nothing', async () => {
    const t = await makeTestApp();
    const tablet = await enrolTablet(t);
    const events = [counterEvent(), counterEvent({ channels: ['letter'] }, { email: '', name: 'Erika Mustermann', street: 'Heidestraße 17', postalCode: '51147', city: 'Köln' })];
    const first = await results(await postJson(t.app, PATH, { events }, bearer(tablet.token)));
    expect(first.map((r) => r.status)).toEqual(['stored', 'stored']);
    // Unknown people are made customers, so that the withdrawal holds when they sign later.
    expect(count(t, 'customers')).toBe(2);
    expect(count(t, 'consent_events')).toBe(2);
    const before = databaseDigest(t.file);

    t.advance(60_000);
    const again = await results(await postJson(t.app, PATH, { events }, bearer(tablet.token)));
    expect(again).toEqual(first.map((r) => ({ ...r, status: 'duplicate' })));
    // Only the device's last-seen time moved.
    expect(count(t, 'consent_events')).toBe(2);
    expect(count(t, 'customers')).toBe(2);
    expect(databaseDigest(t.file)).not.toBe(before);
    const db = new Database(t.file, { readonly: true });
    expect(db.prepare('SELECT MAX(updated_at) AS u FROM customers').get()).toEqual({ u: '2026-11-29T10:00:00.000Z' });
    db.close();

    // The same id twice in one batch: stored once.
    const twice = counterEvent({ channels: ['sms'] }, { email: '', mobile: '+491709999999' });
    expect((await results(await postJson(t.app, PATH, { events: [twice, twice] }, bearer(tablet.token)))).map((r) => r.status)).toEqual(['stored', 'duplicate']);
    expect(count(t, 'consent_events')).toBe(3);
  });

  it('lets a withdrawal recorded before the signature arrives still count, by time order', async () => {
    const t = await makeTestApp();
    const tablet = await enrolTablet(t);
    const record = newRecord({ signedAt: '2026-11-29T09:00:00.000Z', choices: { letter: { granted: false, contact: null }, email: { granted: false, contact: null }, sms: { granted: true, contact: '+491701234567' } } });
    // The counter withdrawal (10:30) syncs first, the signature (09:00) later.
    await results(await postJson(t.app, PATH, { events: [counterEvent({ channels: ['sms'] }, { email: '', mobile: '+491701234567' })] }, bearer(tablet.token)));
    expect((await uploadRecords(t, tablet.token, [record])).status).toBe(200);
    expect(count(t, 'customers')).toBe(1);
    const [customer] = await t.store.customers.search({ query: '', limit: 1 });
    expect(customer!.states.sms).toBe('withdrawn');
    // The record filled in what the counter event did not know.
    expect(customer).toMatchObject({ name: 'Jürgen Groß', email: 'juergen.gross@example.com', recordCount: 1 });
  });
});

describe('bad requests to POST /api/v1/consent-events', () => {
  let t: TestApp;
  let token: string;
  let revokedToken: string;
  beforeAll(async () => {
    t = await makeTestApp();
    token = (await enrolTablet(t, 'Theke 1')).token;
    const old = await enrolTablet(t, 'Altes Tablet');
    revokedToken = old.token;
    await revokeDevice({ store: t.store, deviceId: old.deviceId, now: t.clock.now });
    // Something is stored already, so "unchanged" means more than "still empty".
    expect((await postJson(t.app, PATH, { events: [counterEvent()] }, bearer(token))).status).toBe(200);
  });

  const good = counterEvent();
  type Auth = 'good' | 'none' | 'wrong' | 'revoked';
  const cases: Array<{ name: string; body: string; auth?: Auth; status: number; error: string; issue?: { path: string; message: string } }> = [
    { name: 'malformed JSON', body: '{"events": [', status: 400, error: 'malformed_json' },
    { name: 'an empty body', body: '', status: 400, error: 'malformed_json' },
    { name: 'JSON that is not the envelope', body: '[1, 2, 3]', status: 400, error: 'invalid_request' },
    { name: 'no events at all', body: JSON.stringify({ events: [] }), status: 400, error: 'invalid_request' },
    { name: 'too many events', body: JSON.stringify({ events: Array.from({ length: MAX_BATCH_EVENTS + 1 }, () => counterEvent()) }), status: 400, error: 'invalid_request' },
    { name: 'a field beside events', body: JSON.stringify({ events: [good], device: 'x' }), status: 400, error: 'invalid_request' },
    { name: 'a bad e-mail address', body: JSON.stringify({ events: [good, counterEvent({}, { email: 'juergen@' })] }), status: 422, error: 'invalid_request', issue: { path: 'events.1.customer.email', message: 'error.email' } },
    { name: 'a mobile number not in E.164', body: JSON.stringify({ events: [good, counterEvent({}, { mobile: '0171 2345678' })] }), status: 422, error: 'invalid_request', issue: { path: 'events.1.customer.mobile', message: 'error.mobile' } },
    { name: 'no way to identify the customer', body: JSON.stringify({ events: [counterEvent({}, { email: '', name: 'Erika Mustermann', city: 'Köln' }), good] }), status: 422, error: 'invalid_request', issue: { path: 'events.0.customer', message: 'error.required' } },
    { name: 'an unknown channel', body: JSON.stringify({ events: [good, { ...counterEvent(), channels: ['fax'] }] }), status: 422, error: 'invalid_request', issue: { path: 'events.1.channels.0', message: 'error.invalid' } },
    { name: 'no channels', body: JSON.stringify({ events: [good, counterEvent({ channels: [] })] }), status: 422, error: 'invalid_request', issue: { path: 'events.1.channels', message: 'error.required' } },
    { name: 'a grant (only withdrawals and objections come from the counter)', body: JSON.stringify({ events: [{ ...counterEvent(), action: 'granted' }, good] }), status: 422, error: 'invalid_request', issue: { path: 'events.0.action', message: 'error.invalid' } },
    { name: 'an id that is not a UUID', body: JSON.stringify({ events: [good, counterEvent({ id: 'evt-1' })] }), status: 422, error: 'invalid_request', issue: { path: 'events.1.id', message: 'error.invalid' } },
    { name: 'a time that is not a timestamp', body: JSON.stringify({ events: [good, counterEvent({ at: 'gestern' })] }), status: 422, error: 'invalid_request', issue: { path: 'events.1.at', message: 'error.date' } },
    { name: 'an event that is not an object', body: JSON.stringify({ events: [good, 'withdraw everything'] }), status: 422, error: 'invalid_request', issue: { path: 'events.1', message: 'error.invalid' } },
    { name: 'a body that is too large', body: JSON.stringify({ events: [{ ...good, note: 'x'.repeat(MAX_CONSENT_EVENTS_BYTES) }] }), status: 413, error: 'too_large' },
    { name: 'a missing token', body: JSON.stringify({ events: [good] }), auth: 'none', status: 401, error: 'unauthenticated' },
    { name: 'a wrong token', body: JSON.stringify({ events: [good] }), auth: 'wrong', status: 401, error: 'invalid_token' },
    { name: 'a revoked token', body: JSON.stringify({ events: [good] }), auth: 'revoked', status: 403, error: 'device_revoked' },
  ];

  for (const c of cases) {
    it(`refuses ${c.name} with ${c.status} ${c.error}, stores nothing, and keeps serving`, async () => {
      const before = { contents: databaseDigest(t.file), bytes: fileDigest(t.file) };
      const auth: Record<Auth, Record<string, string>> = { good: bearer(token), none: {}, wrong: bearer('wrong-token'), revoked: bearer(revokedToken) };
      const res = await t.app.request(PATH, { method: 'POST', headers: { 'content-type': 'application/json', ...auth[c.auth ?? 'good'] }, body: c.body });

      expect(res.status).toBe(c.status);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const body = (await res.json()) as { error: string; message: string; issues?: Array<{ path: string; message: string }> };
      expect(body).toMatchObject({ error: c.error, message: expect.stringMatching(/\w+ \w+/) });
      if (c.issue) expect(body.issues).toContainEqual(c.issue);
      if (c.status === 422) expect(body.message).toMatch(/^1 of 2 counter events is invalid; nothing of this batch was stored/);
      expect(databaseDigest(t.file)).toBe(before.contents);
      expect(fileDigest(t.file)).toBe(before.bytes);
      expect((await t.app.request('/api/v1/health')).status).toBe(200);
    });
  }

  it('answers GET with 404, as any unknown route', async () => {
    const res = await t.app.request(PATH, { headers: bearer(token) });
    expect(res.status).toBe(404);
  });
});
