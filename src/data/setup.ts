/** Setting the shop up: validated in full against the shared schema before anything is stored. */
import { parseWith } from '../../shared/record';
import { DemoSeedSchema, PIN_PATTERN, ShopConfigSchema, type DemoSeed, type ShopConfig, type StaffMember } from '../../shared/shop';
import { db } from './db';
import { hashPin, randomHex } from './pin';

export interface NewStaff {
  name: string;
  pin: string;
}

export async function makeStaffMember({ name, pin }: NewStaff): Promise<StaffMember> {
  if (!PIN_PATTERN.test(pin)) throw new Error('error.pin');
  const salt = randomHex(16);
  return { id: randomHex(8), name: name.trim(), salt, pinHash: await hashPin(pin, salt) };
}

/** Stores the shop and its first staff member together; refuses anything the schema refuses. */
export async function setUpShop(options: { shop: ShopConfig; staff: StaffMember[] }): Promise<void> {
  const parsed = parseWith(ShopConfigSchema, options.shop);
  if (!parsed.ok) throw new Error(parsed.issues[0]!.message);
  if (options.staff.length === 0) throw new Error('error.required');
  await db.transaction('rw', db.settings, db.staff, async () => {
    await db.settings.put({ key: 'shop', value: parsed.value });
    await db.staff.bulkPut(options.staff);
  });
}

export type ShopSettings = Partial<Pick<ShopConfig, 'askHealth' | 'inactivitySeconds' | 'minimiseAfterDays' | 'syncWarnDays'>>;

/**
 * Changes only the tablet's own settings, on the shop as stored now: a sync may have brought new
 * texts since the screen was opened, and those must not be written back over.
 */
export async function updateShopSettings(settings: ShopSettings): Promise<ShopConfig> {
  return db.transaction('rw', db.settings, async () => {
    const current = (await db.settings.get('shop'))?.value as ShopConfig | undefined;
    if (!current) throw new Error('error.storage');
    const parsed = parseWith(ShopConfigSchema, { ...current, ...settings });
    if (!parsed.ok) throw new Error(parsed.issues[0]!.message);
    await db.settings.put({ key: 'shop', value: parsed.value });
    return parsed.value;
  });
}

/** Loads the demo shop that `npm start` offers, with its staff and example orders. */
export async function loadDemoSeed(seed: unknown): Promise<DemoSeed> {
  const parsed = parseWith(DemoSeedSchema, seed);
  if (!parsed.ok) throw new Error(parsed.issues[0]!.message);
  const { shop, staff, orders } = parsed.value;
  await db.transaction('rw', [db.settings, db.staff, db.orders], async () => {
    await db.settings.put({ key: 'shop', value: shop });
    await db.staff.bulkPut(staff);
    await db.orders.bulkPut(
      orders.map((pending) => ({ id: pending.order.id, status: 'open' as const, createdAt: pending.createdAt, pending })),
    );
  });
  return parsed.value;
}
