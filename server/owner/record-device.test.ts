/**
 * The owner sees in the "Gerät" column the name of the tablet that uploaded a record and, when the
 * record names another device id (a tablet signs under its local id before enrolment), a note
 * saying so: on the records page and in a customer's record list. Real SQLite file, app.request().
 */
import { describe, expect, it } from 'vitest';
import { fixtureRecord } from '../../shared/record.fixture';
import { enrolTablet, makeTestApp, newRecord, setUpOwner, uploadRecords, type TestApp } from '../test-app';

const capturedOn = (deviceId: string) => newRecord({ capture: { ...fixtureRecord().capture, deviceId } });

/** The table row that names a record id, as HTML. */
const rowOf = (html: string, recordId: string) => html.split('<tr>').find((row) => row.includes(recordId)) ?? '';
/** The "Gerät" cell of a row: the one holding the device name. */
const deviceCell = (row: string) => [...row.matchAll(/<td>(.*?)<\/td>/gs)].map((m) => m[1]!).find((cell) => cell.includes('Theke')) ?? '';

async function twoRecords(t: TestApp) {
  const tablet = await enrolTablet(t, 'Theke 1');
  const same = capturedOn(tablet.deviceId);
  const beforeEnrolment = capturedOn('local-7f3a9c');
  expect((await uploadRecords(t, tablet.token, [same, beforeEnrolment])).status).toBe(200);
  return { same, beforeEnrolment, cookie: await setUpOwner(t) };
}

const page = async (t: TestApp, path: string, cookie: string) => {
  const res = await t.app.request(path, { headers: { cookie } });
  expect(res.status).toBe(200);
  return res.text();
};

describe("a record's device in the owner area", () => {
  it('keeps the capture device id beside the uploading device in the store', async () => {
    const t = await makeTestApp();
    const tablet = await enrolTablet(t);
    const record = capturedOn('local-7f3a9c');
    await uploadRecords(t, tablet.token, [record]);
    expect(await t.store.records.recent({ limit: 1 })).toEqual([expect.objectContaining({ deviceId: tablet.deviceId, captureDeviceId: 'local-7f3a9c' })]);
  });

  it('says on the records page who uploaded each record, and notes a record captured under another id', async () => {
    const t = await makeTestApp();
    const { same, beforeEnrolment, cookie } = await twoRecords(t);
    const html = await page(t, '/owner/records', cookie);

    expect(deviceCell(rowOf(html, same.id))).toBe('Theke 1');
    expect(deviceCell(rowOf(html, beforeEnrolment.id))).toMatch(/^Theke 1<br\/?><small class="capture-note" title="[^"]+">Auf anderem Gerät erfasst: local-7f3a9c<\/small>$/);
    expect(html).not.toContain('Hochgeladen von');

    const english = await page(t, '/owner/records?lang=en', cookie);
    expect(deviceCell(rowOf(english, same.id))).toBe('Theke 1');
    expect(rowOf(english, beforeEnrolment.id)).toContain('Captured on another device: local-7f3a9c');
    expect(english).not.toContain('Uploaded by');
  });

  it("says the same in the customer's record list", async () => {
    const t = await makeTestApp();
    const { same, beforeEnrolment, cookie } = await twoRecords(t);
    const [customer] = await t.store.customers.search({ query: '', limit: 1 });
    const html = await page(t, `/owner/customers/${encodeURIComponent(customer!.id)}`, cookie);
    const receipt = (id: string) => `records/${encodeURIComponent(id)}/receipt.pdf`;

    expect(deviceCell(rowOf(html, receipt(same.id)))).toBe('Theke 1');
    expect(rowOf(html, receipt(beforeEnrolment.id))).toContain('Auf anderem Gerät erfasst: local-7f3a9c');
  });

  it('escapes a device name and id like any other text', async () => {
    const t = await makeTestApp();
    const tablet = await enrolTablet(t, '<b>Theke</b>');
    const record = capturedOn(tablet.deviceId);
    await uploadRecords(t, tablet.token, [record]);
    const html = await page(t, '/owner/records', await setUpOwner(t));
    expect(deviceCell(rowOf(html, record.id))).toBe('&lt;b&gt;Theke&lt;/b&gt;');
  });
});
