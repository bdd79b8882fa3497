/** A new order, typed by staff on the tablet (works offline): validated in full, then stored. */
import { parseWith } from '../../shared/record';
import { PendingOrderSchema, type PendingOrder } from '../../shared/shop';
import { db, type OrderRow } from './db';

export async function createOrder(pending: PendingOrder): Promise<OrderRow> {
  const parsed = parseWith(PendingOrderSchema, pending);
  if (!parsed.ok) throw Object.assign(new Error(parsed.issues[0]!.message), { issues: parsed.issues });
  const row: OrderRow = { id: parsed.value.order.id, status: 'open', createdAt: parsed.value.createdAt, pending: parsed.value };
  await db.orders.add(row);
  return row;
}
