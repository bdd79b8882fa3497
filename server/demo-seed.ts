/**
 * Puts the demo shop into the database in demo mode: on a database with no shop yet, the demo
 * shop and its two example orders (open); and on every start, the demo enrolment code, valid for
 * 30 days and for up to 100 tablets, renewed when it has run out. A database that holds a real shop
 * gets no demo code, even with DEMO=1.
 */
import { hashCode } from './secrets';
import { buildDemoSeed, type DemoShop } from './demo';
import { pushOrder } from './orders/orders';
import { setUpShop } from './shop/shop';
import type { Store } from './store/store';

export const DEMO_CODE_DAYS = 30;
export const DEMO_CODE_USES = 100;

/** Returns the demo enrolment code when it can be used, else null (a real shop is in the database). */
export async function seedDemoShop({ store, demo, now }: { store: Store; demo: DemoShop; now: Date }): Promise<{ enrolCode: string | null }> {
  const seed = buildDemoSeed({ staff: demo.staff, now });
  if (await setUpShop({ store, shop: seed.shop, now })) {
    for (const order of seed.orders) await pushOrder({ store, order, now });
  }
  const shop = await store.shop.get();
  if (shop?.id !== seed.shop.id) return { enrolCode: null };

  const codeHash = hashCode(demo.enrolCode);
  const open = await store.enrolment.listOpenCodes({ now: now.toISOString() });
  if (!open.some((code) => code.codeHash === codeHash)) {
    await store.enrolment.renewCode({
      codeHash,
      note: 'Demo',
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + DEMO_CODE_DAYS * 86_400_000).toISOString(),
      maxUses: DEMO_CODE_USES,
      usedCount: 0,
    });
  }
  return { enrolCode: demo.enrolCode };
}
