import { gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { beforeAll, describe, expect, it } from 'vitest';
import { IMMUTABLE, loadStaticSite, REVALIDATE, serveSite, type StaticSite } from './static';
import { BIG_SCRIPT, makeTestDist } from './test-site';

let site: StaticSite;
let app: Hono;
const html = { accept: 'text/html,application/xhtml+xml' };

beforeAll(async () => {
  site = await loadStaticSite({ dir: await makeTestDist() });
  app = new Hono().get('*', serveSite(site));
});

describe('static site', () => {
  it('serves files with their content types', async () => {
    const cases: Array<[string, string]> = [
      ['/', 'text/html; charset=utf-8'],
      ['/index.html', 'text/html; charset=utf-8'],
      ['/sw.js', 'text/javascript; charset=utf-8'],
      ['/assets/worker-AbC123.mjs', 'text/javascript; charset=utf-8'],
      ['/assets/index-AbC123.css', 'text/css; charset=utf-8'],
      ['/manifest.webmanifest', 'application/manifest+json; charset=utf-8'],
      ['/icons/icon.svg', 'image/svg+xml'],
      ['/icons/icon-192.png', 'image/png'],
    ];
    for (const [path, type] of cases) {
      const res = await app.request(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toBe(type);
    }
  });

  it('caches hashed assets for a year and revalidates the rest', async () => {
    expect((await app.request('/assets/index-AbC123.js')).headers.get('cache-control')).toBe(IMMUTABLE);
    for (const path of ['/', '/index.html', '/sw.js', '/manifest.webmanifest', '/icons/icon.svg', '/some/route']) {
      expect((await app.request(path, { headers: html })).headers.get('cache-control'), path).toBe(REVALIDATE);
    }
  });

  it('answers a matching ETag with 304', async () => {
    const first = await app.request('/sw.js');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
    const again = await app.request('/sw.js', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('gzips larger text files for clients that accept it', async () => {
    const res = await app.request('/assets/index-AbC123.js', { headers: { 'accept-encoding': 'gzip, br' } });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('vary')).toBe('Accept-Encoding');
    expect(gunzipSync(Buffer.from(await res.arrayBuffer())).toString()).toBe(BIG_SCRIPT);
    const plain = await app.request('/assets/index-AbC123.js');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(BIG_SCRIPT);
  });

  it('answers every navigation with the app (SPA fallback)', async () => {
    for (const path of ['/staff', '/kiosk/step/3?x=1', '/record.html']) {
      const res = await app.request(path, { headers: html });
      expect(res.status, path).toBe(200);
      expect(await res.text(), path).toContain('<div id="app">');
    }
    const byFetchMetadata = await app.request('/anything', { headers: { 'sec-fetch-dest': 'document' } });
    expect(await byFetchMetadata.text()).toContain('<div id="app">');
  });

  it('gives 404, not the app, for a missing script or image', async () => {
    expect((await app.request('/assets/gone-123.js')).status).toBe(404);
    expect((await app.request('/icons/gone.png', { headers: { 'sec-fetch-dest': 'image', accept: 'image/*' } })).status).toBe(404);
  });

  it('never serves anything outside dist/, nor dotfiles', async () => {
    const attempts = [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/..%5csecret.txt',
      '/%2e%2e%5c%2e%2e%5csecret.txt',
      '/assets/....//....//secret.txt',
      '/.env',
      '/%2eenv',
    ];
    for (const path of attempts) {
      for (const headers of [{}, html]) {
        const res = await app.request(path, { headers });
        const body = await res.text();
        expect(body, path).not.toContain('TOP SECRET');
        expect(body, path).not.toContain('HIDDEN');
        if (!('accept' in headers)) expect(res.status, path).toBe(404);
      }
    }
    expect((await app.request('/%E0%A4%A')).status).toBe(400);
  });

  it('says how to build when dist/ is missing', async () => {
    const empty = await loadStaticSite({ dir: '/nonexistent/countersign-dist' });
    expect(empty.built).toBe(false);
    const res = await new Hono().get('*', serveSite(empty)).request('/', { headers: html });
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('npm run build');
  });
});
