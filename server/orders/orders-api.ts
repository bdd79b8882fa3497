/**
 * /api/v1/orders: GET for tablets (device token) lists the open orders; POST for the shop's own
 * software (API key) pushes one PendingOrder: 201 new, 200 the same again, 409 the id with other data.
 */
import { Hono } from 'hono';
import { type OrdersResponse } from '../../shared/api';
import { PendingOrderSchema } from '../../shared/shop';
import { requireApiKey } from '../api-keys/api-key-auth';
import { requireDevice } from '../devices/device-auth';
import { apiError, limitBody, parseBody, readJson } from '../http/api-error';
import type { Store } from '../store/store';
import { listOpenOrders, pushOrder } from './orders';

/** An order with its 100 items at most is a few KB; this leaves ample room. */
export const MAX_ORDER_BYTES = 1024 * 1024;

/** What POST answers on success. */
export interface OrderPushResponse {
  id: string;
  created: boolean;
}

export function createOrdersApi({ store, now }: { store: Store; now: () => Date }): Hono {
  return new Hono()
    .get('/', requireDevice({ store, now }), async (c) => c.json<OrdersResponse>({ orders: await listOpenOrders({ store }) }))
    .post('/', requireApiKey({ store }), limitBody(MAX_ORDER_BYTES, 'send fewer orders per request'), async (c) => {
      const body = await readJson(c);
      if (!body.ok) return body.response;
      const order = parseBody(PendingOrderSchema, body.value);
      if (!order.ok) {
        return apiError(c, 422, 'invalid_request', 'The order is not a valid PendingOrder ({ order, customer, createdAt }); see "issues".', { issues: order.issues });
      }
      const id = order.value.order.id;
      const result = await pushOrder({ store, order: order.value, now: now() });
      if (result === 'different') {
        return apiError(c, 409, 'conflict', `An order with the id "${id}" exists already with other contents; it was not changed. Give a changed order a new id.`);
      }
      return c.json<OrderPushResponse>({ id, created: result === 'created' }, result === 'created' ? 201 : 200);
    });
}
