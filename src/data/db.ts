/**
 * The tablet's IndexedDB database: one typed Dexie subclass. Its version() history is append-only;
 * never edit a published version, add the next one. Only modules in src/data import this file.
 */
import Dexie, { type EntityTable } from 'dexie';
import type { CounterEvent } from '../../shared/consent';
import type { SignedRecord } from '../../shared/record';
import type { PendingOrder, StaffMember } from '../../shared/shop';
import type { OutboxEntry, SyncError } from '../../shared/sync-plan';
import type { KioskSession } from './kiosk-session';

export interface OrderRow {
  id: string;
  status: 'open' | 'signed';
  createdAt: string;
  pending: PendingOrder;
  recordId?: string;
  /** Pulled from the server (closed again when the server no longer lists it) or typed here. */
  source?: 'server' | 'tablet';
}

export interface RecordRow {
  id: string;
  signedAt: string;
  orderId: string;
  /** Kept after minimisation, with the id and the sync receipt, to prove what was signed. */
  orderNumber: string;
  hash: string;
  /** The whole record; removed by minimisation once the server has had it long enough. */
  record?: SignedRecord;
  /**
   * The sync receipt: when this tablet got the server's acknowledgement, and the server's time of
   * receipt. A fresh one waits in `receipts` until the record is due for minimisation; the data
   * functions that hand rows out (src/data/records.ts) put it here.
   */
  syncedAt?: string;
  receivedAt?: string;
  minimisedAt?: string;
}

/**
 * A sync receipt written when the server acknowledges a record: kept apart from the record's row,
 * so that acknowledging a batch writes a few small rows instead of rewriting whole records (tens of
 * KB each). Folded into the record's row (syncedAt, receivedAt) before the record is minimised.
 */
export interface ReceiptRow {
  id: string;
  syncedAt: string;
  receivedAt: string;
}

/** One entry per record waiting for the server; removed only once the server has acknowledged it. */
export type OutboxRow = OutboxEntry;

/**
 * A withdrawal or objection recorded at the counter, and its own upload state: it waits here until
 * the server acknowledges it. The event (with the customer's details) is minimised away some days
 * after that; id, time, action, channels and the receipt stay.
 */
export interface CounterEventRow {
  id: string;
  at: string;
  action: CounterEvent['action'];
  channels: CounterEvent['channels'];
  /** 'pending' waits for the server, 'rejected' was refused by it (422), 'synced' is acknowledged. */
  state: 'pending' | 'rejected' | 'synced';
  attempts: number;
  nextAttemptAt: string;
  lastError?: SyncError;
  event?: CounterEvent;
  syncedAt?: string;
  /** The server's customer id for the event, from its acknowledgement. */
  customerId?: string;
  minimisedAt?: string;
}

export interface SettingRow {
  key: 'shop' | 'deviceId' | 'pinThrottle' | 'device' | 'syncState';
  value: unknown;
}

export interface KioskRow {
  key: 'current';
  session: KioskSession;
}

export class CountersignDb extends Dexie {
  settings!: EntityTable<SettingRow, 'key'>;
  staff!: EntityTable<StaffMember, 'id'>;
  orders!: EntityTable<OrderRow, 'id'>;
  records!: EntityTable<RecordRow, 'id'>;
  outbox!: EntityTable<OutboxRow, 'recordId'>;
  kiosk!: EntityTable<KioskRow, 'key'>;
  receipts!: EntityTable<ReceiptRow, 'id'>;
  counterEvents!: EntityTable<CounterEventRow, 'id'>;

  constructor(name = 'countersign') {
    // "Saved" must mean on disk: Chrome's default (relaxed) may report a commit before the flush.
    super(name, { chromeTransactionDurability: 'strict' });
    this.version(1).stores({
      settings: 'key',
      staff: 'id',
      orders: 'id, status, createdAt',
      records: 'id, signedAt, orderId',
      outbox: 'recordId, queuedAt',
      kiosk: 'key',
    });
    // Sync: the receipt on records, the retry state on the outbox.
    this.version(2)
      .stores({
        records: 'id, signedAt, orderId, syncedAt',
        outbox: 'recordId, queuedAt, state',
      })
      .upgrade(async (tx) => {
        await tx.table('records').toCollection().modify((row: Record<string, unknown>) => {
          const record = row.record as SignedRecord | undefined;
          row.hash ??= record?.hash ?? '';
          row.orderNumber ??= record?.order.number ?? '';
        });
        await tx.table('outbox').toCollection().modify((row: Record<string, unknown>) => {
          row.state ??= 'pending';
          row.nextAttemptAt ??= row.queuedAt;
          if (typeof row.lastError === 'string') row.lastError = { code: 'server_error', message: row.lastError };
        });
      });
    // Withdrawals and objections recorded at the counter, each waiting for the server on its own.
    this.version(3).stores({ counterEvents: 'id, at, state, syncedAt' });
    // Sync receipts in a small table of their own (ReceiptRow); older receipts stay on their records.
    this.version(4).stores({ receipts: 'id, syncedAt' });
  }
}

export const db = new CountersignDb();

