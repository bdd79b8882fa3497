/**
 * What a sync brings down from the server: new open orders and the published shop. Orders the
 * tablet has (open or signed) are never touched; the shop keeps this tablet's kiosk settings.
 */
import { parseWith } from '../../shared/record';
import { PendingOrderSchema, ShopConfigSchema, type PendingOrder, type ShopConfig } from '../../shared/shop';
import { mergeServerShop, newServerOrders, sameShop } from '../../shared/sync-plan';
import { db, type OrderRow } from './db';

/** Adds the server's orders this tablet does not know; returns how many it added. */
export async function addServerOrders(orders: readonly PendingOrder[]): Promise<number> {
  const valid = orders.flatMap((o) => {
    const parsed = parseWith(PendingOrderSchema, o);
    return parsed.ok ? [parsed.value] : [];
  });
  if (valid.length === 0) return 0;
  return db.transaction('rw', db.orders, async () => {
    const existing = await db.orders.bulkGet(valid.map((p) => p.order.id));
    const known = new Set(existing.flatMap((row) => (row ? [row.id] : [])));
    const added = newServerOrders(known, valid).map((pending): OrderRow => ({ id: pending.order.id, status: 'open', createdAt: pending.createdAt, pending }));
    await db.orders.bulkAdd(added);
    return added.length;
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
