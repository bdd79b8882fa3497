import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '../data/db';
import { getDevice } from '../data/device-registration';
import { enrolTablet } from './enrol-device';

/** The server's answer to POST /api/v1/enrol, as fetch hands it over. */
function serverAnswers(body: Record<string, unknown>): { sent: () => unknown } {
  const fetchMock = vi.fn(async () => new Response(JSON.stringify(body), { status: 201, headers: { 'content-type': 'application/json' } }));
  vi.stubGlobal('fetch', fetchMock);
  return { sent: () => JSON.parse(String((fetchMock.mock.calls[0] as unknown as [string, RequestInit])[1].body)) };
}

const answer = { deviceId: 'tablet-AbC_12-x', token: 'secret-token', shop: null, staff: [] };
const now = new Date('2026-11-29T08:00:00.000Z');

beforeEach(async () => {
  await db.delete();
  await db.open();
});
afterEach(() => vi.unstubAllGlobals());
afterAll(() => db.close());

describe('enrolTablet', () => {
  it('keeps the name the server stored, which the owner sees too ("Tablet Theke 2" when 1 is taken)', async () => {
    const server = serverAnswers({ ...answer, deviceName: 'Tablet Theke 2' });
    const outcome = await enrolTablet({ code: ' ABCD-EFGH-JKLM ', deviceName: ' Tablet Theke 1 ', now });
    expect(outcome).toEqual({ ok: true, result: { shop: undefined, staffCount: 0 } });
    expect(server.sent()).toEqual({ code: 'ABCD-EFGH-JKLM', deviceName: 'Tablet Theke 1' });
    expect(await getDevice()).toEqual({ deviceId: 'tablet-AbC_12-x', token: 'secret-token', name: 'Tablet Theke 2', enrolledAt: now.toISOString() });
  });

  it('keeps the typed name when an older server answers without one', async () => {
    serverAnswers(answer);
    expect((await enrolTablet({ code: 'ABCD-EFGH-JKLM', deviceName: ' Tablet Theke 1 ', now })).ok).toBe(true);
    expect(await getDevice()).toMatchObject({ name: 'Tablet Theke 1' });
  });

  it('refuses an answer with an empty name and stores nothing', async () => {
    serverAnswers({ ...answer, deviceName: '' });
    expect(await enrolTablet({ code: 'ABCD-EFGH-JKLM', deviceName: 'Tablet Theke 1', now })).toMatchObject({ ok: false, error: { code: 'bad_response' } });
    expect(await getDevice()).toBeUndefined();
  });
});
