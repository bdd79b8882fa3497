/**
 * Orders waiting to be signed, as the kiosk and staff read them. No schema here: this module is on
 * the kiosk's start path. New orders are validated and written by create-order.ts.
 */
import { db, type OrderRow } from './db';

export type { OrderRow };

export async function listOpenOrders(): Promise<OrderRow[]> {
  const rows = await db.orders.where('status').equals('open').toArray();
  return rows.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export async function getOrder(id: string): Promise<OrderRow | undefined> {
  return db.orders.get(id);
}

/** Order numbers like 2026-1129-042: the date and a counter for the day, readable at the counter. */
export async function nextOrderNumber(now = new Date()): Promise<string> {
  const day = now.toISOString().slice(0, 10);
  const today = await db.orders.where('createdAt').startsWith(day).count();
  return `${day.replace(/-/g, '').slice(0, 4)}-${day.slice(5, 7)}${day.slice(8, 10)}-${String(today + 1).padStart(3, '0')}`;
}
