import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { EnrolResponseSchema, type EnrolResponse } from '../../shared/api';
import { fixtureShop } from '../../shared/record.fixture';
import { bearer, makeTestApp, postJson } from '../test-app';
import { createEnrolmentCode } from './enrolment';

describe('POST /api/v1/enrol', () => {
  it('trades a good code for a device token, of which the server keeps only a hash', async () => {
    const t = await makeTestApp();
    const { code } = await createEnrolmentCode({ store: t.store, now: t.clock.now });
    const res = await postJson(t.app, '/api/v1/enrol', { code, deviceName: 'Theke 1' });
    expect(res.status).toBe(201);
    const body = (await res.json()) as EnrolResponse;
    expect(v.safeParse(EnrolResponseSchema, body).issues).toBeUndefined();
    expect(body).toMatchObject({ shop: null, staff: [] });
    expect(Buffer.from(body.token, 'base64url')).toHaveLength(32);

    const device = (await t.store.devices.list())[0]!;
    expect(device).toMatchObject({ id: body.deviceId, name: 'Theke 1', enrolledAt: t.clock.now.toISOString(), revokedAt: null });
    expect(device.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    for (const file of [t.file, `${t.file}-wal`]) expect(readFileSync(file).includes(body.token)).toBe(false);
    expect((await t.app.request('/api/v1/shop', { headers: bearer(body.token) })).status).toBe(200);
  });

  it('answers with the name it stored: the second "Tablet Theke 1" is told it is "Tablet Theke 2"', async () => {
    const t = await makeTestApp();
    const names: string[] = [];
    for (let i = 0; i < 2; i++) {
      const { code } = await createEnrolmentCode({ store: t.store, now: t.clock.now });
      const res = await postJson(t.app, '/api/v1/enrol', { code, deviceName: ' Tablet Theke 1 ' });
      const body = (await res.json()) as EnrolResponse;
      expect(v.safeParse(EnrolResponseSchema, body).issues).toBeUndefined();
      expect((await t.store.devices.list()).find((d) => d.id === body.deviceId)?.name).toBe(body.deviceName);
      names.push(body.deviceName);
    }
    expect(names).toEqual(['Tablet Theke 1', 'Tablet Theke 2']);
  });

  it('accepts the code as people type it: any case, with or without dashes', async () => {
    const t = await makeTestApp();
    const { code } = await createEnrolmentCode({ store: t.store, now: t.clock.now });
    const typed = ` ${code.toLowerCase().replaceAll('-', ' ')} `;
    expect((await postJson(t.app, '/api/v1/enrol', { code: typed, deviceName: 'Theke' })).status).toBe(201);
  });

  it('refuses a used, an expired and a wrong code with 403 invalid_code', async () => {
    const t = await makeTestApp();
    const used = await createEnrolmentCode({ store: t.store, now: t.clock.now });
    expect((await postJson(t.app, '/api/v1/enrol', { code: used.code, deviceName: 'A' })).status).toBe(201);
    const expired = await createEnrolmentCode({ store: t.store, now: t.clock.now });
    t.advance(24 * 3_600_000 + 1000);

    for (const code of [used.code, expired.code, 'AAAA-BBBB-CCCC']) {
      const res = await postJson(t.app, '/api/v1/enrol', { code, deviceName: 'B' });
      expect(res.status, code).toBe(403);
      expect(await res.json()).toMatchObject({ error: 'invalid_code', message: expect.stringContaining('owner') });
    }
    expect(await t.store.devices.list()).toHaveLength(1);
  });

  it('refuses malformed and incomplete requests', async () => {
    const t = await makeTestApp();
    const cases: Array<[unknown, number, string]> = [
      ['{"code":', 400, 'malformed_json'],
      [{ code: 'ABCD-EFGH-JKLM' }, 400, 'invalid_request'],
      [{ code: 42, deviceName: 'Theke' }, 400, 'invalid_request'],
      [{ code: 'ABCD-EFGH-JKLM', deviceName: 'x'.repeat(81) }, 400, 'invalid_request'],
      [{ code: 'A'.repeat(20_000), deviceName: 'Theke' }, 413, 'too_large'],
    ];
    for (const [body, status, error] of cases) {
      const res = await postJson(t.app, '/api/v1/enrol', body);
      expect(res.status, String(body)).toBe(status);
      expect(await res.json()).toMatchObject({ error, message: expect.any(String) });
    }
  });

  it('slows down guessing: after ten wrong codes in a minute, 429 until the minute is over', async () => {
    const t = await makeTestApp();
    const { code } = await createEnrolmentCode({ store: t.store, now: t.clock.now });
    for (let i = 0; i < 10; i++) expect((await postJson(t.app, '/api/v1/enrol', { code: `WRONG-CODE-${i}`, deviceName: 'X' })).status).toBe(403);
    const blocked = await postJson(t.app, '/api/v1/enrol', { code, deviceName: 'X' });
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await blocked.json()).toMatchObject({ error: 'too_many_attempts' });
    t.advance(61_000);
    expect((await postJson(t.app, '/api/v1/enrol', { code, deviceName: 'X' })).status).toBe(201);
  });

  it('checks at most ten of thirty wrong codes sent at once; the rest get 429', async () => {
    const t = await makeTestApp();
    const responses = await Promise.all(Array.from({ length: 30 }, (_, i) => postJson(t.app, '/api/v1/enrol', { code: `WRONG-CODE-${i}`, deviceName: 'X' })));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 403).length).toBeLessThanOrEqual(10);
    expect(statuses.filter((s) => s !== 403).every((s) => s === 429)).toBe(true);
  });

  it('in demo mode, takes the demo code for many tablets and hands over the demo shop and staff', async () => {
    const t = await makeTestApp({ demo: true });
    for (const name of ['Theke 1', 'Theke 2', 'Theke 3']) {
      const res = await postJson(t.app, '/api/v1/enrol', { code: 'demo-test-code', deviceName: name });
      expect(res.status).toBe(201);
      const body = (await res.json()) as EnrolResponse;
      expect(body.shop).toMatchObject({ id: 'optik-demo', name: 'Optik Demo' });
      expect(body.staff).toEqual([t.demo!.staff]);
    }
  });

  it('in demo mode, hands a real shop no demo staff: its PIN is printed in the terminal', async () => {
    const t = await makeTestApp({ demo: true, shop: fixtureShop() });
    const { code } = await createEnrolmentCode({ store: t.store, now: t.clock.now });
    const res = await postJson(t.app, '/api/v1/enrol', { code, deviceName: 'Theke 1' });
    expect(res.status).toBe(201);
    const body = (await res.json()) as EnrolResponse;
    expect(body.shop).toMatchObject({ id: fixtureShop().id });
    expect(body.staff).toEqual([]);
    // Nor does the demo code work there.
    expect((await postJson(t.app, '/api/v1/enrol', { code: 'DEMO-TEST-CODE', deviceName: 'Theke 2' })).status).toBe(403);
  });
});
