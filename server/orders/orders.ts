/**
 * Pending orders: pushed by the shop's own software, pulled by the tablets, and marked signed when
 * a record for them arrives. Pushing is idempotent by order id, like uploading records.
 */
import { canonicalJson } from '../../shared/canonical';
import type { PendingOrder } from '../../shared/shop';
import type { OrderPushResult, Store } from '../store/store';

/** created: new; same: this exact order exists already; different: the id exists with other data. */
export async function pushOrder({ store, order, now }: { store: Store; order: PendingOrder; now: Date }): Promise<OrderPushResult> {
  return store.orders.push({ id: order.order.id, body: canonicalJson(order), createdAt: order.createdAt, now: now.toISOString() });
}

export async function listOpenOrders({ store }: { store: Store }): Promise<PendingOrder[]> {
  return (await store.orders.listOpen()).map((body) => JSON.parse(body) as PendingOrder);
}
