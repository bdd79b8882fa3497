/** A new order, typed by staff on the tablet (works offline): validated in full, then stored. */
import { parseWith } from '../../shared/record';
import { PendingOrderSchema, type PendingOrder } from '../../shared/shop';
import { db, type OrderRow } from './db';

export async function createOrder(pending: PendingOrder): Promise<OrderRow> {
  const parsed = parseWith(PendingOrderSchema, pending);
  if (!parsed.ok) throw Object.assign(new Error(parsed.issues[0]!.message), { issues: parsed.issues });
  // Marked as typed here, so a sync never closes it for missing from the server's list.
  const row: OrderRow = { id: parsed.value.order.id, status: 'open', createdAt: parsed.value.createdAt, pending: parsed.value, source: 'tablet' };
  await db.orders.add(row);
  return row;
}
