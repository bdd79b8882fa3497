import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app';
import { readConfig } from './config';
import { prepareDemoShop, type DemoShop } from './demo';
import { loadStaticSite, type StaticSite } from './static';
import { openSqliteStore } from './store/sqlite-store';
import type { Store } from './store/store';
import { makeTestDist, tempDir } from './test-site';

let site: StaticSite;
let demo: DemoShop;
let store: Store;
const config = readConfig({});

beforeAll(async () => {
  site = await loadStaticSite({ dir: await makeTestDist() });
  const dataDir = await tempDir();
  demo = await prepareDemoShop({ dataDir });
  store = openSqliteStore({ file: join(dataDir, 'countersign.sqlite') });
  return () => store.close();
});

describe('createApp', () => {
  it('has no unauthenticated demo seed: a tablet gets the demo shop only by enrolling', async () => {
    const res = await createApp({ config, site, store, demo }).request('/api/v1/demo-seed');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: 'not_found' });
  });

  it('answers unknown API paths with JSON 404, never with the app', async () => {
    const app = createApp({ config, site, store, demo });
    for (const path of ['/api/v1/nothing', '/api/v2/demo-seed', '/api/']) {
      const res = await app.request(path, { headers: { accept: 'text/html' } });
      expect(res.status, path).toBe(404);
      expect(await res.json(), path).toMatchObject({ error: 'not_found' });
    }
  });

  it('refuses every other API path without a token, in JSON', async () => {
    const app = createApp({ config, site, store, demo });
    for (const [method, path] of [['GET', '/api/v1/shop'], ['PUT', '/api/v1/shop'], ['GET', '/api/v1/orders'], ['POST', '/api/v1/orders'], ['POST', '/api/v1/records']] as const) {
      const res = await app.request(path, { method, headers: { accept: 'text/html' } });
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(await res.json()).toMatchObject({ error: 'unauthenticated', message: expect.any(String) });
    }
  });

  it('serves the owner area, never the app, under /owner', async () => {
    const res = await createApp({ config, site, store, demo }).request('/owner/anything', { headers: { accept: 'text/html' } });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/owner/setup');
  });

  it('reports its health and version', async () => {
    const res = await createApp({ config, site, store, demo }).request('/api/v1/health');
    expect(await res.json()).toMatchObject({ ok: true, version: expect.any(String) });
  });

  it('serves the app with protective headers', async () => {
    const res = await createApp({ config, site, store, demo }).request('/kiosk', { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('answers HEAD like GET, without a body', async () => {
    const res = await createApp({ config, site, store, demo }).request('/sw.js', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await res.text()).toBe('');
  });
});
