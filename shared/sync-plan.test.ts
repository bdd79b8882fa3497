/** The sync engine's decisions, without a network or a database. */
import { describe, expect, it } from 'vitest';
import { fixtureShop } from './record.fixture';
import type { PendingOrder } from './shop';
import {
  BACKOFF,
  backoffDelay,
  dueEntries,
  fitBatch,
  interpretUpload,
  isSyncOverdue,
  mayMinimise,
  mergeServerShop,
  minimiseCutoff,
  closedServerOrders,
  heldBack,
  newServerOrders,
  nextSyncState,
  NO_COUNTS,
  addCounts,
  outboxChanges,
  EMPTY_SYNC_STATE,
  outcomeError,
  ignoresBackoff,
  type OutboxEntry,
  type SyncResult,
} from './sync-plan';

const NOW = new Date('2026-11-29T18:00:00.000Z');

function entry(recordId: string, patch: Partial<OutboxEntry> = {}): OutboxEntry {
  return { recordId, queuedAt: '2026-11-29T10:00:00.000Z', attempts: 0, state: 'pending', nextAttemptAt: '2026-11-29T10:00:00.000Z', ...patch };
}

describe('backoffDelay', () => {
  it('doubles from 5 seconds up to 15 minutes', () => {
    const middle = () => 0.5; // no jitter
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, middle))).toEqual([5_000, 10_000, 20_000, 40_000]);
    expect(backoffDelay(8, middle)).toBe(640_000);
    expect(backoffDelay(9, middle)).toBe(15 * 60_000);
    expect(backoffDelay(500, middle)).toBe(15 * 60_000);
  });

  it('varies by ±50 % with the random source it is given', () => {
    expect(backoffDelay(1, () => 0)).toBe(2_500);
    expect(backoffDelay(1, () => 1)).toBe(7_500);
    expect(backoffDelay(20, () => 0)).toBe(7.5 * 60_000);
    expect(backoffDelay(20, () => 1)).toBe(BACKOFF.maxMs * 1.5);
    expect(backoffDelay(1, () => Number.NaN)).toBe(5_000);
  });
});

describe('dueEntries', () => {
  const rows = [
    entry('c', { queuedAt: '2026-11-29T12:00:00.000Z', nextAttemptAt: '2026-11-29T12:00:00.000Z' }),
    entry('a', { queuedAt: '2026-11-29T09:00:00.000Z', nextAttemptAt: '2026-11-29T19:00:00.000Z', attempts: 3 }),
    entry('b', { queuedAt: '2026-11-29T11:00:00.000Z' }),
    entry('x', { state: 'conflict' }),
    entry('y', { state: 'rejected' }),
  ];

  it('takes pending records that are due, oldest first', () => {
    expect(dueEntries(rows, { now: NOW, ignoreBackoff: false }).map((e) => e.recordId)).toEqual(['b', 'c']);
  });

  it('"Sync now" ignores the backoff but never resends conflicts or rejections', () => {
    expect(dueEntries(rows, { now: NOW, ignoreBackoff: true }).map((e) => e.recordId)).toEqual(['a', 'b', 'c']);
  });

  it('lets a person and the returning network skip the backoff, not timers or events', () => {
    expect((['manual', 'online', 'start', 'timer', 'background', 'saved'] as const).filter(ignoresBackoff)).toEqual(['manual', 'online']);
  });
});

describe('fitBatch', () => {
  it('fills a batch up to the byte budget and the record limit', () => {
    expect(fitBatch([100, 100, 100], 1_000, 25)).toBe(3);
    expect(fitBatch([400, 400, 400], 1_000, 25)).toBe(2);
    expect(fitBatch(Array(40).fill(10), 1_000_000, 25)).toBe(25);
  });

  it('sends a record bigger than the budget on its own', () => {
    expect(fitBatch([5_000, 10], 1_000, 25)).toBe(1);
  });
});

describe('interpretUpload', () => {
  const batch = ['r1', 'r2', 'r3'];

  it('marks stored and duplicate records synced with the server time, and keeps conflicts aside', () => {
    const decision = interpretUpload(batch, {
      kind: 'response',
      status: 200,
      body: {
        results: [
          { id: 'r1', status: 'stored', receivedAt: '2026-11-29T18:00:01.000Z' },
          { id: 'r2', status: 'duplicate', receivedAt: '2026-11-28T08:00:00.000Z' },
          { id: 'r3', status: 'conflict', receivedAt: '2026-11-29T18:00:01.000Z' },
        ],
      },
    });
    expect(decision.stop).toBeNull();
    expect(decision.records).toEqual([
      { id: 'r1', action: 'synced', status: 'stored', receivedAt: '2026-11-29T18:00:01.000Z' },
      { id: 'r2', action: 'synced', status: 'duplicate', receivedAt: '2026-11-28T08:00:00.000Z' },
      { id: 'r3', action: 'conflict', receivedAt: '2026-11-29T18:00:01.000Z' },
    ]);
  });

  it('never marks a record synced that the answer does not name', () => {
    const decision = interpretUpload(batch, { kind: 'response', status: 200, body: { results: [{ id: 'r1', status: 'stored', receivedAt: 'x' }] } });
    expect(decision.records.map((r) => r.action)).toEqual(['synced', 'backoff', 'backoff']);
  });

  it('treats a malformed 200 answer as a failure, not as an acknowledgement', () => {
    const decision = interpretUpload(batch, { kind: 'response', status: 200, body: '<html>' });
    expect(decision.stop?.code).toBe('bad_response');
    expect(decision.records.every((r) => r.action === 'backoff')).toBe(true);
  });

  it('rejects the records a 422 names, with their issues, and retries the rest at once', () => {
    const decision = interpretUpload(batch, {
      kind: 'response',
      status: 422,
      body: { error: 'invalid_record', message: 'One record is invalid.', records: [{ index: 1, id: 'r2', issues: [{ path: 'hash', message: 'error.hash' }] }] },
    });
    expect(decision.stop).toBeNull();
    expect(decision.records).toEqual([
      { id: 'r1', action: 'retry' },
      { id: 'r2', action: 'rejected', error: { code: 'invalid_record', message: 'One record is invalid.', issues: [{ path: 'hash', message: 'error.hash' }] } },
      { id: 'r3', action: 'retry' },
    ]);
  });

  it('finds the culprit one by one when a 422 names none', () => {
    const decision = interpretUpload(batch, { kind: 'response', status: 422, body: { error: 'invalid_record', message: 'x' } });
    expect(decision.smallerBatches).toBe(true);
    expect(decision.records.every((r) => r.action === 'retry')).toBe(true);
    const single = interpretUpload(['r1'], { kind: 'response', status: 422, body: { error: 'invalid_record', message: 'x' } });
    expect(single.records[0]).toMatchObject({ action: 'rejected', error: { code: 'invalid_record' } });
  });

  it('splits a batch that is too large, and rejects a single record that is', () => {
    expect(interpretUpload(batch, { kind: 'response', status: 413, body: { error: 'too_large', message: '' } }).smallerBatches).toBe(true);
    expect(interpretUpload(['r1'], { kind: 'response', status: 413, body: null }).records[0]).toMatchObject({ action: 'rejected', error: { code: 'too_large' } });
  });

  it('stops on a revoked device or a refused token without touching the records', () => {
    const revoked = interpretUpload(batch, { kind: 'response', status: 403, body: { error: 'device_revoked', message: 'Revoked.' } });
    expect(revoked).toEqual({ records: [], stop: { code: 'device_revoked', message: 'Revoked.' }, smallerBatches: false });
    const unknown = interpretUpload(batch, { kind: 'response', status: 401, body: { error: 'invalid_token', message: 'Unknown token.' } });
    expect(unknown.stop?.code).toBe('invalid_token');
    expect(unknown.records).toEqual([]);
  });

  it('backs off and stops when the server fails or cannot be reached', () => {
    for (const outcome of [
      { kind: 'response', status: 500, body: { error: 'server_error', message: 'boom' } },
      { kind: 'response', status: 503, body: null },
      { kind: 'network', offline: false, message: 'Failed to fetch' },
      { kind: 'timeout' },
    ] as const) {
      const decision = interpretUpload(batch, outcome);
      expect(decision.stop).not.toBeNull();
      expect(decision.records.map((r) => r.action)).toEqual(['backoff', 'backoff', 'backoff']);
    }
  });

  it('keeps records due when the device is merely offline', () => {
    const decision = interpretUpload(batch, { kind: 'network', offline: true, message: 'offline' });
    expect(decision.stop?.code).toBe('offline');
    expect(decision.records).toEqual([]);
  });
});

describe('outboxChanges', () => {
  const entries = new Map([['r1', entry('r1')], ['r2', entry('r2', { attempts: 2 })], ['r3', entry('r3')], ['r4', entry('r4')]]);

  it('turns decisions into one write per record', () => {
    const changes = outboxChanges(
      entries,
      [
        { id: 'r1', action: 'synced', status: 'stored', receivedAt: '2026-11-29T18:00:01.000Z' },
        { id: 'r2', action: 'backoff', error: { code: 'server_error', message: '' } },
        { id: 'r3', action: 'rejected', error: { code: 'invalid_record', message: '', issues: [{ path: 'hash', message: 'error.hash' }] } },
        { id: 'r4', action: 'retry' },
        { id: 'unknown', action: 'synced', status: 'stored', receivedAt: 'x' },
      ],
      { now: NOW, random: () => 0.5 },
    );
    expect(changes).toEqual([
      { id: 'r1', kind: 'synced', syncedAt: NOW.toISOString(), receivedAt: '2026-11-29T18:00:01.000Z' },
      { id: 'r2', kind: 'update', patch: { attempts: 3, nextAttemptAt: '2026-11-29T18:00:20.000Z', lastError: { code: 'server_error', message: '' } } },
      { id: 'r3', kind: 'update', patch: { state: 'rejected', lastError: { code: 'invalid_record', message: '', issues: [{ path: 'hash', message: 'error.hash' }] } } },
    ]);
  });
});

describe('counts and state', () => {
  it('adds up a run and remembers the last success only when there was one', () => {
    const counts = addCounts(NO_COUNTS, [
      { id: 'a', action: 'synced', status: 'stored', receivedAt: '' },
      { id: 'b', action: 'synced', status: 'duplicate', receivedAt: '' },
      { id: 'c', action: 'conflict', receivedAt: '' },
      { id: 'd', action: 'backoff', error: { code: 'timeout', message: '' } },
    ]);
    expect(counts).toEqual({ sent: 0, stored: 1, duplicate: 1, conflict: 1, rejected: 0, retrying: 1 });
    const result: SyncResult = {
      reason: 'manual', status: 'failed', counts, ordersAdded: 0, shopUpdated: false, minimised: 0,
      error: { code: 'timeout', message: '' }, nextAttemptAt: null, startedAt: 'S', finishedAt: 'F',
    };
    const failed = nextSyncState({ ...EMPTY_SYNC_STATE, lastSuccessAt: 'before' }, result);
    expect(failed).toMatchObject({ lastSuccessAt: 'before', lastAttemptAt: 'S', lastError: { code: 'timeout' } });
    expect(nextSyncState(failed, { ...result, status: 'ok', error: null }).lastSuccessAt).toBe('F');
    expect(nextSyncState(failed, { ...result, status: 'skipped' })).toBe(failed);
  });
});

describe('a tablet the server refuses', () => {
  const result = (status: SyncResult['status'], error: SyncResult['error']): SyncResult => ({
    reason: 'timer', status, counts: NO_COUNTS, ordersAdded: 0, shopUpdated: false, minimised: 0, error, nextAttemptAt: null, startedAt: 'S', finishedAt: 'F',
  });

  it('remembers a refused token until a run gets through, whatever fails in between', () => {
    const refused = nextSyncState(EMPTY_SYNC_STATE, result('failed', { code: 'invalid_token', message: 'Unknown token.' }));
    expect(refused.refused).toEqual({ code: 'invalid_token', at: 'F' });
    expect(nextSyncState(refused, result('failed', { code: 'offline', message: '' })).refused).toEqual({ code: 'invalid_token', at: 'F' });
    expect(nextSyncState(refused, result('refused', { code: 'invalid_token', message: '' }))).toBe(refused);
    expect(nextSyncState(refused, result('ok', null)).refused).toBeNull();
    expect(nextSyncState(EMPTY_SYNC_STATE, result('failed', { code: 'unauthenticated', message: '' })).refused?.code).toBe('unauthenticated');
    expect(nextSyncState(EMPTY_SYNC_STATE, result('failed', { code: 'server_error', message: '' })).refused).toBeNull();
  });

  it('holds back every trigger but "Sync now" while refused or revoked', () => {
    const refused = { code: 'invalid_token' as const, at: 'F' };
    for (const reason of ['start', 'online', 'timer', 'background', 'saved'] as const) {
      expect(heldBack(reason, { revoked: false, refused })?.code, reason).toBe('invalid_token');
      expect(heldBack(reason, { revoked: true, refused: null })?.code, reason).toBe('device_revoked');
      expect(heldBack(reason, { revoked: false, refused: null }), reason).toBeNull();
    }
    expect(heldBack('manual', { revoked: true, refused })).toBeNull();
  });
});

describe('minimisation and warnings', () => {
  const cutoff = minimiseCutoff(NOW, 7);

  it('forgets only acknowledged records older than the shop allows', () => {
    expect(cutoff).toBe('2026-11-22T18:00:00.000Z');
    const synced = { syncedAt: '2026-11-20T10:00:00.000Z', hasRecord: true, inOutbox: false };
    expect(mayMinimise(synced, cutoff)).toBe(true);
    expect(mayMinimise({ ...synced, syncedAt: '2026-11-28T10:00:00.000Z' }, cutoff)).toBe(false);
    expect(mayMinimise({ ...synced, syncedAt: undefined }, cutoff)).toBe(false);
    expect(mayMinimise({ ...synced, inOutbox: true }, cutoff)).toBe(false);
    expect(mayMinimise({ ...synced, minimisedAt: '2026-11-28T10:00:00.000Z' }, cutoff)).toBe(false);
  });

  it('warns when the oldest waiting record is older than the warning days', () => {
    expect(isSyncOverdue(null, NOW, 3)).toBe(false);
    expect(isSyncOverdue('2026-11-27T10:00:00.000Z', NOW, 3)).toBe(false);
    expect(isSyncOverdue('2026-11-26T10:00:00.000Z', NOW, 3)).toBe(true);
  });
});

describe('pulling from the server', () => {
  const pending = (id: string): PendingOrder => ({
    order: { id, number: id, items: [{ description: 'x', quantity: 1, unitPriceCents: 100 }], totalCents: 100, depositCents: 0, currency: 'EUR', pickupDate: '2026-12-01' },
    customer: { name: 'A', street: 'B 1', postalCode: '12345', city: 'C', email: '', mobile: '' },
    createdAt: '2026-11-29T09:00:00.000Z',
  });

  it('adds only orders the tablet does not have, once each', () => {
    expect(newServerOrders(new Set(['o1']), [pending('o1'), pending('o2'), pending('o2')]).map((p) => p.order.id)).toEqual(['o2']);
  });

  it('closes open server orders the server no longer lists, and nothing else', () => {
    const local = [
      { id: 'signed-elsewhere', status: 'open', source: 'server' as const },
      { id: 'still-open', status: 'open', source: 'server' as const },
      { id: 'typed-here', status: 'open', source: 'tablet' as const },
      { id: 'signed-here', status: 'signed', source: 'server' as const },
      { id: 'unknown-origin', status: 'open' },
      { id: 'on-the-kiosk', status: 'open', source: 'server' as const },
    ];
    expect(closedServerOrders(local, new Set(['still-open']), 'on-the-kiosk')).toEqual(['signed-elsewhere']);
    expect(closedServerOrders(local, new Set(['still-open']))).toEqual(['signed-elsewhere', 'on-the-kiosk']);
  });

  it("takes the server's details and newer texts, and keeps the tablet's kiosk settings", () => {
    const local = fixtureShop({ askHealth: false, inactivitySeconds: 120, minimiseAfterDays: 14 });
    const published = { ...local.texts.notice, version: 2, de: 'Neuer Hinweis', en: 'New notice' };
    const server = fixtureShop({ name: 'Optik Neu', askHealth: true, inactivitySeconds: 90, syncWarnDays: 5, texts: { ...local.texts, notice: published } });
    const merged = mergeServerShop(local, server);
    expect(merged.name).toBe('Optik Neu');
    expect(merged.texts.notice).toEqual(published);
    expect(merged).toMatchObject({ askHealth: false, inactivitySeconds: 120, minimiseAfterDays: 14, syncWarnDays: 5 });
    // A text the tablet holds in a newer version is not replaced by an older one.
    const older = mergeServerShop({ ...local, texts: { ...local.texts, notice: { ...published, version: 3 } } }, server);
    expect(older.texts.notice.version).toBe(3);
  });
});

describe('outcomeError', () => {
  it('names what went wrong for every kind of answer', () => {
    expect(outcomeError({ kind: 'response', status: 201, body: {} })).toBeNull();
    expect(outcomeError({ kind: 'response', status: 403, body: { error: 'invalid_code', message: 'Unknown code.' } })).toEqual({ code: 'invalid_code', message: 'Unknown code.' });
    expect(outcomeError({ kind: 'response', status: 403, body: null })?.code).toBe('invalid_token');
    expect(outcomeError({ kind: 'response', status: 401, body: { error: 'whatever', message: '' } })?.code).toBe('unauthenticated');
    expect(outcomeError({ kind: 'response', status: 429, body: { error: 'too_many_attempts', message: 'Wait.' } })?.code).toBe('too_many_attempts');
    expect(outcomeError({ kind: 'response', status: 502, body: '<html>' })?.code).toBe('server_error');
    expect(outcomeError({ kind: 'response', status: 404, body: null })?.code).toBe('not_found');
    expect(outcomeError({ kind: 'network', offline: true, message: '' })?.code).toBe('offline');
    expect(outcomeError({ kind: 'network', offline: false, message: '' })?.code).toBe('unreachable');
  });
});
