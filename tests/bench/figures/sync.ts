/**
 * Figure 5: sync of 1,000 and of 10,000 records from the tablet to the local backend: the app's
 * sync engine (as "Jetzt synchronisieren" runs it) against the real server process, every record
 * a copy of one the kiosk saved (with its PNG and strokes), each sealed under its own id. Records
 * per second and the total time. Floor: raw better-sqlite3 inserts of the same rows (read back
 * from the server's database) into a new file with the server's schema, in one transaction.
 * Also the server's bytes per record (file size ÷ records) beside the floor file's.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { BrowserContext } from '@playwright/test';
import type { SignedRecord } from '../../../shared/record';
import { migrate } from '../../../server/store/sqlite-store';
import { MIGRATIONS } from '../../../server/store/migrations';
import { onCleanup } from '../cleanup';
import { cpuMs, cpuPer } from '../cpu';
import { openLab } from '../lab';
import type { Row } from '../table';

const SIZES = [1_000, 10_000];

interface ServerRow {
  id: string;
  hash: string;
  device_id: string;
  received_at: string;
  signed_at: string;
  order_id: string;
  body: string;
}

export interface SyncResult {
  rows: Row[];
  serverBytesPerRecord: number;
  floorBytesPerRecord: number;
  serverRecords: number;
}

export async function measureSync(context: BrowserContext, base: string, options: { dataDir: string; template: SignedRecord; serverPid: number }): Promise<SyncResult> {
  const serverFile = join(options.dataDir, 'countersign.sqlite');
  const floorDir = mkdtempSync(join(tmpdir(), 'countersign-bench-floor-'));
  onCleanup('sqlite floor', async () => rmSync(floorDir, { recursive: true, force: true }));
  const floor = openFloor(join(floorDir, 'floor.sqlite'), serverFile);
  const lab = await openLab(context, base);
  const rows: Row[] = [];
  try {
    for (const n of SIZES) {
      const tag = n.toString(16).padStart(8, '0');
      // Background syncs after the save figure's records must be over, or they would send ours.
      await lab.call('waitForSyncIdle');
      await lab.call('clearRecords');
      await lab.call('seedOutbox', { n, template: options.template, tag });
      const before = cpuMs(options.serverPid);
      const run = await lab.call('syncRun');
      const cpu = cpuPer(before, cpuMs(options.serverPid), n);
      if (run.status !== 'ok' || run.stored !== n) throw new Error(`sync of ${n}: ${run.status}, ${run.stored} stored, ${run.error ?? ''}`);
      const stored = readServerRows(serverFile, `${tag}-`);
      if (stored.length !== n) throw new Error(`the server holds ${stored.length} of ${n} records`);
      const floorMs = floor.insert(stored);
      const rate = (n / run.ms) * 1000;
      rows.push({
        id: n === SIZES[0] ? '5a' : '5b',
        figure: `Sync of ${n.toLocaleString('en-US')} records, tablet → local server: ${(run.ms / 1000).toFixed(1)} s in all`,
        value: rate,
        unit: 'records/s',
        note: `CPU per record: ${cpu.map(([kind, ms]) => `${kind} ${ms.toFixed(2)} ms`).join(', ')} (${cpu.reduce((sum, [, ms]) => sum + ms, 0).toFixed(2)} ms in all)`,
        floor: { what: `raw better-sqlite3 inserts of the same rows, one transaction (${floorMs.toFixed(0)} ms)`, value: (n / floorMs) * 1000 },
        budget: { text: '≥ 1,000 records/s', met: rate >= 1000 },
      });
    }
    await lab.call('clearRecords');
  } finally {
    await lab.page.close();
  }
  const server = fileBytesPerRecord(serverFile);
  const floorBytes = floor.close();
  return { rows, serverBytesPerRecord: server.bytes, serverRecords: server.records, floorBytesPerRecord: floorBytes };
}

function readServerRows(file: string, prefix: string): ServerRow[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT * FROM records WHERE id >= ? AND id < ? ORDER BY rowid').all(prefix, `${prefix}\uffff`) as ServerRow[];
  } finally {
    db.close();
  }
}

/** A database file with the server's schema and pragmas, and the device the rows name. */
function openFloor(file: string, serverFile: string) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = FULL');
  migrate({ db, migrations: MIGRATIONS });
  const insert = db.prepare('INSERT INTO records (id, hash, device_id, received_at, signed_at, order_id, body) VALUES (?, ?, ?, ?, ?, ?, ?)');
  let devicesCopied = false;
  let count = 0;
  return {
    /** ms for the one transaction */
    insert(rows: ServerRow[]): number {
      if (!devicesCopied) {
        const server = new Database(serverFile, { readonly: true });
        const devices = server.prepare('SELECT * FROM devices').all() as Array<Record<string, unknown>>;
        server.close();
        const add = db.prepare('INSERT INTO devices (id, name, token_hash, enrolled_at, last_seen_at, revoked_at) VALUES (@id, @name, @token_hash, @enrolled_at, @last_seen_at, @revoked_at)');
        for (const device of devices) add.run(device);
        devicesCopied = true;
      }
      const t0 = performance.now();
      db.transaction(() => {
        for (const r of rows) insert.run(r.id, r.hash, r.device_id, r.received_at, r.signed_at, r.order_id, r.body);
      })();
      count += rows.length;
      return performance.now() - t0;
    },
    /** bytes per record of the file, once its WAL is folded in */
    close(): number {
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
      return statSync(file).size / count;
    },
  };
}

/** The server's file size ÷ its records, after folding the WAL in (a connection of our own). */
function fileBytesPerRecord(file: string): { bytes: number; records: number } {
  const db = new Database(file);
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma('wal_checkpoint(TRUNCATE)');
    const { n } = db.prepare('SELECT COUNT(*) AS n FROM records').get() as { n: number };
    return { bytes: statSync(file).size / n, records: n };
  } finally {
    db.close();
  }
}
