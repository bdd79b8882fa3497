/**
 * Everything the app's start reads, in one read-only transaction: the shop, whether the tablet is
 * enrolled, how many staff it knows, and a kiosk draft with its order. Usually early-boot.ts has
 * read it already, before Dexie was even loaded; else (first start, an upgrade due) through Dexie.
 * On the kiosk's start path (`npm run bench`, figure 1). No schema here.
 */
import type { ShopConfig } from '../../shared/shop';
import { db, type OrderRow } from './db';
import type { DeviceRegistration } from './device-registration';
import { earlyBootState } from './early-boot';
import type { KioskSession } from './kiosk-session';

export interface BootState {
  shop: ShopConfig | undefined;
  enrolled: boolean;
  staffCount: number;
  session: KioskSession | undefined;
  /** The order of the kiosk draft, if there is a draft. */
  sessionOrder: OrderRow | undefined;
}

export async function readBootState(): Promise<BootState> {
  return (await earlyBootState) ?? readThroughDexie();
}

function readThroughDexie(): Promise<BootState> {
  return db.transaction('r', [db.settings, db.staff, db.kiosk, db.orders], async () => {
    const [shop, device, staffCount, kiosk] = await Promise.all([db.settings.get('shop'), db.settings.get('device'), db.staff.count(), db.kiosk.get('current')]);
    const session = kiosk?.session;
    const sessionOrder = session ? await db.orders.get(session.orderId) : undefined;
    return {
      shop: shop?.value as ShopConfig | undefined,
      enrolled: (device?.value as DeviceRegistration | undefined) !== undefined,
      staffCount,
      session,
      sessionOrder,
    };
  });
}
