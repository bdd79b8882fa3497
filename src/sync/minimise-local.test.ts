/**
 * Minimisation needs only the tablet's own receipts: a revoked tablet, an offline one and one
 * whose order pull keeps failing still drop acknowledged customers' details on time, and never
 * touch a record the server has not acknowledged, nor a conflict (the tablet's evidence).
 */
import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fixtureRecord, fixtureShop } from '../../shared/record.fixture';
import type { SignedRecord } from '../../shared/record';
import { db } from '../data/db';
import { markDeviceRevoked } from '../data/device-registration';
import { saveEnrolment } from '../data/enrolment';
import { getRecord, saveSignedRecord } from '../data/records';
import { setUpShop } from '../data/setup';
import { applyOutboxChanges } from '../data/sync-queue';
import { minimiseLocalRecords } from './minimise-local';
import { syncNow } from './sync-records';

const DAY = 86_400_000;
const SIGNED = new Date('2026-11-01T10:00:00.000Z');
const ACKNOWLEDGED_AT = '2026-11-01T12:00:00.000Z';
const LATER = new Date(SIGNED.getTime() + 10 * DAY);

const recordN = (n: number): SignedRecord => fixtureRecord({ id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}` });
const [ACKED, WAITING, CONFLICT] = [recordN(1), recordN(2), recordN(3)];

beforeEach(async () => {
  await db.delete();
  await db.open();
  await setUpShop({ shop: fixtureShop({ askHealth: false, inactivitySeconds: 120, minimiseAfterDays: 7 }), staff: [{ id: 's1', name: 'Anna', pinHash: 'a'.repeat(64), salt: 'b'.repeat(32) }] });
  await saveEnrolment({ device: { deviceId: 'tablet-1', token: 'token-1', name: 'Theke', enrolledAt: SIGNED.toISOString() }, shop: null, staff: [] });
  for (const r of [ACKED, WAITING, CONFLICT]) expect((await saveSignedRecord(r, SIGNED)).ok).toBe(true);
  await applyOutboxChanges([
    { id: ACKED.id, kind: 'synced', syncedAt: ACKNOWLEDGED_AT, receivedAt: ACKNOWLEDGED_AT },
    { id: CONFLICT.id, kind: 'update', patch: { state: 'conflict', lastError: { code: 'conflict', message: 'Another version.' } } },
  ]);
});
afterEach(() => vi.unstubAllGlobals());
afterAll(() => db.close());

async function expectOnlyAcknowledgedMinimised() {
  expect(await getRecord(ACKED.id)).toBeUndefined();
  expect(await db.records.get(ACKED.id)).toMatchObject({ hash: ACKED.hash, syncedAt: ACKNOWLEDGED_AT, minimisedAt: LATER.toISOString() });
  expect(await getRecord(WAITING.id), 'never acknowledged: kept whole').toEqual(WAITING);
  expect(await getRecord(CONFLICT.id), 'a conflict is the tablet’s evidence: kept whole').toEqual(CONFLICT);
}

describe('minimiseLocalRecords', () => {
  it('on a revoked tablet: the sync is held back, the acknowledged record is minimised all the same', async () => {
    await markDeviceRevoked(SIGNED.toISOString());
    const fetch = vi.fn(() => Promise.reject(new TypeError('Failed to fetch')));
    vi.stubGlobal('fetch', fetch);
    expect((await syncNow({ reason: 'timer', now: () => LATER })).status).toBe('revoked');
    expect(fetch).not.toHaveBeenCalled();

    expect(await minimiseLocalRecords({ now: LATER })).toBe(1);
    await expectOnlyAcknowledgedMinimised();
  });

  it('on an offline tablet: a failed sync run minimises too, and so does the trigger afterwards (once)', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    const result = await syncNow({ reason: 'timer', now: () => LATER });
    expect(result.status).toBe('failed');
    expect(result.minimised).toBe(1);
    expect(await minimiseLocalRecords({ now: LATER })).toBe(0);
    await expectOnlyAcknowledgedMinimised();
  });

  it('when the order pull keeps failing after the uploads: still minimised', async () => {
    vi.stubGlobal('fetch', async (input: string) =>
      String(input).endsWith('/orders')
        ? new Response(JSON.stringify({ error: 'server_error', message: 'Down.' }), { status: 503, headers: { 'content-type': 'application/json' } })
        : new Response(JSON.stringify({ results: [] }), { status: 200, headers: { 'content-type': 'application/json' } }),
    );
    const result = await syncNow({ reason: 'timer', now: () => LATER });
    expect(result).toMatchObject({ status: 'failed', error: { code: 'server_error' }, minimised: 1 });
    await expectOnlyAcknowledgedMinimised();
  });

  it('keeps an acknowledged record younger than the configured days, and never touches unacknowledged ones, however old', async () => {
    expect(await minimiseLocalRecords({ now: new Date(SIGNED.getTime() + 3 * DAY) })).toBe(0);
    expect(await getRecord(ACKED.id)).toEqual(ACKED);
    expect(await minimiseLocalRecords({ now: new Date(SIGNED.getTime() + 400 * DAY) })).toBe(1);
    expect(await getRecord(WAITING.id)).toEqual(WAITING);
    expect(await getRecord(CONFLICT.id)).toEqual(CONFLICT);
  });
});
