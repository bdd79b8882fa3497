import { describe, expect, it } from 'vitest';
import { fixtureShop } from '../shared/record.fixture';
import { prepareDemoShop } from './demo';
import { DEMO_CODE_USES, seedDemoShop } from './demo-seed';
import { makeTestApp, postJson } from './test-app';
import { tempDir } from './test-site';

describe('seedDemoShop', () => {
  it('puts the demo shop and its two orders into an empty database, once', async () => {
    const t = await makeTestApp({ demo: true });
    expect((await t.store.shop.get())?.id).toBe('optik-demo');
    expect(await t.store.orders.listOpen()).toHaveLength(2);
    expect(await seedDemoShop({ store: t.store, demo: t.demo!, now: t.clock.now })).toEqual({ enrolCode: 'DEMO-TEST-CODE' });
    expect(await t.store.orders.listOpen()).toHaveLength(2);
  });

  it('keeps the demo code for its number of tablets (DEMO_CODE_USES), and renews it at the next start once used up', async () => {
    const t = await makeTestApp({ demo: true });
    for (let i = 0; i < DEMO_CODE_USES; i++) expect((await postJson(t.app, '/api/v1/enrol', { code: 'DEMO-TEST-CODE', deviceName: `T${i}` })).status).toBe(201);
    expect((await postJson(t.app, '/api/v1/enrol', { code: 'DEMO-TEST-CODE', deviceName: 'one too many' })).status).toBe(403);
    await seedDemoShop({ store: t.store, demo: t.demo!, now: t.clock.now });
    expect((await postJson(t.app, '/api/v1/enrol', { code: 'DEMO-TEST-CODE', deviceName: 'after restart' })).status).toBe(201);
  });

  it('makes no demo code for a database that holds a real shop', async () => {
    const t = await makeTestApp();
    await t.store.shop.create({ shop: fixtureShop(), now: t.clock.now.toISOString() });
    const demo = await prepareDemoShop({ dataDir: await tempDir() });
    expect(await seedDemoShop({ store: t.store, demo, now: t.clock.now })).toEqual({ enrolCode: null });
    expect((await t.store.shop.get())?.id).toBe('shop-1');
    expect(await t.store.enrolment.listOpenCodes({ now: t.clock.now.toISOString() })).toEqual([]);
  });

  it('makes a random demo code once and keeps it in demo.json', async () => {
    const dataDir = await tempDir();
    const first = await prepareDemoShop({ dataDir });
    expect(first.enrolCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect((await prepareDemoShop({ dataDir })).enrolCode).toBe(first.enrolCode);
    expect((await prepareDemoShop({ dataDir, enrolCode: 'fixed code 2026' })).enrolCode).toBe('FIXED-CODE-2026');
  });
});
