/**
 * Migration 5 keeps each linked record's signing time beside its customer link, in UTC with
 * milliseconds: the matcher's "latest signature of this customer" no longer joins every record of
 * theirs, and compares times, not offsets as text.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { SignedRecord } from '../../shared/record';
import { enrolTablet, makeTestApp, newRecord, uploadRecords, type TestApp } from '../test-app';
import { MIGRATIONS } from './migrations';
import { openSqliteStore } from './sqlite-store';

function rows<T = Record<string, unknown>>(file: string, sql: string): T[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

async function upload(t: TestApp, token: string, records: SignedRecord[]): Promise<void> {
  expect((await uploadRecords(t, token, records)).status).toBe(200);
}

describe('migration 5 (signing times beside the customer links)', () => {
  it('fills the time in for links made before it, in UTC with milliseconds, also from an offset SQLite cannot read (+0100)', async () => {
    const t = await makeTestApp();
    const tablet = await enrolTablet(t);
    const record = newRecord({ signedAt: '2026-11-29T10:15:30+0100' });
    await upload(t, tablet.token, [record]);
    t.store.close();
    // As a server before migration 5 left it: no such column, the old index.
    const db = new Database(t.file);
    try {
      db.exec(`CREATE TABLE rc_old (record_id TEXT PRIMARY KEY REFERENCES records (id) ON DELETE CASCADE, customer_id TEXT NOT NULL REFERENCES customers (id));
        INSERT INTO rc_old SELECT record_id, customer_id FROM record_customers; DROP TABLE record_customers; ALTER TABLE rc_old RENAME TO record_customers;
        CREATE INDEX record_customers_by_customer ON record_customers (customer_id);`);
      db.pragma(`user_version = ${MIGRATIONS.length - 1}`);
    } finally {
      db.close();
    }
    openSqliteStore({ file: t.file }).close();
    expect(rows(t.file, 'SELECT record_id, signed_at FROM record_customers')).toEqual([{ record_id: record.id, signed_at: '2026-11-29T09:15:30.000Z' }]);
    expect(rows(t.file, "SELECT sql FROM sqlite_master WHERE name = 'record_customers_by_customer'")).toEqual([
      { sql: 'CREATE INDEX record_customers_by_customer ON record_customers (customer_id, signed_at)' },
    ]);
  });

  it('finds the latest signature by time, not by text, when the records were signed with different offsets', async () => {
    const t = await makeTestApp();
    const tablet = await enrolTablet(t);
    // 10:00 in Berlin is 09:00 UTC. As text, "2026-11-29T10:00:00+01:00" sorts after 09:10Z, which is the later signature.
    const berlin = newRecord({ signedAt: '2026-11-29T10:00:00+01:00' });
    const latest = newRecord({ signedAt: '2026-11-29T09:10:00.000Z', customer: { ...berlin.customer, street: 'Neue Straße 9' } });
    const between = newRecord({ signedAt: '2026-11-29T09:05:00.000Z', customer: { ...berlin.customer, street: 'Alte Gasse 1' } });
    await upload(t, tablet.token, [berlin]);
    await upload(t, tablet.token, [latest]);
    // Signed before the latest one, it arrives last: it only fills in, the latest details stay.
    await upload(t, tablet.token, [between]);
    expect(rows(t.file, 'SELECT street FROM customers')).toEqual([{ street: 'Neue Straße 9' }]);
  });
});
