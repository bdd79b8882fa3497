import { describe, expect, it } from 'vitest';
import { makeTestApp } from '../test-app';
import { openApiDocument } from './openapi';

describe('GET /api/v1/openapi.json', () => {
  it('is public, OpenAPI 3.1, and describes every endpoint the API answers', async () => {
    const t = await makeTestApp();
    const res = await t.app.request('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as typeof openApiDocument;
    expect(doc.openapi).toBe('3.1.0');

    const routes = t.app.routes
      .filter((r) => r.path.startsWith('/api/v1/') && r.method !== 'ALL' && !r.path.includes('*'))
      .map((r) => `${r.method.toLowerCase()} ${r.path.replace('/api/v1', '')}`);
    const described = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method} ${path}`));
    expect(new Set(routes)).toEqual(new Set(described));
  });

  it('points every $ref at a schema it defines', () => {
    const refs = [...JSON.stringify(openApiDocument).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(5);
    for (const name of refs) expect(openApiDocument.components.schemas, name).toHaveProperty(name);
  });
});
