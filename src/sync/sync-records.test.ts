/**
 * The sync run end to end against a fake server (fetch stubbed) and a real Dexie database
 * (fake-indexeddb): nothing lost, nothing twice, whatever the server or the network does.
 */
import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fixtureRecord, fixtureShop } from '../../shared/record.fixture';
import type { SignedRecord } from '../../shared/record';
import type { PendingOrder, ShopConfig } from '../../shared/shop';
import { db } from '../data/db';
import { getDevice } from '../data/device-registration';
import { saveEnrolment } from '../data/enrolment';
import { getOrder, listOpenOrders } from '../data/orders';
import { getRecord, saveSignedRecord } from '../data/records';
import { getShop } from '../data/shop';
import { setUpShop } from '../data/setup';
import { getSyncState } from '../data/sync-state';
import { getSyncReceipt, listSyncProblems, outboxStatus } from '../data/sync-queue';
import { syncNow } from './sync-records';

const TOKEN = 'device-token-1';
const START = new Date('2026-11-29T18:00:00.000Z');

function recordN(n: number): SignedRecord {
  return fixtureRecord({ id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}` });
}

/** An in-memory server that keeps to shared/api.ts: idempotent by id, conflicts on another hash. */
class FakeServer {
  stored = new Map<string, { hash: string; receivedAt: string }>();
  requests: Array<{ method: string; path: string; records?: number }> = [];
  shop: ShopConfig | null = fixtureShop();
  orders: PendingOrder[] = [];
  /** Return a Response to override the next answer, or throw to fail the network. */
  intercept: ((path: string, body: unknown) => Response | undefined) | null = null;
  clock = START;

  fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const path = String(input).replace('/api/v1', '');
    const method = init?.method ?? 'GET';
    const text = typeof init?.body === 'string' ? init.body : init?.body instanceof Blob ? await init.body.text() : undefined;
    const body = text === undefined ? undefined : (JSON.parse(text) as unknown);
    this.requests.push({ method, path, records: (body as { records?: unknown[] } | undefined)?.records?.length });
    const headers = new Headers(init?.headers);
    if (headers.get('authorization') !== `Bearer ${TOKEN}`) return json(401, { error: 'invalid_token', message: 'Unknown token.' });
    const override = this.intercept?.(path, body);
    if (override) return override;
    if (method === 'POST' && path === '/records') {
      const records = (body as { records: SignedRecord[] }).records;
      const results = records.map((r) => {
        const known = this.stored.get(r.id);
        if (!known) {
          this.stored.set(r.id, { hash: r.hash, receivedAt: this.clock.toISOString() });
          return { id: r.id, status: 'stored', receivedAt: this.clock.toISOString() };
        }
        return { id: r.id, status: known.hash === r.hash ? 'duplicate' : 'conflict', receivedAt: known.receivedAt };
      });
      return json(200, { results });
    }
    if (method === 'GET' && path === '/orders') return json(200, { orders: this.orders });
    if (method === 'GET' && path === '/shop') return json(200, { shop: this.shop });
    if (method === 'PUT' && path === '/shop') {
      if (this.shop) return json(409, { error: 'conflict', message: 'Has a shop.' });
      this.shop = body as ShopConfig;
      return json(201, { shop: this.shop });
    }
    return json(404, { error: 'not_found', message: 'No such endpoint.' });
  };
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

let server: FakeServer;
let now: Date;
const clock = () => now;
const run = (reason: Parameters<typeof syncNow>[0]['reason'], extra: Partial<Parameters<typeof syncNow>[0]> = {}) =>
  syncNow({ reason, now: clock, random: () => 0.5, ...extra });

async function store(...records: SignedRecord[]) {
  for (const r of records) expect((await saveSignedRecord(r, now)).ok).toBe(true);
}

beforeEach(async () => {
  await db.delete();
  await db.open();
  now = START;
  server = new FakeServer();
  vi.stubGlobal('fetch', server.fetch);
  await setUpShop({ shop: fixtureShop({ askHealth: false, inactivitySeconds: 120 }), staff: [{ id: 's1', name: 'Anna', pinHash: 'a'.repeat(64), salt: 'b'.repeat(32) }] });
  await saveEnrolment({ device: { deviceId: 'tablet-1', token: TOKEN, name: 'Tablet Theke 1', enrolledAt: START.toISOString() }, shop: null, staff: [] });
});
afterEach(() => vi.unstubAllGlobals());
afterAll(() => db.close());

describe('syncNow', () => {
  it('uploads in batches, marks each record synced with the server time, and records the run', async () => {
    const records = Array.from({ length: 130 }, (_, i) => recordN(i + 1));
    await store(...records);
    const progress: Array<[number, number]> = [];
    const result = await run('manual', { onProgress: (done, total) => progress.push([done, total]) });

    expect(result).toMatchObject({ status: 'ok', error: null, counts: { sent: 130, stored: 130, duplicate: 0, conflict: 0, rejected: 0, retrying: 0 } });
    expect(server.requests.filter((r) => r.path === '/records').map((r) => r.records)).toEqual([100, 30]);
    expect(progress).toEqual([[0, 130], [100, 130], [130, 130]]);
    expect((await outboxStatus()).waiting).toBe(0);
    expect(await getSyncReceipt(records[0]!.id)).toEqual({ syncedAt: START.toISOString(), receivedAt: START.toISOString() });
    expect(await getSyncState()).toMatchObject({ lastSuccessAt: START.toISOString(), lastError: null, lastResult: { stored: 130 } });
  });

  it('keeps everything when the server is down, backs off, and sends it later', async () => {
    await store(recordN(1), recordN(2));
    server.intercept = () => json(503, { error: 'server_error', message: 'Down.' });
    const failed = await run('start');
    expect(failed).toMatchObject({ status: 'failed', error: { code: 'server_error' }, counts: { retrying: 2 } });
    expect(await outboxStatus()).toMatchObject({ waiting: 2, pending: 2 });
    const entry = await db.outbox.get(recordN(1).id);
    expect(entry).toMatchObject({ attempts: 1, nextAttemptAt: '2026-11-29T18:00:05.000Z', lastError: { code: 'server_error' } });
    expect((await getSyncState()).lastSuccessAt).toBeNull();

    // Back up, but the backoff has not ended: a timer run does not send; "Sync now" does.
    server.intercept = null;
    now = new Date(START.getTime() + 1_000);
    expect((await run('timer')).counts.sent).toBe(0);
    expect((await run('manual')).counts).toMatchObject({ sent: 2, stored: 2 });
    expect((await outboxStatus()).waiting).toBe(0);
  });

  it('loses nothing and stores nothing twice when the answer is lost after the server stored the batch', async () => {
    await store(recordN(1), recordN(2));
    // The server stores the batch, then the connection drops before the tablet reads the answer.
    server.intercept = (path, body) => {
      if (path !== '/records') return undefined;
      for (const r of (body as { records: SignedRecord[] }).records) server.stored.set(r.id, { hash: r.hash, receivedAt: START.toISOString() });
      throw new TypeError('Failed to fetch');
    };
    expect((await run('online')).error?.code).toBe('unreachable');
    expect((await outboxStatus()).waiting).toBe(2);
    expect(await getSyncReceipt(recordN(1).id)).toBeUndefined();

    server.intercept = null;
    now = new Date(START.getTime() + 60_000);
    const again = await run('timer');
    expect(again.counts).toMatchObject({ sent: 2, stored: 0, duplicate: 2 });
    expect(server.stored.size).toBe(2);
    expect((await outboxStatus()).waiting).toBe(0);
    expect((await getSyncReceipt(recordN(1).id))?.receivedAt).toBe(START.toISOString());
  });

  it('keeps the marks of the batches acknowledged before a catch-up is cut off, through a reload, and sends only the rest', async () => {
    const records = Array.from({ length: 250 }, (_, i) => recordN(i + 1));
    await store(...records);
    // Two batches get their answers; the third is stored on the server but the tablet goes away before its answer.
    let uploads = 0;
    const stop = new AbortController();
    server.intercept = (path, body) => {
      if (path !== '/records' || ++uploads < 3) return undefined;
      for (const r of (body as { records: SignedRecord[] }).records) server.stored.set(r.id, { hash: r.hash, receivedAt: START.toISOString() });
      stop.abort();
      throw new DOMException('The page went away.', 'AbortError');
    };
    const cut = await run('manual', { signal: stop.signal });
    expect(cut.error?.code).toBe('aborted');
    // As after a reload: the database is opened afresh, and what was committed is all there is.
    db.close();
    await db.open();
    const synced = (await db.receipts.toArray()).filter((r) => r.syncedAt);
    const waiting = await db.outbox.toArray();
    expect(synced.length + waiting.length).toBe(250);
    expect(synced.length, 'the two acknowledged batches kept their marks').toBe(200);
    for (const row of synced) expect(server.stored.has(row.id)).toBe(true);
    expect(waiting.every((e) => !synced.some((r) => r.id === e.recordId))).toBe(true);

    server.intercept = null;
    const rest = await run('manual');
    expect(rest).toMatchObject({ status: 'ok', counts: { sent: waiting.length } });
    // The batch stored without an answer comes back as duplicates: acknowledged, not stored twice.
    expect(rest.counts.duplicate).toBeGreaterThan(0);
    expect(rest.counts.stored + rest.counts.duplicate).toBe(waiting.length);
    expect(server.stored.size).toBe(250);
    expect((await outboxStatus()).waiting).toBe(0);
    for (const r of records) expect(await getSyncReceipt(r.id), `the receipt of ${r.id}`).toMatchObject({ syncedAt: expect.any(String), receivedAt: expect.any(String) });
  });

  it('keeps a conflict aside for people and never resends it by itself', async () => {
    const record = recordN(1);
    server.stored.set(record.id, { hash: 'f'.repeat(64), receivedAt: '2026-11-28T09:00:00.000Z' });
    await store(record, recordN(2));
    const result = await run('manual');
    expect(result.counts).toMatchObject({ stored: 1, conflict: 1 });
    // Answered by the server and kept here for people: a conflict is not among the records waiting.
    expect(await outboxStatus()).toMatchObject({ waiting: 0, conflict: 1, pending: 0 });
    expect(await listSyncProblems()).toMatchObject([{ recordId: record.id, state: 'conflict', orderNumber: record.order.number, customerName: record.customer.name }]);
    server.requests = [];
    await run('manual');
    expect(server.requests.filter((r) => r.path === '/records')).toEqual([]);
    expect(server.stored.get(record.id)?.hash).toBe('f'.repeat(64));
  });

  it('rejects the record the server refuses, with its reason, and sends the rest of the batch at once', async () => {
    const [a, b, c] = [recordN(1), recordN(2), recordN(3)];
    await store(a, b, c);
    server.intercept = (path, body) => {
      const records = (body as { records?: SignedRecord[] } | undefined)?.records;
      const index = records?.findIndex((r) => r.id === b.id) ?? -1;
      if (path !== '/records' || index < 0) return undefined;
      return json(422, { error: 'invalid_record', message: '1 of 3 records is invalid.', records: [{ index, id: b.id, issues: [{ path: 'hash', message: 'error.hash' }] }] });
    };
    const result = await run('manual');
    expect(result).toMatchObject({ status: 'ok', counts: { sent: 3, stored: 2, rejected: 1 } });
    expect(server.stored.has(a.id) && server.stored.has(c.id) && !server.stored.has(b.id)).toBe(true);
    expect(await listSyncProblems()).toMatchObject([{ recordId: b.id, state: 'rejected', error: { code: 'invalid_record', issues: [{ path: 'hash', message: 'error.hash' }] } }]);
  });

  it('stops when the tablet is revoked, keeps its records, and asks no more by itself', async () => {
    await store(recordN(1));
    server.intercept = () => json(403, { error: 'device_revoked', message: 'The owner removed this tablet.' });
    const result = await run('start');
    expect(result).toMatchObject({ status: 'revoked', error: { code: 'device_revoked' } });
    expect((await getDevice())?.revokedAt).toBe(START.toISOString());
    expect(await outboxStatus()).toMatchObject({ waiting: 1, pending: 1 });
    expect((await db.outbox.get(recordN(1).id))?.attempts).toBe(0);
    server.requests = [];
    expect((await run('timer')).status).toBe('revoked');
    expect(server.requests).toEqual([]);
  });

  it('stops asking by itself when the server does not know the token, until "Sync now" or a new enrolment', async () => {
    await store(recordN(1));
    await saveEnrolment({ device: { deviceId: 'tablet-1', token: 'forgotten-token', name: 'Tablet Theke 1', enrolledAt: START.toISOString() }, shop: null, staff: [] });
    const refused = await run('start');
    expect(refused).toMatchObject({ status: 'failed', error: { code: 'invalid_token' }, nextAttemptAt: null });
    expect((await getSyncState()).refused).toEqual({ code: 'invalid_token', at: START.toISOString() });
    expect((await db.outbox.get(recordN(1).id))?.attempts).toBe(0);

    server.requests = [];
    now = new Date(START.getTime() + 60 * 60_000);
    for (const reason of ['timer', 'online', 'start', 'background', 'saved'] as const) expect((await run(reason)).status, reason).toBe('refused');
    expect(server.requests).toEqual([]);
    // Only a person asks again, and hears the same answer.
    expect((await run('manual')).error?.code).toBe('invalid_token');
    expect(server.requests).toHaveLength(1);

    // Connected again with a new code: automatic syncs run again and send what waited.
    await saveEnrolment({ device: { deviceId: 'tablet-1', token: TOKEN, name: 'Tablet Theke 1', enrolledAt: now.toISOString() }, shop: null, staff: [] });
    expect((await getSyncState()).refused).toBeNull();
    expect(await run('timer')).toMatchObject({ status: 'ok', counts: { stored: 1 } });
  });

  it('removes a pulled order from the open list once another tablet signed it', async () => {
    const order = (id: string): PendingOrder => ({ order: { ...recordN(1).order, id, number: id }, customer: recordN(1).customer, createdAt: START.toISOString() });
    server.orders = [order('server-1'), order('server-2')];
    expect((await run('timer')).ordersAdded).toBe(2);
    expect((await listOpenOrders()).map((o) => o.id).sort()).toEqual(['server-1', 'server-2']);

    // Another tablet signed server-1: the server lists only server-2 now.
    server.orders = [order('server-2')];
    expect((await run('timer')).status).toBe('ok');
    expect((await listOpenOrders()).map((o) => o.id)).toEqual(['server-2']);
  });

  it('pulls new orders without touching signed ones, and takes the published shop keeping kiosk settings', async () => {
    const signed = recordN(1);
    await db.orders.add({ id: signed.order.id, status: 'open', createdAt: START.toISOString(), pending: { order: signed.order, customer: signed.customer, createdAt: START.toISOString() } });
    await store(signed);
    const fresh: PendingOrder = { order: { ...signed.order, id: 'server-order-2', number: 'W-2' }, customer: signed.customer, createdAt: START.toISOString() };
    server.orders = [{ order: signed.order, customer: { ...signed.customer, name: 'Changed' }, createdAt: START.toISOString() }, fresh];
    const published = { ...server.shop!.texts.notice, version: 2, de: 'Neuer Hinweis', en: 'New notice' };
    server.shop = { ...server.shop!, name: 'Optik Neu', texts: { ...server.shop!.texts, notice: published } };

    const result = await run('timer');
    expect(result).toMatchObject({ status: 'ok', ordersAdded: 1, shopUpdated: true });
    expect((await listOpenOrders()).map((o) => o.id)).toEqual(['server-order-2']);
    expect((await getOrder(signed.order.id))?.pending.customer.name).toBe(signed.customer.name);
    expect(await getShop()).toMatchObject({ name: 'Optik Neu', askHealth: false, inactivitySeconds: 120, texts: { notice: published } });
    expect((await run('timer')).shopUpdated).toBe(false);
  });

  it("gives a server without a shop this tablet's shop", async () => {
    server.shop = null;
    expect((await run('start')).status).toBe('ok');
    expect(server.shop).toMatchObject({ name: fixtureShop().name });
  });

  it('minimises records synced long enough ago after a successful sync', async () => {
    await db.settings.put({ key: 'shop', value: { ...(await getShop())!, minimiseAfterDays: 1 } });
    const record = recordN(1);
    await store(record);
    await run('manual');
    expect((await getRecord(record.id))?.id).toBe(record.id);
    now = new Date(START.getTime() + 2 * 86_400_000);
    expect((await run('timer')).minimised).toBe(1);
    expect(await getRecord(record.id)).toBeUndefined();
    expect(await db.records.get(record.id)).toMatchObject({ hash: record.hash, receivedAt: START.toISOString() });
  });

  it('does nothing on a tablet that is not enrolled', async () => {
    await db.settings.delete('device');
    expect((await run('start')).status).toBe('not_enrolled');
    expect(server.requests).toEqual([]);
  });

  it('runs one sync at a time: a timer run while another runs is skipped', async () => {
    await store(recordN(1));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const original = server.fetch;
    vi.stubGlobal('fetch', async (input: string, init?: RequestInit) => {
      await gate;
      return original(input, init);
    });
    const first = run('manual');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await run('timer')).status).toBe('skipped');
    release();
    expect((await first).counts.stored).toBe(1);
  });
});
