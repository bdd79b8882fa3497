/**
 * The tablet's IndexedDB database: one typed Dexie subclass. Its version() history is append-only;
 * never edit a published version, add the next one. Only modules in src/data import this file.
 */
import Dexie, { type EntityTable } from 'dexie';
import type { SignedRecord } from '../../shared/record';
import type { PendingOrder, ShopConfig, StaffMember } from '../../shared/shop';
import type { KioskSession } from './kiosk-session';

export interface OrderRow {
  id: string;
  status: 'open' | 'signed';
  createdAt: string;
  pending: PendingOrder;
  recordId?: string;
}

export interface RecordRow {
  id: string;
  signedAt: string;
  orderId: string;
  record: SignedRecord;
}

/** One entry per record waiting for the server; removed only once the server has acknowledged it. */
export interface OutboxRow {
  recordId: string;
  queuedAt: string;
  attempts: number;
  lastError?: string;
}

export interface SettingRow {
  key: 'shop' | 'deviceId' | 'pinThrottle';
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

  constructor(name = 'countersign') {
    super(name);
    this.version(1).stores({
      settings: 'key',
      staff: 'id',
      orders: 'id, status, createdAt',
      records: 'id, signedAt, orderId',
      outbox: 'recordId, queuedAt',
      kiosk: 'key',
    });
  }
}

export const db = new CountersignDb();

export type { ShopConfig };
