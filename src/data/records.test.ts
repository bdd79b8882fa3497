/**
 * The today list reads each record's sync status from listRecordsSince: a record the server
 * answered "conflict" for says so, it does not "wait". On fake-indexeddb.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { fixtureRecord } from '../../shared/record.fixture';
import { de } from '../i18n/de';
import { en } from '../i18n/en';
import { recordSyncKey } from '../sync/sync-words';
import { db } from './db';
import { listRecordsSince, saveSignedRecord } from './records';
import { applyOutboxChanges } from './sync-queue';

const SINCE = new Date('2026-11-29T00:00:00.000Z');
const at = (hour: number) => `2026-11-29T${String(hour).padStart(2, '0')}:00:00.000Z`;
const WAITING = fixtureRecord({ id: '00000000-0000-4000-8000-0000000000a1', signedAt: at(9) });
const CONFLICT = fixtureRecord({ id: '00000000-0000-4000-8000-0000000000a2', signedAt: at(10) });
const SENT = fixtureRecord({ id: '00000000-0000-4000-8000-0000000000a3', signedAt: at(11) });

beforeEach(async () => {
  await db.delete();
  await db.open();
  for (const r of [WAITING, CONFLICT, SENT]) expect((await saveSignedRecord(r, new Date(r.signedAt))).ok).toBe(true);
  await applyOutboxChanges([
    { id: CONFLICT.id, kind: 'update', patch: { state: 'conflict', lastError: { code: 'conflict', message: 'Another version is stored.' } } },
    { id: SENT.id, kind: 'synced', syncedAt: at(12), receivedAt: at(12) },
  ]);
});
afterAll(() => db.close());

describe("the today list's sync status", () => {
  it('lists each record with its outbox state, beside its receipt', async () => {
    const rows = await listRecordsSince(SINCE);
    expect(rows.map((r) => [r.id, r.outboxState, r.syncedAt])).toEqual([
      [SENT.id, undefined, at(12)],
      [CONFLICT.id, 'conflict', undefined],
      [WAITING.id, 'pending', undefined],
    ]);
    // A page of them carries the state too.
    expect((await listRecordsSince(SINCE, 2)).map((r) => r.outboxState)).toEqual([undefined, 'conflict']);
  });

  it('says "Konflikt – dem Inhaber gemeldet" for a conflict, not that it waits', async () => {
    const words = (await listRecordsSince(SINCE)).map((row) => de[recordSyncKey(row)]);
    expect(words).toEqual(['Übertragen', 'Konflikt – dem Inhaber gemeldet', 'Wartet auf Übertragung']);
    expect(en[recordSyncKey({ outboxState: 'conflict' })]).toBe('Conflict – reported to the owner');
    // A rejected record is still the tablet's to send (after a fix): it waits.
    expect(recordSyncKey({ outboxState: 'rejected' })).toBe('sync.record.waiting');
  });
});
