/**
 * What a sync brings down from the server: its open orders and the published shop. Server orders
 * the tablet lacks are added; open ones the server no longer lists (signed on another tablet) are
 * removed, so they cannot be signed twice. Orders typed here and signed orders are never touched;
 * the shop keeps this tablet's kiosk settings.
 */
import { parseWith } from '../../shared/record';
import { PendingOrderSchema, ShopConfigSchema, type PendingOrder, type ShopConfig } from '../../shared/shop';
import { closedServerOrders, mergeServerShop, newServerOrders, sameShop } from '../../shared/sync-plan';
import { db, type OrderRow } from './db';

/** Brings the tablet's orders in line with the server's list of open orders. */
export async function syncServerOrders(orders: readonly PendingOrder[]): Promise<{ added: number; closed: number }> {
  const listed = new Set(orders.map((o) => o.order.id));
  const valid = orders.flatMap((o) => {
    const parsed = parseWith(PendingOrderSchema, o);
    return parsed.ok ? [parsed.value] : [];
  });
  return db.transaction('rw', db.orders, db.kiosk, async () => {
    const existing = await db.orders.bulkGet(valid.map((p) => p.order.id));
    const known = new Set(existing.flatMap((row) => (row ? [row.id] : [])));
    const added = newServerOrders(known, valid).map((pending): OrderRow => ({ id: pending.order.id, status: 'open', createdAt: pending.createdAt, pending, source: 'server' }));
    await db.orders.bulkAdd(added);

    // The order a customer is signing right now is not pulled from under them; a later pull closes it if still open.
    const inUse = (await db.kiosk.get('current'))?.session.orderId;
    const open = (await db.orders.where('status').equals('open').toArray()) as OrderRow[];
    const closed = closedServerOrders(open, listed, inUse);
    await db.orders.bulkDelete(closed);
    return { added: added.length, closed: closed.length };
  });
}

/** Takes the server's shop (details, controller, texts); true when anything changed on the tablet. */
export async function applyServerShop(server: ShopConfig): Promise<boolean> {
  const parsed = parseWith(ShopConfigSchema, server);
  if (!parsed.ok) throw new Error(parsed.issues[0]!.message);
  return db.transaction('rw', db.settings, async () => {
    const local = (await db.settings.get('shop'))?.value as ShopConfig | undefined;
    const merged = mergeServerShop(local, parsed.value);
    if (sameShop(local, merged)) return false;
    await db.settings.put({ key: 'shop', value: merged });
    return true;
  });
}
