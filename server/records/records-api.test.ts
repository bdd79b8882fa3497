import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { UploadResponseSchema, type UploadResponse } from '../../shared/api';
import type { SignedRecord } from '../../shared/record';
import { bearer, enrolTablet, fixtureOrder, makeApiKey, makeTestApp, newRecord, postJson, uploadRecords } from '../test-app';

const results = async (res: Response) => {
  expect(res.status).toBe(200);
  const body = (await res.json()) as UploadResponse;
  expect(v.safeParse(UploadResponseSchema, body).issues).toBeUndefined();
  return body.results;
};

describe('POST /api/v1/records', () => {
  it('stores new records with the time of receipt, and marks their order signed', async () => {
    const t = await makeTestApp();
    const tablet = await enrolTablet(t);
    expect((await postJson(t.app, '/api/v1/orders', fixtureOrder(), bearer(await makeApiKey(t)))).status).toBe(201);
    const records = [newRecord(), newRecord({ timeZone: 'Europe/Vienna' })];
    t.advance(5000);

    expect(await results(await uploadRecords(t, tablet.token, records))).toEqual(
      records.map((r) => ({ id: r.id, status: 'stored', receivedAt: t.clock.now.toISOString() })),
    );
    expect(await t.store.records.count()).toBe(2);
    const [latest] = await t.store.records.recent({ limit: 1 });
    expect(latest).toMatchObject({ deviceId: tablet.deviceId, receivedAt: t.clock.now.toISOString(), orderId: 'order-1' });
    const stored = JSON.parse((await t.store.records.body({ id: records[0]!.id }))!) as SignedRecord;
    expect(stored).toEqual(records[0]);
    expect(await t.store.orders.status({ id: 'order-1' })).toEqual({ status: 'signed', signedRecordId: records[0]!.id });
    const open = (await (await t.app.request('/api/v1/orders', { headers: bearer(tablet.token) })).json()) as { orders: unknown[] };
    expect(open.orders).toEqual([]);
  });

  it('stores the same batch delivered twice only once, acknowledging it again', async () => {
    const t = await makeTestApp();
    const tablet = await enrolTablet(t);
    const batch = Array.from({ length: 5 }, () => newRecord());
    const first = await results(await uploadRecords(t, tablet.token, batch));
    const firstTime = t.clock.now.toISOString();
    t.advance(60_000);
    const second = await results(await uploadRecords(t, tablet.token, batch));
    expect(second).toEqual(first.map((r) => ({ ...r, status: 'duplicate', receivedAt: firstTime })));
    expect(await t.store.records.count()).toBe(5);
    expect(await t.store.records.countConflicts()).toBe(0);
  });

  it('keeps a record that comes again with another hash aside as a conflict, never overwriting the first', async () => {
    const t = await makeTestApp();
    const first = await enrolTablet(t, 'Theke 1');
    const other = await enrolTablet(t, 'Theke 2');
    const original = newRecord();
    await results(await uploadRecords(t, first.token, [original]));
    const storedBody = await t.store.records.body({ id: original.id });

    const changed = newRecord({ id: original.id, customer: { ...original.customer, city: 'Bonn' }, choices: { ...original.choices } });
    expect(changed.hash).not.toBe(original.hash);
    t.advance(1000);
    const conflictTime = t.clock.now.toISOString();
    expect(await results(await uploadRecords(t, other.token, [changed]))).toEqual([{ id: original.id, status: 'conflict', receivedAt: conflictTime }]);
    // Delivered again, the conflict is acknowledged again but kept only once.
    t.advance(1000);
    expect(await results(await uploadRecords(t, other.token, [changed]))).toEqual([{ id: original.id, status: 'conflict', receivedAt: conflictTime }]);

    expect(await t.store.records.body({ id: original.id })).toBe(storedBody);
    expect(await t.store.records.count()).toBe(1);
    expect(await t.store.records.conflicts({ limit: 10 })).toEqual([
      {
        recordId: original.id,
        stored: { hash: original.hash, deviceName: 'Theke 1', receivedAt: '2026-11-29T10:00:00.000Z' },
        other: { hash: changed.hash, deviceName: 'Theke 2', receivedAt: conflictTime },
      },
    ]);
    // The original is still acknowledged as what it is.
    expect((await results(await uploadRecords(t, first.token, [original])))[0]!.status).toBe('duplicate');
  });

  it('answers one result per record, in order, also when a batch holds the same id twice', async () => {
    const t = await makeTestApp();
    const tablet = await enrolTablet(t);
    const a = newRecord();
    const aChanged = newRecord({ id: a.id, language: 'en', timeZone: 'UTC' });
    const b = newRecord();
    const statuses = (await results(await uploadRecords(t, tablet.token, [a, b, a, aChanged]))).map((r) => [r.id, r.status]);
    expect(statuses).toEqual([
      [a.id, 'stored'],
      [b.id, 'stored'],
      [a.id, 'duplicate'],
      [a.id, 'conflict'],
    ]);
  });
});
