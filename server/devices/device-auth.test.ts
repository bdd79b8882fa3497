import { describe, expect, it } from 'vitest';
import { bearer, enrolTablet, makeTestApp } from '../test-app';
import { revokeDevice } from './devices';

describe('device authentication', () => {
  it('refuses a missing, a malformed, a wrong and a revoked token with a JSON error', async () => {
    const t = await makeTestApp();
    const tablet = await enrolTablet(t, 'Theke 1');
    const revoked = await enrolTablet(t, 'Altes Tablet');
    await revokeDevice({ store: t.store, deviceId: revoked.deviceId, now: t.clock.now });

    const cases: Array<[Record<string, string>, number, string]> = [
      [{}, 401, 'unauthenticated'],
      [{ authorization: `Basic ${tablet.token}` }, 401, 'unauthenticated'],
      [{ authorization: 'Bearer' }, 401, 'unauthenticated'],
      [bearer('x'.repeat(43)), 401, 'invalid_token'],
      [bearer(`${tablet.token}x`), 401, 'invalid_token'],
      [bearer(revoked.token), 403, 'device_revoked'],
    ];
    for (const path of ['/api/v1/shop', '/api/v1/orders']) {
      for (const [headers, status, error] of cases) {
        const res = await t.app.request(path, { headers });
        expect(res.status, `${path} ${JSON.stringify(headers)}`).toBe(status);
        expect(res.headers.get('content-type')).toMatch(/^application\/json/);
        expect(await res.json()).toMatchObject({ error, message: expect.any(String) });
      }
    }
    const refused = (await (await t.app.request('/api/v1/shop', { headers: bearer(revoked.token) })).json()) as { message: string };
    expect(refused.message).toContain('Altes Tablet');
    expect(refused.message).toContain('owner');
    expect((await t.app.request('/api/v1/shop', { headers: bearer(tablet.token) })).status).toBe(200);
  });

  it('notes when a device was last seen, on successful requests only', async () => {
    const t = await makeTestApp();
    const tablet = await enrolTablet(t);
    expect((await t.store.devices.get({ id: tablet.deviceId }))?.lastSeenAt).toBeNull();
    t.advance(60_000);
    await t.app.request('/api/v1/shop', { headers: bearer(tablet.token) });
    expect((await t.store.devices.get({ id: tablet.deviceId }))?.lastSeenAt).toBe(t.clock.now.toISOString());
    const seen = t.clock.now.toISOString();
    t.advance(60_000);
    const bad = await t.app.request('/api/v1/records', { method: 'POST', headers: bearer(tablet.token), body: '{' });
    expect(bad.status).toBe(400);
    expect((await t.store.devices.get({ id: tablet.deviceId }))?.lastSeenAt).toBe(seen);
  });
});
