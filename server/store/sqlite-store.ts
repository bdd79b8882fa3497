/**
 * The Store on one SQLite file through better-sqlite3: WAL so readers never wait for the writer,
 * foreign keys on, and synchronous=FULL because a record acknowledged to a tablet must survive a
 * power cut (the tablet deletes its copy's details later). Migrations run at open, in a transaction.
 */
import Database from 'better-sqlite3';
import { TEXT_KINDS, type ShopConfig, type ShopText, type TextKind } from '../../shared/shop';
import { MIGRATIONS } from './migrations';
import { erasureStore } from './sqlite-erasure';
import { ledgerStore, ledgerTime, ledgerWriter } from './sqlite-ledger';
import { mailStore } from './sqlite-mail';
import { ownerStore } from './sqlite-owner';
import { recordSummary, type Row } from './sqlite-rows';
import type { ApiKeyRow, ConflictSummary, OrderPushResult, DeviceRow, EnrolmentCodeRow, RecordSaveResult, Store, TextVersionRow } from './store';

export const DATABASE_FILE = 'countersign.sqlite';

export class StoreError extends Error {
  override name = 'StoreError';
}

/** Opens (or creates) the database file and brings its schema up to date. */
export function openSqliteStore({ file, migrations = MIGRATIONS }: { file: string; migrations?: readonly string[] }): Store {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = FULL');
    migrate({ db, migrations });
  } catch (error) {
    db.close();
    if (error instanceof StoreError) throw error;
    throw new StoreError(`cannot open the database ${file}: ${(error as Error).message}`);
  }
  return sqliteStore(db);
}

/** Applies the migrations this file has not seen yet, all or none. Returns the new version. */
/**
 * SQL functions the migrations use: ledger_time(t) is ledgerTime (sqlite-ledger.ts), the very form
 * an upload writes (UTC with milliseconds; any form the record schema accepts, which SQLite's own
 * date functions do not all read), so a backfill writes exactly what an upload would.
 */
export function registerMigrationFunctions(db: Database.Database): void {
  db.function('ledger_time', { deterministic: true }, (t: unknown) => (typeof t === 'string' ? ledgerTime(t) : null));
}

export function migrate({ db, migrations }: { db: Database.Database; migrations: readonly string[] }): number {
  registerMigrationFunctions(db);
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new StoreError(`the database has schema version ${current}, but this countersign knows only ${migrations.length}: it was made by a newer version. Update countersign.`);
  }
  db.transaction(() => {
    for (let version = current; version < migrations.length; version++) {
      db.exec(migrations[version]!);
      db.pragma(`user_version = ${version + 1}`);
    }
  }).immediate();
  return migrations.length;
}


function sqliteStore(db: Database.Database): Store {
  const one = <T>(sql: string) => {
    const statement = db.prepare(sql);
    return (...params: unknown[]) => statement.get(...params) as T | undefined;
  };
  const all = <T>(sql: string) => {
    const statement = db.prepare(sql);
    return (...params: unknown[]) => statement.all(...params) as T[];
  };
  const run = (sql: string) => {
    const statement = db.prepare(sql);
    return (...params: unknown[]) => statement.run(...params);
  };

  const device = (r: Row): DeviceRow => ({
    id: r.id as string,
    name: r.name as string,
    tokenHash: r.token_hash as string,
    enrolledAt: r.enrolled_at as string,
    lastSeenAt: (r.last_seen_at as string | null) ?? null,
    revokedAt: (r.revoked_at as string | null) ?? null,
  });
  const code = (r: Row): EnrolmentCodeRow => ({
    codeHash: r.code_hash as string,
    note: r.note as string,
    createdAt: r.created_at as string,
    expiresAt: r.expires_at as string,
    maxUses: r.max_uses as number,
    usedCount: r.used_count as number,
  });
  const apiKey = (r: Row): ApiKeyRow => ({
    id: r.id as string,
    name: r.name as string,
    keyHash: r.key_hash as string,
    createdAt: r.created_at as string,
    revokedAt: (r.revoked_at as string | null) ?? null,
  });

  const q = {
    createCode: run('INSERT INTO enrolment_codes (code_hash, note, created_at, expires_at, max_uses, used_count) VALUES (?, ?, ?, ?, ?, ?)'),
    renewCode: run(`INSERT INTO enrolment_codes (code_hash, note, created_at, expires_at, max_uses, used_count) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (code_hash) DO UPDATE SET note = excluded.note, created_at = excluded.created_at, expires_at = excluded.expires_at,
        max_uses = excluded.max_uses, used_count = excluded.used_count`),
    openCodes: all<Row>('SELECT * FROM enrolment_codes WHERE expires_at > ? AND used_count < max_uses ORDER BY created_at DESC'),
    useCode: run('UPDATE enrolment_codes SET used_count = used_count + 1 WHERE code_hash = ? AND expires_at > ? AND used_count < max_uses'),
    insertDevice: run('INSERT INTO devices (id, name, token_hash, enrolled_at) VALUES (?, ?, ?, ?)'),

    deviceByToken: one<Row>('SELECT * FROM devices WHERE token_hash = ?'),
    device: one<Row>('SELECT * FROM devices WHERE id = ?'),
    devices: all<Row>('SELECT * FROM devices ORDER BY enrolled_at DESC'),
    touchDevice: run('UPDATE devices SET last_seen_at = ? WHERE id = ?'),
    revokeDevice: run('UPDATE devices SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),

    shop: one<Row>('SELECT body FROM shop WHERE id = 1'),
    insertShop: run('INSERT INTO shop (id, body, created_at) VALUES (1, ?, ?)'),
    latestTexts: all<Row>(`SELECT * FROM text_versions t WHERE version = (SELECT MAX(version) FROM text_versions WHERE kind = t.kind)`),
    latestText: one<Row>('SELECT * FROM text_versions WHERE kind = ? ORDER BY version DESC LIMIT 1'),
    insertText: run('INSERT INTO text_versions (kind, version, text_id, de, en, published_at) VALUES (?, ?, ?, ?, ?, ?)'),
    textHistory: all<Row>('SELECT * FROM text_versions ORDER BY kind, version DESC'),

    record: one<Row>('SELECT hash, received_at FROM records WHERE id = ?'),
    insertRecord: run('INSERT INTO records (id, hash, device_id, received_at, signed_at, order_id, body) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    conflict: one<Row>('SELECT received_at FROM record_conflicts WHERE record_id = ? AND hash = ?'),
    insertConflict: run('INSERT INTO record_conflicts (record_id, hash, device_id, received_at, body) VALUES (?, ?, ?, ?, ?)'),
    signOrder: run("UPDATE orders SET status = 'signed', signed_record_id = ? WHERE id = ? AND status = 'open'"),
    countRecords: one<{ n: number }>('SELECT COUNT(*) AS n FROM records'),
    recentRecords: all<Row>(`SELECT r.id, r.hash, r.device_id, d.name AS device_name, r.received_at, r.signed_at, r.order_id,
        json_extract(r.body, '$.capture.deviceId') AS capture_device_id
      FROM records r JOIN devices d ON d.id = r.device_id ORDER BY r.received_at DESC, r.rowid DESC LIMIT ?`),
    recordBody: one<Row>('SELECT body FROM records WHERE id = ?'),
    conflicts: all<Row>(`SELECT c.record_id, r.hash AS stored_hash, rd.name AS stored_device, r.received_at AS stored_received_at,
        c.hash, cd.name AS device, c.received_at
      FROM record_conflicts c JOIN records r ON r.id = c.record_id
      JOIN devices rd ON rd.id = r.device_id JOIN devices cd ON cd.id = c.device_id
      ORDER BY c.received_at DESC, c.id DESC LIMIT ?`),
    countConflicts: one<{ n: number }>('SELECT COUNT(*) AS n FROM record_conflicts'),

    order: one<Row>('SELECT body, status, signed_record_id FROM orders WHERE id = ?'),
    recordForOrder: one<Row>('SELECT id FROM records WHERE order_id = ? ORDER BY received_at LIMIT 1'),
    insertOrder: run('INSERT INTO orders (id, body, status, created_at, received_at, signed_record_id) VALUES (?, ?, ?, ?, ?, ?)'),
    openOrders: all<Row>("SELECT body FROM orders WHERE status = 'open' ORDER BY created_at, id"),

    createApiKey: run('INSERT INTO api_keys (id, name, key_hash, created_at) VALUES (?, ?, ?, ?)'),
    apiKeyByHash: one<Row>('SELECT * FROM api_keys WHERE key_hash = ?'),
    apiKeys: all<Row>('SELECT * FROM api_keys ORDER BY created_at DESC'),
    revokeApiKey: run('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
  };

  const shopText = (r: Row): ShopText => ({ id: r.text_id as string, version: r.version as number, de: r.de as string, en: r.en as string });

  const ledger = ledgerWriter(db);
  const saveRecords = db.transaction(({ deviceId, receivedAt, records }: Parameters<Store['records']['save']>[0]): RecordSaveResult[] =>
    records.map((record) => {
      const existing = q.record(record.id);
      if (!existing) {
        q.insertRecord(record.id, record.hash, deviceId, receivedAt, record.signedAt, record.orderId, record.body);
        q.signOrder(record.id, record.orderId);
        ledger.recordStored({ record: record.record, deviceId, receivedAt });
        return { id: record.id, status: 'stored', receivedAt };
      }
      if (existing.hash === record.hash) return { id: record.id, status: 'duplicate', receivedAt: existing.received_at as string };
      const keptAside = q.conflict(record.id, record.hash);
      if (keptAside) return { id: record.id, status: 'conflict', receivedAt: keptAside.received_at as string };
      q.insertConflict(record.id, record.hash, deviceId, receivedAt, record.body);
      return { id: record.id, status: 'conflict', receivedAt };
    }),
  );

  const redeem = db.transaction(({ codeHash, now, device: d }: Parameters<Store['enrolment']['redeem']>[0]): boolean => {
    if (q.useCode(codeHash, now).changes !== 1) return false;
    q.insertDevice(d.id, d.name, d.tokenHash, d.enrolledAt);
    return true;
  });

  const createShop = db.transaction(({ shop, now }: { shop: ShopConfig; now: string }): boolean => {
    if (q.shop()) return false;
    const { texts, ...rest } = shop;
    q.insertShop(JSON.stringify(rest), now);
    for (const kind of TEXT_KINDS) q.insertText(kind, texts[kind].version, texts[kind].id, texts[kind].de, texts[kind].en, now);
    return true;
  });

  const publishText = db.transaction(({ kind, de, en, now }: { kind: TextKind; de: string; en: string; now: string }): ShopText | null => {
    const latest = q.latestText(kind);
    if (!q.shop() || !latest) return null;
    const version = (latest.version as number) + 1;
    q.insertText(kind, version, latest.text_id, de, en, now);
    return { id: latest.text_id as string, version, de, en };
  });

  const pushOrder = db.transaction(({ id, body, createdAt, now }: Parameters<Store['orders']['push']>[0]): OrderPushResult => {
    const existing = q.order(id);
    if (existing) return existing.body === body ? 'same' : 'different';
    // A tablet may have synced the signed record before the shop's software pushed its order.
    const signedBy = q.recordForOrder(id)?.id as string | undefined;
    q.insertOrder(id, body, signedBy ? 'signed' : 'open', createdAt, now, signedBy ?? null);
    return 'created';
  });

  return {
    ...ledgerStore(db),
    ...mailStore(db),
    ...erasureStore(db),
    ...ownerStore(db),
    enrolment: {
      async createCode(c) {
        q.createCode(c.codeHash, c.note, c.createdAt, c.expiresAt, c.maxUses, c.usedCount);
      },
      async listOpenCodes({ now }) {
        return q.openCodes(now).map(code);
      },
      async renewCode(c) {
        q.renewCode(c.codeHash, c.note, c.createdAt, c.expiresAt, c.maxUses, c.usedCount);
      },
      async redeem(o) {
        return redeem.immediate(o);
      },
    },
    devices: {
      async findByTokenHash({ tokenHash }) {
        const r = q.deviceByToken(tokenHash);
        return r ? device(r) : null;
      },
      async get({ id }) {
        const r = q.device(id);
        return r ? device(r) : null;
      },
      async list() {
        return q.devices().map(device);
      },
      async touch({ id, now }) {
        q.touchDevice(now, id);
      },
      async revoke({ id, now }) {
        return q.revokeDevice(now, id).changes === 1;
      },
    },
    shop: {
      async get() {
        const row = q.shop();
        if (!row) return null;
        const texts = Object.fromEntries(q.latestTexts().map((r) => [r.kind as TextKind, shopText(r)])) as ShopConfig['texts'];
        return { ...(JSON.parse(row.body as string) as Omit<ShopConfig, 'texts'>), texts };
      },
      async create(o) {
        return createShop.immediate(o);
      },
      async publishText(o) {
        return publishText.immediate(o);
      },
      async textHistory() {
        return q.textHistory().map(
          (r): TextVersionRow => ({
            kind: r.kind as TextKind,
            id: r.text_id as string,
            version: r.version as number,
            de: r.de as string,
            en: r.en as string,
            publishedAt: r.published_at as string,
          }),
        );
      },
    },
    records: {
      async save(o) {
        return saveRecords.immediate(o);
      },
      async count() {
        return q.countRecords()!.n;
      },
      async recent({ limit }) {
        return q.recentRecords(limit).map(recordSummary);
      },
      async body({ id }) {
        return (q.recordBody(id)?.body as string | undefined) ?? null;
      },
      async conflicts({ limit }) {
        return q.conflicts(limit).map(
          (r): ConflictSummary => ({
            recordId: r.record_id as string,
            stored: { hash: r.stored_hash as string, deviceName: r.stored_device as string, receivedAt: r.stored_received_at as string },
            other: { hash: r.hash as string, deviceName: r.device as string, receivedAt: r.received_at as string },
          }),
        );
      },
      async countConflicts() {
        return q.countConflicts()!.n;
      },
    },
    orders: {
      async push(o) {
        return pushOrder.immediate(o);
      },
      async listOpen() {
        return q.openOrders().map((r) => r.body as string);
      },
      async status({ id }) {
        const r = q.order(id);
        return r ? { status: r.status as 'open' | 'signed', signedRecordId: (r.signed_record_id as string | null) ?? null } : null;
      },
    },
    apiKeys: {
      async create(k) {
        q.createApiKey(k.id, k.name, k.keyHash, k.createdAt);
      },
      async findByHash({ keyHash }) {
        const r = q.apiKeyByHash(keyHash);
        return r ? apiKey(r) : null;
      },
      async list() {
        return q.apiKeys().map(apiKey);
      },
      async revoke({ id, now }) {
        return q.revokeApiKey(now, id).changes === 1;
      },
    },
    close() {
      if (db.open) db.close();
    },
  };
}
