/**
 * The shop's configuration on the server, with every version of its texts. The first tablet sets
 * the shop up (or the demo seed does); after that only the owner changes texts, by publishing a
 * new version, which tablets pick up on their next sync.
 */
import type { ShopConfig, ShopText, TextKind } from '../../shared/shop';
import type { Store } from '../store/store';

export async function getShop({ store }: { store: Store }): Promise<ShopConfig | null> {
  return store.shop.get();
}

/** Stores the first shop; false when there is one already (nothing is changed then). */
export async function setUpShop({ store, shop, now }: { store: Store; shop: ShopConfig; now: Date }): Promise<boolean> {
  return store.shop.create({ shop, now: now.toISOString() });
}

export type PublishOutcome = { status: 'published'; text: ShopText } | { status: 'unchanged'; text: ShopText } | { status: 'no_shop' };

/** A new version of one text, unless the words are the same as the latest version's. */
export async function publishText({
  store,
  kind,
  de,
  en,
  now,
}: {
  store: Store;
  kind: TextKind;
  de: string;
  en: string;
  now: Date;
}): Promise<PublishOutcome> {
  const shop = await store.shop.get();
  if (!shop) return { status: 'no_shop' };
  const latest = shop.texts[kind];
  if (latest.de === de && latest.en === en) return { status: 'unchanged', text: latest };
  const text = await store.shop.publishText({ kind, de, en, now: now.toISOString() });
  return text ? { status: 'published', text } : { status: 'no_shop' };
}
