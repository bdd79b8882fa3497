/**
 * Every bad request gets a 4xx with a JSON message, the server keeps serving, and the database is
 * unchanged: its contents (read from the file through a connection of its own) and its bytes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_BATCH_RECORDS, MAX_BODY_BYTES } from '../../shared/api';
import { revokeDevice } from '../devices/devices';
import { bearer, databaseDigest, enrolTablet, fileDigest, makeTestApp, newRecord, uploadRecords, type TestApp } from '../test-app';

let t: TestApp;
let token: string;
let revokedToken: string;

beforeAll(async () => {
  t = await makeTestApp();
  token = (await enrolTablet(t, 'Theke 1')).token;
  const old = await enrolTablet(t, 'Altes Tablet');
  revokedToken = old.token;
  await revokeDevice({ store: t.store, deviceId: old.deviceId, now: t.clock.now });
  // Something is stored already, so "unchanged" means more than "still empty".
  expect((await uploadRecords(t, token, [newRecord()])).status).toBe(200);
});

const good = newRecord();
const badHash = { ...newRecord(), hash: 'f'.repeat(64) };
const { signedAt: _dropped, ...missingField } = newRecord();
const wrongType = { ...newRecord(), signedAt: 1_732_873_530 };

type Auth = 'good' | 'none' | 'wrong' | 'revoked';
const cases: Array<{ name: string; body: string; auth?: Auth; status: number; error: string }> = [
  { name: 'malformed JSON', body: '{"records": [', status: 400, error: 'malformed_json' },
  { name: 'an empty body', body: '', status: 400, error: 'malformed_json' },
  { name: 'JSON that is not the envelope', body: '[1, 2, 3]', status: 400, error: 'invalid_request' },
  { name: 'no records field', body: JSON.stringify({ record: [good] }), status: 400, error: 'invalid_request' },
  { name: 'records of the wrong type', body: JSON.stringify({ records: 'all of them' }), status: 400, error: 'invalid_request' },
  { name: 'no records at all', body: JSON.stringify({ records: [] }), status: 400, error: 'invalid_request' },
  { name: 'too many records', body: JSON.stringify({ records: Array.from({ length: MAX_BATCH_RECORDS + 1 }, () => good) }), status: 400, error: 'invalid_request' },
  { name: 'a field beside records', body: JSON.stringify({ records: [good], device: 'x' }), status: 400, error: 'invalid_request' },
  { name: 'a record with a missing field', body: JSON.stringify({ records: [good, missingField] }), status: 422, error: 'invalid_record' },
  { name: 'a record with a wrong type', body: JSON.stringify({ records: [good, wrongType] }), status: 422, error: 'invalid_record' },
  { name: 'a record whose hash does not match', body: JSON.stringify({ records: [good, badHash] }), status: 422, error: 'invalid_record' },
  { name: 'a body that is too large', body: JSON.stringify({ records: [{ ...good, padding: 'x'.repeat(MAX_BODY_BYTES) }] }), status: 413, error: 'too_large' },
  { name: 'a missing token', body: JSON.stringify({ records: [good] }), auth: 'none', status: 401, error: 'unauthenticated' },
  { name: 'a wrong token', body: JSON.stringify({ records: [good] }), auth: 'wrong', status: 401, error: 'invalid_token' },
  { name: 'a revoked token', body: JSON.stringify({ records: [good] }), auth: 'revoked', status: 403, error: 'device_revoked' },
];

describe('bad requests to POST /api/v1/records', () => {
  for (const c of cases) {
    it(`refuses ${c.name} with ${c.status} ${c.error}, stores nothing, and keeps serving`, async () => {
      const before = { contents: databaseDigest(t.file), bytes: fileDigest(t.file) };
      const auth: Record<Auth, Record<string, string>> = { good: bearer(token), none: {}, wrong: bearer('wrong-token'), revoked: bearer(revokedToken) };
      const headers = auth[c.auth ?? 'good'];
      const res = await t.app.request('/api/v1/records', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: c.body });

      expect(res.status).toBe(c.status);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const body = (await res.json()) as { error: string; message: string };
      expect(body).toMatchObject({ error: c.error, message: expect.stringMatching(/\w+ \w+/) });
      expect(databaseDigest(t.file)).toBe(before.contents);
      expect(fileDigest(t.file)).toBe(before.bytes);
      expect((await t.app.request('/api/v1/health')).status).toBe(200);
    });
  }

  it('names each invalid record by index, id and issue, and stores none of the batch', async () => {
    const res = await uploadRecords(t, token, [good, badHash, wrongType]);
    expect(res.status).toBe(422);
    const body = (await res.json()) as { records: Array<{ index: number; id: string; issues: Array<{ path: string; message: string }> }> };
    expect(body.records.map((r) => [r.index, r.id])).toEqual([
      [1, badHash.id],
      [2, wrongType.id],
    ]);
    expect(body.records[0]!.issues).toContainEqual({ path: '', message: 'error.hash' });
    expect(body.records[1]!.issues).toContainEqual(expect.objectContaining({ path: 'signedAt' }));
    expect(await t.store.records.body({ id: good.id })).toBeNull();
  });

  it('says the limit when a body is too large', async () => {
    const res = await t.app.request('/api/v1/records', {
      method: 'POST',
      headers: { ...bearer(token), 'content-type': 'application/json', 'content-length': String(MAX_BODY_BYTES + 1) },
      body: 'x'.repeat(MAX_BODY_BYTES + 1),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { message: string }).message).toContain(String(MAX_BODY_BYTES));
  });

  it('still takes a good batch after all of that', async () => {
    const res = await uploadRecords(t, token, [good]);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ results: [{ id: good.id, status: 'stored' }] });
  });
});
