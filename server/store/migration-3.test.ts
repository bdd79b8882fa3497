/**
 * Migration 3 rebuilds consent_events to let 'health' in: a database at migration 2 with a ledger
 * in it upgrades with every row, id, index and key intact, and the ids go on after the highest
 * ever given (erasure deletes events).
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test-site';
import { MIGRATIONS } from './migrations';
import { DATABASE_FILE, migrate, openSqliteStore } from './sqlite-store';

type Row = Record<string, unknown>;

/** A database file at migration 2, made with the migrations alone (today's store needs the later columns). */
function atVersion2(file: string): void {
  const db = new Database(file);
  try {
    migrate({ db, migrations: MIGRATIONS.slice(0, 2) });
  } finally {
    db.close();
  }
}

/** A database at migration 2 with customers, records and a ledger of every kind of event. */
async function databaseAtVersion2(): Promise<string> {
  const file = join(await tempDir(), DATABASE_FILE);
  const db = new Database(file);
  migrate({ db, migrations: MIGRATIONS.slice(0, 2) });
  try {
    db.pragma('foreign_keys = ON');
    db.exec(`
      INSERT INTO devices (id, name, token_hash, enrolled_at) VALUES ('dev-1', 'Theke 1', 'hash-1', '2026-01-01T00:00:00.000Z');
      INSERT INTO records (id, hash, device_id, received_at, signed_at, order_id, body)
        VALUES ('rec-1', 'h1', 'dev-1', '2026-02-01T10:00:00.000Z', '2026-02-01T09:59:00.000Z', 'order-1', '{}'),
               ('rec-2', 'h2', 'dev-1', '2026-03-01T10:00:00.000Z', '2026-03-01T09:59:00.000Z', 'order-2', '{}');
      INSERT INTO customers (id, name, email, created_at, updated_at) VALUES ('cus-1', 'Anna', 'anna@example.com', '2026-02-01T10:00:00.000Z', '2026-02-01T10:00:00.000Z'),
        ('cus-2', 'Bernd', 'bernd@example.com', '2026-03-01T10:00:00.000Z', '2026-03-01T10:00:00.000Z');
      INSERT INTO record_customers (record_id, customer_id) VALUES ('rec-1', 'cus-1'), ('rec-2', 'cus-2');
      INSERT INTO consent_events (customer_id, channel, action, route, at, recorded_at, record_id, notice_version, text_version, text_sha256, contact, device_id, staff_id, source_id, note)
      VALUES
        ('cus-1', 'email', 'granted', 'signature', '2026-02-01T09:59:00.000Z', '2026-02-01T10:00:00.000Z', 'rec-1', 1, 2, '${'a'.repeat(64)}', 'anna@example.com', 'dev-1', 'staff-1', 'rec-1', ''),
        ('cus-1', 'email', 'confirmed', 'email-link', '2026-02-01T11:00:00.000Z', '2026-02-01T11:00:00.000Z', NULL, NULL, NULL, NULL, 'anna@example.com', NULL, NULL, 'jti-1', ''),
        ('cus-1', 'letter', 'objected', 'counter', '2026-02-02T08:00:00.000Z', '2026-02-02T08:05:00.000Z', NULL, NULL, NULL, NULL, 'Anna, Weg 1, 80336 München', 'dev-1', 'staff-2', 'evt-1', 'am Telefon'),
        ('cus-2', 'sms', 'granted', 'signature', '2026-03-01T09:59:00.000Z', '2026-03-01T10:00:00.000Z', 'rec-2', 1, 1, '${'b'.repeat(64)}', '+491701234567', 'dev-1', 'staff-1', 'rec-2', ''),
        ('cus-2', 'sms', 'withdrawn', 'owner', '2026-03-02T09:00:00.000Z', '2026-03-02T09:00:00.000Z', NULL, NULL, NULL, NULL, '', NULL, NULL, 'owner:x', 'Art. 17'),
        ('cus-2', 'letter', 'granted', 'signature', '2026-03-01T09:59:00.000Z', '2026-03-01T10:00:00.000Z', 'rec-2', 1, 1, '${'c'.repeat(64)}', 'Bernd', 'dev-1', 'staff-1', 'rec-2', '');
      -- As an erasure does: the highest ids are gone, the sequence remembers them.
      DELETE FROM consent_events WHERE id = 6;
      INSERT INTO retention_holds (customer_id, item_kind, item_id, reason, keep_until, created_at)
        VALUES ('cus-2', 'order-confirmation', 'rec-2', '§ 257 HGB', '2032-12-31', '2026-03-02T09:00:00.000Z');
    `);
  } finally {
    db.close();
  }
  return file;
}

const read = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as Row[]).map((r) => r.name as string);
    return {
      version: db.pragma('user_version', { simple: true }),
      rows: Object.fromEntries(tables.map((name) => [name, db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all()])),
      indexes: db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'consent_events' ORDER BY name").all() as Row[],
      foreignKeys: db.prepare("SELECT * FROM pragma_foreign_key_list('consent_events') ORDER BY id, seq").all() as Row[],
      sequence: db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'consent_events'").pluck().get() as number,
    };
  } finally {
    db.close();
  }
};

describe('migration 3 (health consent in the ledger)', () => {
  it('upgrades a database at migration 2 with every row intact, and keeps the indexes and keys', async () => {
    const file = await databaseAtVersion2();
    const before = read(file);
    expect(before.version).toBe(2);
    expect(before.rows.consent_events).toHaveLength(5);

    openSqliteStore({ file }).close();
    const after = read(file);
    expect(after.version).toBe(MIGRATIONS.length);
    // Migration 5 adds each link's signing time (from the record); everything else is as it was.
    const { record_customers: links, ...rest } = after.rows;
    const { record_customers: linksBefore, ...restBefore } = before.rows;
    expect(rest).toEqual(restBefore);
    expect(links).toEqual((linksBefore as Row[]).map((l) => ({ ...l, signed_at: l.record_id === 'rec-1' ? '2026-02-01T09:59:00.000Z' : '2026-03-01T09:59:00.000Z' })));
    expect(after.indexes.map((i) => i.name)).toEqual(['consent_events_by_channel', 'consent_events_by_customer', 'sqlite_autoindex_consent_events_1']);
    expect(after.indexes).toEqual(before.indexes);
    expect(after.foreignKeys).toEqual(before.foreignKeys);
    expect(after.sequence).toBe(6);

    const db = new Database(file);
    try {
      db.pragma('foreign_keys = ON');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const insert = db.prepare(`INSERT INTO consent_events (customer_id, channel, action, route, at, recorded_at, source_id) VALUES ('cus-1', 'health', ?, 'signature', '2026-04-01T10:00:00.000Z', '2026-04-01T10:00:00.000Z', ?)`);
      // The ids go on after the highest ever given, not after the highest left.
      expect(insert.run('granted', 'rec-3').lastInsertRowid).toBe(7);
      expect(insert.run('withdrawn', 'evt-2').changes).toBe(1);
      expect(() => insert.run('objected', 'evt-3')).toThrow(/CHECK constraint failed/);
      expect(() => insert.run('confirmed', 'evt-4')).toThrow(/CHECK constraint failed/);
      expect(() => db.prepare(`INSERT INTO consent_events (customer_id, channel, action, route, at, recorded_at) VALUES ('cus-1', 'fax', 'granted', 'owner', 'x', 'x')`).run()).toThrow(/CHECK constraint failed/);
      // The keys still hold: no unknown customer, and a deleted record leaves its events (record_id NULL).
      expect(() => db.prepare(`INSERT INTO consent_events (customer_id, channel, action, route, at, recorded_at) VALUES ('nobody', 'letter', 'granted', 'owner', 'x', 'x')`).run()).toThrow(/FOREIGN KEY/);
      db.prepare("DELETE FROM record_customers WHERE record_id = 'rec-1'").run();
      db.prepare("DELETE FROM records WHERE id = 'rec-1'").run();
      expect(db.prepare("SELECT record_id FROM consent_events WHERE id = 1").pluck().get()).toBeNull();
    } finally {
      db.close();
    }
  });

  it('upgrades an empty ledger too, and the store reads the migrated ledger', async () => {
    const file = join(await tempDir(), DATABASE_FILE);
    atVersion2(file);
    openSqliteStore({ file }).close();
    expect(read(file).rows.consent_events).toEqual([]);

    const upgraded = await databaseAtVersion2();
    const store = openSqliteStore({ file: upgraded });
    try {
      const history = await store.consents.history({ customerId: 'cus-1' });
      expect(history.map((e) => [e.id, e.channel, e.action, e.route])).toEqual([
        [1, 'email', 'granted', 'signature'],
        [2, 'email', 'confirmed', 'email-link'],
        [3, 'letter', 'objected', 'counter'],
      ]);
    } finally {
      store.close();
    }
  });
});
