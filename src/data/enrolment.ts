/**
 * Enrolling with the shop server: stores the device, the server's shop and its staff in one
 * transaction, everything validated first. Also the first staff member of an enrolled tablet.
 */
import { parseWith } from '../../shared/record';
import { ShopConfigSchema, StaffMemberSchema, type ShopConfig, type StaffMember } from '../../shared/shop';
import { mergeServerShop } from '../../shared/sync-plan';
import { db } from './db';
import type { DeviceRegistration } from './device-registration';
import { getSyncState } from './sync-state';

/** Device ids a record may name (shared/record.ts: capture.deviceId). */
const RECORD_DEVICE_ID = /^[A-Za-z0-9_-]{1,64}$/;

export interface EnrolmentResult {
  /** The shop on the tablet afterwards: the server's (with local kiosk settings), or the tablet's own. */
  shop: ShopConfig | undefined;
  staffCount: number;
}

/**
 * Stores what POST /api/v1/enrol returned. Records made from now on name the server's device id.
 * A shop the tablet already has is updated from the server's, keeping its kiosk settings.
 */
export async function saveEnrolment(options: { device: DeviceRegistration; shop: ShopConfig | null; staff: StaffMember[] }): Promise<EnrolmentResult> {
  const shop = options.shop ? parseWith(ShopConfigSchema, options.shop) : null;
  if (shop && !shop.ok) throw new Error(shop.issues[0]!.message);
  const staff = options.staff.map((member) => parseWith(StaffMemberSchema, member));
  const badStaff = staff.find((s) => !s.ok);
  if (badStaff && !badStaff.ok) throw new Error(badStaff.issues[0]!.message);

  return db.transaction('rw', db.settings, db.staff, async () => {
    const device: DeviceRegistration = { deviceId: options.device.deviceId, token: options.device.token, name: options.device.name, enrolledAt: options.device.enrolledAt };
    await db.settings.put({ key: 'device', value: device });
    if (RECORD_DEVICE_ID.test(device.deviceId)) await db.settings.put({ key: 'deviceId', value: device.deviceId });
    // A new token: an earlier refusal says nothing about it, so automatic syncs start again.
    const syncState = await getSyncState();
    if (syncState.refused) await db.settings.put({ key: 'syncState', value: { ...syncState, refused: null } });
    let current = (await db.settings.get('shop'))?.value as ShopConfig | undefined;
    if (shop?.ok) {
      current = mergeServerShop(current, shop.value);
      await db.settings.put({ key: 'shop', value: current });
    }
    const members = staff.flatMap((s) => (s.ok ? [s.value] : []));
    // Staff made on this tablet stay; the server's are added beside them.
    const known = new Set((await db.staff.toCollection().primaryKeys()) as string[]);
    await db.staff.bulkAdd(members.filter((m) => !known.has(m.id)));
    return { shop: current, staffCount: await db.staff.count() };
  });
}

/** The first staff member(s) of a tablet whose server knew none. */
export async function addStaffMembers(members: StaffMember[]): Promise<void> {
  for (const member of members) {
    const parsed = parseWith(StaffMemberSchema, member);
    if (!parsed.ok) throw new Error(parsed.issues[0]!.message);
  }
  if (members.length === 0) throw new Error('error.required');
  await db.staff.bulkAdd(members);
}
