import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { ShopResponseSchema, type ShopResponse } from '../../shared/api';
import { fixtureShop } from '../../shared/record.fixture';
import { bearer, databaseDigest, enrolTablet, makeTestApp, postJson } from '../test-app';
import { publishText } from './shop';

const getShop = async (t: Awaited<ReturnType<typeof makeTestApp>>, token: string) => {
  const res = await t.app.request('/api/v1/shop', { headers: bearer(token) });
  expect(res.status).toBe(200);
  const body = (await res.json()) as ShopResponse;
  expect(v.safeParse(ShopResponseSchema, body).issues).toBeUndefined();
  return body.shop;
};

describe('/api/v1/shop', () => {
  it('has no shop until the first tablet stores its own, once', async () => {
    const t = await makeTestApp();
    const tablet = await enrolTablet(t);
    expect(await getShop(t, tablet.token)).toBeNull();

    const put = await postJson(t.app, '/api/v1/shop', fixtureShop(), bearer(tablet.token), 'PUT');
    expect(put.status).toBe(201);
    expect(await put.json()).toEqual({ shop: fixtureShop() });
    expect(await getShop(t, tablet.token)).toEqual(fixtureShop());

    const before = databaseDigest(t.file);
    const second = await postJson(t.app, '/api/v1/shop', fixtureShop({ name: 'Andere Optik' }), bearer(tablet.token), 'PUT');
    expect(second.status).toBe(409);
    expect(await second.json()).toMatchObject({ error: 'conflict' });
    expect(databaseDigest(t.file)).toBe(before);
  });

  it('refuses an invalid shop with 422 and stores nothing', async () => {
    const t = await makeTestApp();
    const tablet = await enrolTablet(t);
    const res = await postJson(t.app, '/api/v1/shop', { ...fixtureShop(), inactivitySeconds: 5 }, bearer(tablet.token), 'PUT');
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ error: 'invalid_request', issues: [expect.objectContaining({ path: 'inactivitySeconds' })] });
    expect(await getShop(t, tablet.token)).toBeNull();
  });

  it('gives tablets the latest published version of each text', async () => {
    const t = await makeTestApp({ demo: true });
    const tablet = await enrolTablet(t);
    const before = (await getShop(t, tablet.token))!;
    expect(before.texts.notice.version).toBe(1);
    const outcome = await publishText({ store: t.store, kind: 'notice', de: 'Neuer Hinweis', en: 'New notice', now: t.clock.now });
    expect(outcome).toMatchObject({ status: 'published', text: { id: before.texts.notice.id, version: 2 } });
    const after = (await getShop(t, tablet.token))!;
    expect(after.texts.notice).toEqual({ id: before.texts.notice.id, version: 2, de: 'Neuer Hinweis', en: 'New notice' });
    expect(after.texts.email).toEqual(before.texts.email);
    expect(await publishText({ store: t.store, kind: 'notice', de: 'Neuer Hinweis', en: 'New notice', now: t.clock.now })).toMatchObject({ status: 'unchanged' });
    expect((await t.store.shop.textHistory()).filter((h) => h.kind === 'notice').map((h) => h.version)).toEqual([2, 1]);
  });
});
