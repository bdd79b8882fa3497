/**
 * Row mappers that more than one part of the SQLite store needs: a row as better-sqlite3 returns
 * it, turned into the Store interface's shape.
 */
import type { RecordSummary } from './store';

export type Row = Record<string, unknown>;

/** A records row joined with its device's name (device_name), and capture_device_id from its body. */
export function recordSummary(r: Row): RecordSummary {
  return {
    id: r.id as string,
    hash: r.hash as string,
    deviceId: r.device_id as string,
    deviceName: r.device_name as string,
    receivedAt: r.received_at as string,
    signedAt: r.signed_at as string,
    orderId: r.order_id as string,
    captureDeviceId: (r.capture_device_id as string | null) ?? null,
  };
}
