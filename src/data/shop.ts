/**
 * The shop and its staff as every start reads them, and the PIN check. This module is on the
 * kiosk's start path, so it imports no schema; writing the shop is in setup.ts.
 */
import type { ShopConfig, StaffMember } from '../../shared/shop';
import { db } from './db';
import { hashPin, sameHex } from './pin';

export async function getShop(): Promise<ShopConfig | undefined> {
  const row = await db.settings.get('shop');
  return row?.value as ShopConfig | undefined;
}

export async function listStaff(): Promise<StaffMember[]> {
  return db.staff.toArray();
}

/** Zero only on a tablet enrolled with a server that knew no staff: its first person comes next. */
export async function countStaff(): Promise<number> {
  return db.staff.count();
}

const MAX_TRIES = 5;
const FIRST_LOCKOUT_MS = 30_000;
const MAX_LOCKOUT_MS = 15 * 60_000;

interface PinThrottle {
  failures: number;
  lockedUntil: number;
  /** Lockouts since the last right PIN; each one lasts twice as long as the one before. */
  lockouts?: number;
}

export type PinResult = { ok: true; staff: StaffMember } | { ok: false; reason: 'wrong' | 'locked'; retryInMs?: number };

/**
 * Finds the staff member whose PIN this is. After five wrong tries it refuses for 30 seconds, then
 * 1, 2, 4 … minutes (at most 15) after each further five, until the right PIN is entered. The
 * count is kept in IndexedDB, so a reload does not reset it.
 */
export async function verifyPin(pin: string, now = Date.now()): Promise<PinResult> {
  const throttle = ((await db.settings.get('pinThrottle'))?.value as PinThrottle | undefined) ?? { failures: 0, lockedUntil: 0 };
  if (now < throttle.lockedUntil) return { ok: false, reason: 'locked', retryInMs: throttle.lockedUntil - now };
  for (const member of await db.staff.toArray()) {
    if (sameHex(await hashPin(pin, member.salt), member.pinHash)) {
      await db.settings.put({ key: 'pinThrottle', value: { failures: 0, lockedUntil: 0, lockouts: 0 } });
      return { ok: true, staff: member };
    }
  }
  const failures = throttle.failures + 1;
  const lockouts = throttle.lockouts ?? 0;
  if (failures >= MAX_TRIES) {
    const lockMs = Math.min(MAX_LOCKOUT_MS, FIRST_LOCKOUT_MS * 2 ** lockouts);
    await db.settings.put({ key: 'pinThrottle', value: { failures: 0, lockedUntil: now + lockMs, lockouts: lockouts + 1 } });
    return { ok: false, reason: 'locked', retryInMs: lockMs };
  }
  await db.settings.put({ key: 'pinThrottle', value: { failures, lockedUntil: 0, lockouts } });
  return { ok: false, reason: 'wrong' };
}
