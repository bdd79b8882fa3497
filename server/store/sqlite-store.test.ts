import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { fixtureShop } from '../../shared/record.fixture';
import { tempDir } from '../test-site';
import { MIGRATIONS } from './migrations';
import { DATABASE_FILE, openSqliteStore, StoreError } from './sqlite-store';

const inspect = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return {
      version: db.pragma('user_version', { simple: true }),
      journal: db.pragma('journal_mode', { simple: true }),
      tables: (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as Array<{ name: string }>).map((t) => t.name),
    };
  } finally {
    db.close();
  }
};

describe('openSqliteStore', () => {
  it('creates the schema on an empty file, in WAL mode', async () => {
    const file = join(await tempDir(), DATABASE_FILE);
    const store = openSqliteStore({ file });
    store.close();
    expect(inspect(file)).toEqual({
      version: MIGRATIONS.length,
      journal: 'wal',
      tables: ['api_keys', 'consent_events', 'customers', 'devices', 'enrolment_codes', 'erasures', 'mail_outbox', 'orders', 'owner', 'owner_sessions', 'record_conflicts', 'record_customers', 'records', 'retention_holds', 'settings', 'shop', 'text_versions', 'used_tokens'],
    });
  });

  it('re-opens a database without migrating it again, and keeps its data', async () => {
    const file = join(await tempDir(), DATABASE_FILE);
    const first = openSqliteStore({ file });
    expect(await first.shop.create({ shop: fixtureShop(), now: '2026-11-29T10:00:00.000Z' })).toBe(true);
    first.close();
    const again = openSqliteStore({ file });
    expect((await again.shop.get())?.name).toBe('Optik Beispiel');
    expect(await again.records.count()).toBe(0);
    again.close();
    expect(inspect(file).version).toBe(MIGRATIONS.length);
  });

  it('applies a later migration on the next start', async () => {
    const file = join(await tempDir(), DATABASE_FILE);
    openSqliteStore({ file }).close();
    const later = [...MIGRATIONS, 'ALTER TABLE devices ADD COLUMN note TEXT'];
    openSqliteStore({ file, migrations: later }).close();
    expect(inspect(file).version).toBe(later.length);
  });

  it('applies migrations all or none', async () => {
    const file = join(await tempDir(), DATABASE_FILE);
    openSqliteStore({ file }).close();
    const broken = [...MIGRATIONS, 'CREATE TABLE half_done (id INTEGER)', 'THIS IS NOT SQL'];
    expect(() => openSqliteStore({ file, migrations: broken })).toThrow(StoreError);
    expect(inspect(file)).toMatchObject({ version: MIGRATIONS.length });
    expect(inspect(file).tables).not.toContain('half_done');
  });

  it('refuses a database made by a newer countersign', async () => {
    const file = join(await tempDir(), DATABASE_FILE);
    openSqliteStore({ file, migrations: [...MIGRATIONS, 'SELECT 1'] }).close();
    expect(() => openSqliteStore({ file })).toThrow(/newer version/);
  });

  it('refuses a file that is not a database, with a clear message', async () => {
    const dir = await tempDir();
    const file = join(dir, DATABASE_FILE);
    await writeFile(file, 'not a database, just text that is long enough to have a header');
    expect(() => openSqliteStore({ file })).toThrow(/cannot open the database/);
  });
});
