/**
 * A record the server answered "conflict" for is a state of its own: not waiting, not in the
 * overdue warning, said in plain words, and kept whole on the tablet (never deleted, never
 * minimised, never sent again by itself).
 */
import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fixtureRecord, fixtureShop } from '../../shared/record.fixture';
import type { SignedRecord } from '../../shared/record';
import { isSyncOverdue } from '../../shared/sync-plan';
import { db } from '../data/db';
import { saveEnrolment } from '../data/enrolment';
import { outboxSummary } from '../data/outbox';
import { getRecord, saveSignedRecord } from '../data/records';
import { setUpShop } from '../data/setup';
import { applyOutboxChanges, listSyncProblems, outboxStatus } from '../data/sync-queue';
import { de } from '../i18n/de';
import { en } from '../i18n/en';
import { translate } from '../i18n';
import { minimiseLocalRecords } from './minimise-local';
import { syncNow } from './sync-records';
import { conflictWords } from './sync-words';

const DAY = 86_400_000;
const SIGNED = new Date('2026-11-01T10:00:00.000Z');
const recordN = (n: number): SignedRecord => fixtureRecord({ id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}` });

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** A server that holds another version of every record sent: each one comes back as a conflict. */
function conflictingServer() {
  const uploads: string[][] = [];
  const fetch = async (input: string, init?: RequestInit) => {
    const path = String(input).replace(/.*\/api\/v1/, '');
    if (path === '/records') {
      const text = init?.body instanceof Blob ? await init.body.text() : String(init?.body);
      const ids = (JSON.parse(text) as { records: SignedRecord[] }).records.map((r) => r.id);
      uploads.push(ids);
      return json(200, { results: ids.map((id) => ({ id, status: 'conflict', receivedAt: SIGNED.toISOString() })) });
    }
    if (path === '/orders') return json(200, { orders: [] });
    if (path === '/shop') return json(200, { shop: fixtureShop() });
    return json(404, { error: 'not_found', message: 'No.' });
  };
  return { uploads, fetch };
}

beforeEach(async () => {
  await db.delete();
  await db.open();
  await setUpShop({ shop: fixtureShop({ askHealth: false, inactivitySeconds: 120, minimiseAfterDays: 1 }), staff: [{ id: 's1', name: 'Anna', pinHash: 'a'.repeat(64), salt: 'b'.repeat(32) }] });
  await saveEnrolment({ device: { deviceId: 'tablet-1', token: 'token-1', name: 'Theke', enrolledAt: SIGNED.toISOString() }, shop: null, staff: [] });
});
afterEach(() => vi.unstubAllGlobals());
afterAll(() => db.close());

describe('a conflict on the tablet', () => {
  it('is not waiting after the server answered it, and no trigger sends it again', async () => {
    const record = recordN(1);
    expect((await saveSignedRecord(record, SIGNED)).ok).toBe(true);
    const server = conflictingServer();
    vi.stubGlobal('fetch', server.fetch);

    const later = new Date(SIGNED.getTime() + 5 * DAY);
    const result = await syncNow({ reason: 'manual', now: () => later });
    expect(result).toMatchObject({ status: 'ok', counts: { conflict: 1 }, nextAttemptAt: null });
    expect(await outboxStatus()).toEqual({ waiting: 0, pending: 0, conflict: 1, rejected: 0, oldestQueuedAt: null });
    expect(await outboxSummary()).toEqual({ waiting: 0, oldestQueuedAt: null });
    // Five days old, yet no overdue warning: nothing waits.
    expect(isSyncOverdue((await outboxStatus()).oldestQueuedAt, later, 3)).toBe(false);

    for (const reason of ['timer', 'online', 'start', 'background'] as const) await syncNow({ reason, now: () => new Date(later.getTime() + DAY) });
    expect(server.uploads).toEqual([[record.id]]);

    // Kept whole on the tablet, listed for staff, and never minimised.
    expect(await getRecord(record.id)).toEqual(record);
    expect(await minimiseLocalRecords({ now: new Date(SIGNED.getTime() + 400 * DAY) })).toBe(0);
    expect(await getRecord(record.id)).toEqual(record);
    expect((await listSyncProblems()).map((p) => [p.recordId, p.state])).toEqual([[record.id, 'conflict']]);
  });

  it('leaves the waiting count and its age to the records that really wait', async () => {
    const [old, fresh] = [recordN(1), recordN(2)];
    expect((await saveSignedRecord(old, SIGNED)).ok).toBe(true);
    expect((await saveSignedRecord(fresh, new Date(SIGNED.getTime() + 4 * DAY))).ok).toBe(true);
    await applyOutboxChanges([{ id: old.id, kind: 'update', patch: { state: 'conflict' } }]);
    expect(await outboxStatus()).toEqual({ waiting: 1, pending: 1, conflict: 1, rejected: 0, oldestQueuedAt: new Date(SIGNED.getTime() + 4 * DAY).toISOString() });
    await applyOutboxChanges([{ id: fresh.id, kind: 'update', patch: { state: 'rejected' } }]);
    // A rejected record still waits (staff may send it again); only the conflict stands apart.
    expect(await outboxStatus()).toMatchObject({ waiting: 1, pending: 0, conflict: 1, rejected: 1 });
  });
});

describe('conflictWords', () => {
  it('says nothing without conflicts, and otherwise that the owner has them and the tablet keeps them', () => {
    expect(conflictWords(0)).toBeNull();
    expect(conflictWords(1)).toEqual(['sync.conflict.one']);
    expect(conflictWords(3)).toEqual(['sync.conflict.many', { count: 3 }]);
    expect(translate('de', 'sync.conflict.one')).toBe('1 Konflikt – dem Inhaber gemeldet, bleibt auf diesem Tablet. Er wartet nicht auf die Übertragung.');
    expect(translate('de', 'sync.conflict.many', { count: 3 })).toMatch(/^3 Konflikte – dem Inhaber gemeldet, bleiben auf diesem Tablet\./);
    expect(translate('en', 'sync.conflict.many', { count: 3 })).toMatch(/^3 conflicts – reported to the owner, stay on this tablet\./);
    for (const catalogue of [de, en]) expect(catalogue['sync.conflict.many']).toContain('{count}');
  });
});
