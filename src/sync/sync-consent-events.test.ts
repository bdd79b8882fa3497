/**
 * The counter events' upload against a fake POST /api/v1/consent-events (fetch stubbed) and a real
 * Dexie database (fake-indexeddb): an event is marked synced only by the server's answer, and one
 * the server refuses waits with its reasons; the one sync run carries them after the records.
 */
import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CounterEvent } from '../../shared/consent';
import { fixtureRecord, fixtureShop } from '../../shared/record.fixture';
import { counterEventStatus, getCounterEvent, saveCounterEvent } from '../data/consent-events';
import { db } from '../data/db';
import { saveEnrolment } from '../data/enrolment';
import { saveSignedRecord } from '../data/records';
import { setUpShop } from '../data/setup';
import { uploadCounterEvents } from './sync-consent-events';
import { syncNow } from './sync-records';

const TOKEN = 'device-token-1';
const START = new Date('2026-11-29T18:00:00.000Z');

function eventN(n: number, overrides: Partial<CounterEvent> = {}): CounterEvent {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    at: new Date(START.getTime() - 60_000 + n * 1000).toISOString(),
    action: 'withdrawn',
    channels: ['email', 'sms'],
    customer: { name: '', street: '', postalCode: '', city: '', email: `kunde${n}@example.com`, mobile: '' },
    staffId: 'staff-1',
    note: '',
    ...overrides,
  };
}

/** Keeps to shared/consent.ts: idempotent by id; one invalid event refuses the batch (422). */
class FakeServer {
  stored = new Map<string, CounterEvent>();
  requests: Array<{ path: string; ids: string[] }> = [];
  /** Ids the server finds invalid; `nameThem` says whether its 422 names them. */
  invalid = new Set<string>();
  nameThem = true;
  intercept: ((path: string) => Response | undefined) | null = null;

  fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const path = String(input).replace('/api/v1', '');
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : {};
    const events = (body.events ?? []) as CounterEvent[];
    this.requests.push({ path, ids: events.map((e) => e.id) });
    if (new Headers(init?.headers).get('authorization') !== `Bearer ${TOKEN}`) return json(401, { error: 'invalid_token', message: 'Unknown token.' });
    const override = this.intercept?.(path);
    if (override) return override;
    if (path === '/records') return json(200, { results: [] });
    if (path === '/orders') return json(200, { orders: [] });
    if (path === '/shop') return json(200, { shop: fixtureShop() });
    if (path !== '/consent-events') return json(404, { error: 'not_found', message: 'No such endpoint.' });
    // As server/consents/consent-events-api.ts answers: each issue's path starts with the event's index.
    const issues = events.flatMap((e, index) => (this.invalid.has(e.id) ? [{ path: this.nameThem ? `events.${index}.customer.email` : 'events', message: 'error.email' }] : []));
    if (issues.length > 0) return json(422, { error: 'invalid_request', message: 'Invalid events; nothing stored.', issues });
    const results = events.map((e) => {
      const known = this.stored.has(e.id);
      this.stored.set(e.id, e);
      return { id: e.id, status: known ? 'duplicate' : 'stored', customerId: `cust-${e.customer.email}` };
    });
    return json(200, { results });
  };
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

let server: FakeServer;
const upload = (reason: 'manual' | 'timer' | 'online' = 'manual', now = START) => uploadCounterEvents({ token: TOKEN, reason, now: () => now, random: () => 0.5 });

async function store(...events: CounterEvent[]) {
  for (const e of events) expect((await saveCounterEvent(e, START)).ok).toBe(true);
}

beforeEach(async () => {
  await db.delete();
  await db.open();
  server = new FakeServer();
  vi.stubGlobal('fetch', server.fetch);
});
afterEach(() => vi.unstubAllGlobals());
afterAll(() => db.close());

describe('uploadCounterEvents', () => {
  it('marks events synced only with the server acknowledgement, and a duplicate too', async () => {
    await store(eventN(1), eventN(2));
    // The first copy reached the server before (an answer lost on the way): it comes back as duplicate.
    server.stored.set(eventN(2).id, eventN(2));
    expect(await upload()).toEqual({ sent: 2, stored: 1, duplicate: 1, rejected: 0, retrying: 0, stop: null });
    expect(server.requests).toEqual([{ path: '/consent-events', ids: [eventN(1).id, eventN(2).id] }]);
    expect(await getCounterEvent(eventN(1).id)).toMatchObject({ state: 'synced', syncedAt: START.toISOString(), customerId: 'cust-kunde1@example.com', event: eventN(1) });
    expect(await getCounterEvent(eventN(2).id)).toMatchObject({ state: 'synced', customerId: 'cust-kunde2@example.com' });
    expect(await counterEventStatus()).toEqual({ pending: 0, rejected: 0, oldestAt: null });

    // Nothing waits: a second run sends nothing at all.
    expect((await upload()).sent).toBe(0);
    expect(server.requests).toHaveLength(1);
  });

  it('keeps events waiting on a network error, counts the attempt and backs off', async () => {
    await store(eventN(1));
    server.intercept = () => {
      throw new TypeError('Failed to fetch');
    };
    expect(await upload('timer')).toMatchObject({ sent: 1, stored: 0, retrying: 1, stop: { code: 'unreachable' } });
    expect(await getCounterEvent(eventN(1).id)).toMatchObject({ state: 'pending', attempts: 1, nextAttemptAt: '2026-11-29T18:00:05.000Z', lastError: { code: 'unreachable' } });
    expect(server.stored.size).toBe(0);

    // Before the backoff ends a timer run waits; "Sync now" sends, and the error is gone with the receipt.
    server.intercept = null;
    expect((await upload('timer', new Date(START.getTime() + 1000))).sent).toBe(0);
    expect(await upload('manual')).toMatchObject({ stored: 1, stop: null });
    const row = await getCounterEvent(eventN(1).id);
    expect(row).toMatchObject({ state: 'synced' });
    expect(row?.lastError).toBeUndefined();
  });

  it('keeps events as they are when the tablet is offline, or its token is refused or revoked', async () => {
    await store(eventN(1));
    for (const [response, code] of [
      [json(401, { error: 'invalid_token', message: 'Unknown token.' }), 'invalid_token'],
      [json(403, { error: 'device_revoked', message: 'Revoked.' }), 'device_revoked'],
    ] as const) {
      server.intercept = () => response.clone();
      expect(await upload()).toMatchObject({ stop: { code }, retrying: 0 });
      expect(await getCounterEvent(eventN(1).id)).toMatchObject({ state: 'pending', attempts: 0 });
    }
    vi.stubGlobal('navigator', { onLine: false });
    server.intercept = () => {
      throw new TypeError('Failed to fetch');
    };
    expect(await upload()).toMatchObject({ stop: { code: 'offline' } });
    expect(await getCounterEvent(eventN(1).id)).toMatchObject({ state: 'pending', attempts: 0 });
  });

  it('a 422 leaves the refused event waiting with the reasons, and sends the others', async () => {
    await store(eventN(1), eventN(2), eventN(3));
    server.invalid.add(eventN(2).id);
    expect(await upload()).toMatchObject({ sent: 3, stored: 2, rejected: 1, stop: null });
    expect(await getCounterEvent(eventN(2).id)).toMatchObject({
      state: 'rejected',
      lastError: { code: 'invalid_request', issues: [{ path: 'customer.email', message: 'error.email' }] },
      event: eventN(2),
    });
    expect([...server.stored.keys()].sort()).toEqual([eventN(1).id, eventN(3).id]);
    expect(await counterEventStatus()).toEqual({ pending: 0, rejected: 1, oldestAt: eventN(2).at });
    // It waits for people: the next run does not send it again by itself.
    expect((await upload()).sent).toBe(0);
  });

  it('a 422 that names no event: one at a time finds the refused one', async () => {
    await store(eventN(1), eventN(2), eventN(3));
    server.invalid.add(eventN(3).id);
    server.nameThem = false;
    expect(await upload()).toMatchObject({ stored: 2, rejected: 1, stop: null });
    expect(server.requests.map((r) => r.ids.length)).toEqual([3, 1, 1, 1]);
    expect(await getCounterEvent(eventN(3).id)).toMatchObject({ state: 'rejected', lastError: { code: 'invalid_request' } });
    expect((await getCounterEvent(eventN(1).id))?.state).toBe('synced');
  });

  it('an answer that does not keep to the protocol marks nothing synced', async () => {
    await store(eventN(1));
    server.intercept = () => json(200, { results: [{ id: eventN(1).id, status: 'ok' }] });
    expect(await upload()).toMatchObject({ stored: 0, retrying: 1, stop: { code: 'bad_response' } });
    expect(await getCounterEvent(eventN(1).id)).toMatchObject({ state: 'pending', attempts: 1 });
  });
});

describe('the one sync run', () => {
  beforeEach(async () => {
    await setUpShop({ shop: fixtureShop(), staff: [{ id: 'staff-1', name: 'Anna', pinHash: 'a'.repeat(64), salt: 'b'.repeat(32) }] });
    await saveEnrolment({ device: { deviceId: 'tablet-1', token: TOKEN, name: 'Tablet Theke 1', enrolledAt: START.toISOString() }, shop: null, staff: [] });
  });

  it('carries counter events after the records, for every trigger', async () => {
    await store(eventN(1));
    expect((await saveSignedRecord(fixtureRecord(), START)).ok).toBe(true);
    const result = await syncNow({ reason: 'start', now: () => START, random: () => 0.5 });
    expect(result).toMatchObject({ status: 'ok', error: null });
    expect(server.requests.map((r) => r.path)).toEqual(['/records', '/consent-events', '/orders', '/shop']);
    expect((await getCounterEvent(eventN(1).id))?.state).toBe('synced');
  });

  it('fails the run, and keeps the event, when the server cannot take counter events', async () => {
    await store(eventN(1));
    server.intercept = (path) => (path === '/consent-events' ? json(503, { error: 'server_error', message: 'Down.' }) : undefined);
    const result = await syncNow({ reason: 'manual', now: () => START, random: () => 0.5 });
    expect(result).toMatchObject({ status: 'failed', error: { code: 'server_error' } });
    expect(await getCounterEvent(eventN(1).id)).toMatchObject({ state: 'pending', attempts: 1 });
  });
});
