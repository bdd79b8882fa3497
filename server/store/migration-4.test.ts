/**
 * Migration 4 gives the health grants signed before migration 3 their ledger event: the same event
 * the upload writes today, field for field, and none for an erased customer.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { fixtureRecord, fixtureShop } from '../../shared/record.fixture';
import type { SignedRecord } from '../../shared/record';
import type { Channel } from '../../shared/channels';
import { ANNA, BERND, customerIdOf, recordOf, sync, type Person } from '../gdpr/gdpr-fixtures';
import { enrolTablet, makeTestApp } from '../test-app';
import { MIGRATIONS } from './migrations';
import { openSqliteStore, registerMigrationFunctions } from './sqlite-store';

type Row = Record<string, unknown>;

function recordWithHealth(person: Person, channels: Channel[], granted: boolean): SignedRecord {
  const { hash: _hash, ...unsigned } = recordOf(person, channels);
  // A time with an offset, in a form the schema accepts but SQLite's date functions do not read
  // (+0100): the ledger keeps UTC with milliseconds, from an upload and from the backfill alike.
  return fixtureRecord({ ...unsigned, signedAt: '2026-11-29T10:15:30+0100', health: { granted } });
}

const events = (file: string): Row[] => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare("SELECT * FROM consent_events WHERE channel = 'health' ORDER BY id").all() as Row[];
  } finally {
    db.close();
  }
};

/** Back to how a server before migration 3 left it: no health event. */
function asBeforeTheLedgerKnewHealth(file: string): void {
  const db = new Database(file);
  try {
    db.prepare("DELETE FROM consent_events WHERE channel = 'health'").run();
  } finally {
    db.close();
  }
}

/** Migration 4 itself, as the runner executes it. */
function runMigration4(file: string): void {
  const db = new Database(file);
  try {
    registerMigrationFunctions(db);
    db.exec(MIGRATIONS[3]!);
  } finally {
    db.close();
  }
}

describe('migration 4 (health grants signed before the ledger knew them)', () => {
  it('writes the event the upload writes today, once, and none for a no or an erased customer', async () => {
    const t = await makeTestApp({ shop: fixtureShop({ askHealth: true }) });
    const tablet = await enrolTablet(t);
    const records = [recordWithHealth(ANNA, ['email'], true), recordWithHealth(BERND, ['letter'], false), recordWithHealth({ ...ANNA, name: 'Clara Klar', email: 'clara@example.com' }, [], true)];
    await sync(t, tablet.token, records);
    await t.store.erasure.erase({ customerId: await customerIdOf(t, 'clara@example.com'), now: t.clock.now.toISOString(), keepConsents: [] });
    const uploaded = events(t.file).filter((e) => e.action === 'granted');
    expect(uploaded).toHaveLength(1);
    expect(uploaded[0]).toMatchObject({ at: '2026-11-29T09:15:30.000Z', source_id: records[0]!.id, contact: '' });
    t.store.close();

    asBeforeTheLedgerKnewHealth(t.file);
    expect(events(t.file)).toEqual([]);
    runMigration4(t.file);
    const backfilled = events(t.file);
    expect(backfilled.map(({ id: _id, ...e }) => e)).toEqual(uploaded.map(({ id: _id, ...e }) => e));

    // Idempotent: running the step again changes nothing, and the store opens the file as it is.
    runMigration4(t.file);
    expect(events(t.file)).toEqual(backfilled);
    openSqliteStore({ file: t.file }).close();
  });
});
