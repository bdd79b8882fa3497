import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { OrdersResponseSchema, type OrdersResponse } from '../../shared/api';
import { revokeApiKey } from '../api-keys/api-keys';
import { bearer, databaseDigest, enrolTablet, fixtureOrder, makeApiKey, makeTestApp, postJson } from '../test-app';

describe('/api/v1/orders', () => {
  it('takes an order from the shop software, once, and hands it to tablets', async () => {
    const t = await makeTestApp();
    const key = await makeApiKey(t);
    const order = fixtureOrder();
    const created = await postJson(t.app, '/api/v1/orders', order, bearer(key));
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual({ id: 'order-1', created: true });
    // The same order again, with its keys in another order: acknowledged, not stored twice.
    const again = await postJson(t.app, '/api/v1/orders', { createdAt: order.createdAt, customer: order.customer, order: order.order }, bearer(key));
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ id: 'order-1', created: false });

    const tablet = await enrolTablet(t);
    const res = await t.app.request('/api/v1/orders', { headers: bearer(tablet.token) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as OrdersResponse;
    expect(v.safeParse(OrdersResponseSchema, body).issues).toBeUndefined();
    expect(body.orders).toEqual([order]);
  });

  it('refuses another order under an existing id with 409, changing nothing', async () => {
    const t = await makeTestApp();
    const key = await makeApiKey(t);
    const order = fixtureOrder();
    await postJson(t.app, '/api/v1/orders', order, bearer(key));
    const before = databaseDigest(t.file);
    const changed = { ...order, order: { ...order.order, depositCents: 0 } };
    const res = await postJson(t.app, '/api/v1/orders', changed, bearer(key));
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: 'conflict', message: expect.stringContaining('order-1') });
    expect(databaseDigest(t.file)).toBe(before);
  });

  it('refuses invalid orders with 422 and says why', async () => {
    const t = await makeTestApp();
    const key = await makeApiKey(t);
    const order = fixtureOrder();
    const cases = [
      { ...order, order: { ...order.order, totalCents: 1 } },
      { ...order, customer: { ...order.customer, email: 'not-an-address' } },
      { order: order.order, customer: order.customer },
      { ...order, extra: true },
    ];
    for (const body of cases) {
      const res = await postJson(t.app, '/api/v1/orders', body, bearer(key));
      expect(res.status).toBe(422);
      const error = (await res.json()) as { error: string; issues: unknown[] };
      expect(error).toMatchObject({ error: 'invalid_request', message: expect.any(String) });
      expect(error.issues.length).toBeGreaterThan(0);
    }
    expect((await postJson(t.app, '/api/v1/orders', '{"order":', bearer(key))).status).toBe(400);
    expect(await t.store.orders.listOpen()).toEqual([]);
  });

  it('takes only a valid API key: no key, a wrong one, a revoked one or a device token are refused', async () => {
    const t = await makeTestApp();
    const key = await makeApiKey(t);
    const revoked = await makeApiKey(t, 'Alte Kasse');
    const { id } = (await t.store.apiKeys.list()).find((k) => k.name === 'Alte Kasse')!;
    await revokeApiKey({ store: t.store, id, now: t.clock.now });
    const tablet = await enrolTablet(t);

    for (const headers of [{}, bearer('csk_wrong'), bearer(revoked), bearer(tablet.token)]) {
      const res = await postJson(t.app, '/api/v1/orders', fixtureOrder(), headers);
      expect(res.status, JSON.stringify(headers)).toBe(401);
      expect(await res.json()).toMatchObject({ error: expect.stringMatching(/^(unauthenticated|invalid_token)$/), message: expect.stringContaining('API key') });
    }
    // An API key is not a device token either: it cannot pull orders or upload records.
    expect((await t.app.request('/api/v1/orders', { headers: bearer(key) })).status).toBe(401);
    expect(await t.store.orders.listOpen()).toEqual([]);
  });
});
