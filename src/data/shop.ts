/** The shop's configuration and its staff: set up once on first start, read on every start. */
import { parseWith } from '../../shared/record';
import { DemoSeedSchema, PIN_PATTERN, ShopConfigSchema, type DemoSeed, type ShopConfig, type StaffMember } from '../../shared/shop';
import { db } from './db';
import { hashPin, randomHex, sameHex } from './pin';

export async function getShop(): Promise<ShopConfig | undefined> {
  const row = await db.settings.get('shop');
  return row?.value as ShopConfig | undefined;
}

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

export async function updateShop(shop: ShopConfig): Promise<void> {
  const parsed = parseWith(ShopConfigSchema, shop);
  if (!parsed.ok) throw new Error(parsed.issues[0]!.message);
  await db.settings.put({ key: 'shop', value: parsed.value });
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

export async function listStaff(): Promise<StaffMember[]> {
  return db.staff.toArray();
}

const MAX_TRIES = 5;
const LOCKOUT_MS = 30_000;

interface PinThrottle {
  failures: number;
  lockedUntil: number;
}

export type PinResult = { ok: true; staff: StaffMember } | { ok: false; reason: 'wrong' | 'locked'; retryInMs?: number };

/**
 * Finds the staff member whose PIN this is. After five wrong tries it refuses for 30 seconds; the
 * count is kept in IndexedDB, so a reload does not reset it.
 */
export async function verifyPin(pin: string, now = Date.now()): Promise<PinResult> {
  const throttle = ((await db.settings.get('pinThrottle'))?.value as PinThrottle | undefined) ?? { failures: 0, lockedUntil: 0 };
  if (now < throttle.lockedUntil) return { ok: false, reason: 'locked', retryInMs: throttle.lockedUntil - now };
  for (const member of await db.staff.toArray()) {
    if (sameHex(await hashPin(pin, member.salt), member.pinHash)) {
      await db.settings.put({ key: 'pinThrottle', value: { failures: 0, lockedUntil: 0 } });
      return { ok: true, staff: member };
    }
  }
  const failures = throttle.failures + 1;
  if (failures >= MAX_TRIES) {
    await db.settings.put({ key: 'pinThrottle', value: { failures: 0, lockedUntil: now + LOCKOUT_MS } });
    return { ok: false, reason: 'locked', retryInMs: LOCKOUT_MS };
  }
  await db.settings.put({ key: 'pinThrottle', value: { failures, lockedUntil: 0 } });
  return { ok: false, reason: 'wrong' };
}
