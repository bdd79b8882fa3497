/**
 * /api/v1/shop (device token): GET gives the shop with the latest published texts (or null before
 * the first set-up); PUT lets the first tablet store the shop it was set up with, once.
 */
import { Hono } from 'hono';
import { MAX_BODY_BYTES, type ShopResponse } from '../../shared/api';
import { ShopConfigSchema } from '../../shared/shop';
import { requireDevice, type DeviceEnv } from '../devices/device-auth';
import { apiError, limitBody, parseBody, readJson } from '../http/api-error';
import type { Store } from '../store/store';
import { getShop, setUpShop } from './shop';

export function createShopApi({ store, now }: { store: Store; now: () => Date }): Hono<DeviceEnv> {
  return new Hono<DeviceEnv>()
    .use(requireDevice({ store, now }))
    .get('/', async (c) => c.json<ShopResponse>({ shop: await getShop({ store }) }))
    .put('/', limitBody(MAX_BODY_BYTES), async (c) => {
      const body = await readJson(c);
      if (!body.ok) return body.response;
      const shop = parseBody(ShopConfigSchema, body.value);
      if (!shop.ok) return apiError(c, 422, 'invalid_request', 'The shop configuration is not valid; see "issues".', { issues: shop.issues });
      if (!(await setUpShop({ store, shop: shop.value, now: now() }))) {
        return apiError(c, 409, 'conflict', 'This server has a shop already; its texts change only by the owner publishing a new version. GET /api/v1/shop for the current one.');
      }
      return c.json<ShopResponse>({ shop: await getShop({ store }) }, 201);
    });
}
