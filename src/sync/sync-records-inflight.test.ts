/**
 * Two uploads in flight (sync-records.ts): each answer goes to its own batch, in the order sent,
 * whatever the other one's answer is; nothing is marked synced without its receipt.
 */
import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fixtureRecord, fixtureShop } from '../../shared/record.fixture';
import type { SignedRecord } from '../../shared/record';
import { db } from '../data/db';
import { saveEnrolment } from '../data/enrolment';
import { saveSignedRecord } from '../data/records';
import { setUpShop } from '../data/setup';
import { getSyncReceipt, outboxStatus } from '../data/sync-queue';
import { SYNC_BATCH_BYTES } from '../../shared/sync-plan';
import { syncNow } from './sync-records';

const TOKEN = 'device-token-1';
const START = new Date('2026-11-29T18:00:00.000Z');
const recordN = (n: number) => fixtureRecord({ id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}` });
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

let stored: Map<string, string>;
let calls: string[][];
let plan: Array<(ids: string[]) => Promise<Response>>;
beforeEach(async () => {
  await db.delete(); await db.open();
  stored = new Map(); calls = []; plan = [];
  vi.stubGlobal('fetch', async (input: string, init?: RequestInit) => {
    const path = String(input).replace('/api/v1', '');
    if (path === '/orders') return json(200, { orders: [] });
    if (path === '/shop') return json(200, { shop: fixtureShop() });
    if (path === '/consent-events') return json(200, { results: [] });
    const body = JSON.parse(await (init!.body as Blob).text()) as { records: SignedRecord[] };
    const ids = body.records.map((r) => r.id);
    calls.push(ids);
    const step = plan.shift();
    if (step) return step(ids);
    for (const id of ids) stored.set(id, 'x');
    return json(200, { results: ids.map((id) => ({ id, status: 'stored', receivedAt: START.toISOString() })) });
  });
  await setUpShop({ shop: fixtureShop({ askHealth: false, inactivitySeconds: 120 }), staff: [{ id: 's1', name: 'Anna', pinHash: 'a'.repeat(64), salt: 'b'.repeat(32) }] });
  await saveEnrolment({ device: { deviceId: 'tablet-1', token: TOKEN, name: 'T', enrolledAt: START.toISOString() }, shop: null, staff: [] });
  for (let i = 1; i <= 250; i++) expect((await saveSignedRecord(recordN(i), START)).ok).toBe(true);
});
afterEach(() => vi.unstubAllGlobals());
afterAll(() => db.close());

const ok = (ids: string[], delay = 0) => new Promise<Response>((r) => setTimeout(() => { for (const id of ids) stored.set(id, 'x'); r(json(200, { results: ids.map((id) => ({ id, status: 'stored', receivedAt: START.toISOString() })) })); }, delay));

describe('two uploads in flight', () => {
  it('a slow 503 on the first batch and a 200 on the second: the second is acknowledged, the first kept and sent later', async () => {
    plan = [() => new Promise((r) => setTimeout(() => r(json(503, { error: 'server_error', message: 'x' })), 50)), (ids) => ok(ids)];
    const res = await syncNow({ reason: 'manual', now: () => START, random: () => 0.5 });
    expect(res.error?.code).toBe('server_error');
    const s = await outboxStatus();
    expect(s.waiting).toBe(150);
    for (const id of calls[1]!) expect(await getSyncReceipt(id)).toBeDefined();
    for (const id of calls[0]!) expect(await getSyncReceipt(id)).toBeUndefined();
    const again = await syncNow({ reason: 'manual', now: () => START, random: () => 0.5 });
    expect(again.status).toBe('ok');
    expect((await outboxStatus()).waiting).toBe(0);
    expect(stored.size).toBe(250);
  });
  it('applies answers that arrive out of order each to its own batch', async () => {
    plan = [(ids) => ok(ids, 60), (ids) => ok(ids, 0)];
    const res = await syncNow({ reason: 'manual', now: () => START, random: () => 0.5 });
    expect(res.status).toBe('ok');
    expect((await outboxStatus()).waiting).toBe(0);
    expect(res.counts).toMatchObject({ sent: 250, stored: 250 });
  });
  it('a 413 on the first batch while the second travels: the first goes again one by one, nothing lost or doubled', async () => {
    plan = [() => new Promise((r) => setTimeout(() => r(json(413, { error: 'too_large', message: 'x' })), 30))];
    const res = await syncNow({ reason: 'manual', now: () => START, random: () => 0.5 });
    expect(res.status).toBe('ok');
    expect((await outboxStatus()).waiting).toBe(0);
    expect(res.counts).toMatchObject({ sent: 250, stored: 250 });
  });
  it('a 401 on the first batch: the second, already sent, still gets its receipts; the rest waits', async () => {
    plan = [() => new Promise((r) => setTimeout(() => r(json(401, { error: 'invalid_token', message: 'x' })), 30)), (ids) => ok(ids)];
    const res = await syncNow({ reason: 'manual', now: () => START, random: () => 0.5 });
    expect(res.error?.code).toBe('invalid_token');
    expect((await outboxStatus()).waiting).toBe(150);
    expect((await db.receipts.count())).toBe(100);
  });
  it('a receipts write that fails mid-run leaves every record either acknowledged or waiting, and the next run sends the rest', async () => {
    let n = 0;
    const orig = db.receipts.bulkPut.bind(db.receipts);
    const spy = vi.spyOn(db.receipts, 'bulkPut').mockImplementation(((...a: Parameters<typeof orig>) => { if (++n === 2) throw new Error('disk full'); return orig(...a); }) as typeof orig);
    await expect(syncNow({ reason: 'manual', now: () => START, random: () => 0.5 })).rejects.toThrow();
    spy.mockRestore();
    const rc = await db.receipts.count(); const ob = await db.outbox.count();
    expect(rc + ob).toBe(250);
    const again = await syncNow({ reason: 'manual', now: () => START, random: () => 0.5 });
    expect(again.status).toBe('ok');
    expect(await db.receipts.count()).toBe(250);
  });
});

describe('upload timeouts on a slow uplink', () => {
  it('gives a full batch time to travel beside the one already on its way, on a 1 Mbit/s shop uplink', async () => {
    // Records saved before the indexed PNG are ~80 KB: a batch fills SYNC_BATCH_BYTES, and two share the link.
    const recordBytes = 80 * 1024;
    const timeouts: number[] = [];
    const spy = vi.spyOn(await import('./api-client'), 'callApi').mockImplementation(async (call) => {
      if (call.path !== '/records') return { kind: 'response', status: 200, body: call.path === '/shop' ? { shop: fixtureShop() } : { orders: [] } };
      timeouts.push(call.timeoutMs ?? 30_000);
      return { kind: 'response', status: 200, body: { results: [] } };
    });
    try {
      // Pad each stored record to ~80 KB, as an old RGBA signature PNG makes it.
      await db.records.toCollection().modify((row) => {
        row.record = { ...row.record!, signature: { ...row.record!.signature, png: `data:image/png;base64,${'A'.repeat(recordBytes - 2000)}` } };
      });
      await syncNow({ reason: 'manual', now: () => START, random: () => 0.5 });
    } finally {
      spy.mockRestore();
    }
    const uplinkBytesPerMs = 1_000_000 / 8 / 1000;
    // The second upload shares the link with the first: both bodies must be through before its timeout.
    expect(timeouts.length).toBeGreaterThanOrEqual(2);
    const bodyBytes = Math.min(SYNC_BATCH_BYTES, 100 * recordBytes);
    expect(timeouts[0]!).toBeGreaterThan(bodyBytes / uplinkBytesPerMs);
    expect(timeouts[1]!).toBeGreaterThan((2 * bodyBytes) / uplinkBytesPerMs);
  });
});
