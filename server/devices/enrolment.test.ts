/**
 * Every new tablet asks for "Tablet Theke 1": the server keeps the names of active tablets apart by
 * a number, so the owner's device list has no look-alikes. Real SQLite file, app.request().
 */
import { describe, expect, it } from 'vitest';
import { makeTestApp, postJson, type TestApp } from '../test-app';
import { createEnrolmentCode, uniqueDeviceName } from './enrolment';

async function enrolAs(t: TestApp, deviceName: string): Promise<string> {
  const { code } = await createEnrolmentCode({ store: t.store, now: t.clock.now });
  const res = await postJson(t.app, '/api/v1/enrol', { code, deviceName });
  expect(res.status).toBe(201);
  return ((await res.json()) as { deviceId: string }).deviceId;
}

const nameOf = async (t: TestApp, deviceId: string) => (await t.store.devices.get({ id: deviceId }))?.name;

describe('a tablet enrolled under a name another tablet has', () => {
  it('is stored with the next free number', async () => {
    const t = await makeTestApp();
    const first = await enrolAs(t, 'Tablet Theke 1');
    const second = await enrolAs(t, 'Tablet Theke 1');
    const third = await enrolAs(t, 'Tablet Theke 1');
    const other = await enrolAs(t, 'Werkstatt');
    const otherAgain = await enrolAs(t, 'Werkstatt');
    expect(await nameOf(t, first)).toBe('Tablet Theke 1');
    expect(await nameOf(t, second)).toBe('Tablet Theke 2');
    expect(await nameOf(t, third)).toBe('Tablet Theke 3');
    expect(await nameOf(t, other)).toBe('Werkstatt');
    expect(await nameOf(t, otherAgain)).toBe('Werkstatt 2');
    const names = (await t.store.devices.list()).map((d) => d.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('does not count revoked tablets: their names are free again', async () => {
    const t = await makeTestApp();
    await enrolAs(t, 'Tablet Theke 1');
    const second = await enrolAs(t, 'Tablet Theke 1');
    expect(await t.store.devices.revoke({ id: second, now: t.clock.now.toISOString() })).toBe(true);
    expect(await nameOf(t, await enrolAs(t, 'Tablet Theke 1'))).toBe('Tablet Theke 2');
  });
});

describe('uniqueDeviceName', () => {
  it('keeps a free name as it is', () => {
    expect(uniqueDeviceName({ name: 'Tablet Theke 1', taken: ['Tablet Theke 2'] })).toBe('Tablet Theke 1');
    expect(uniqueDeviceName({ name: 'Theke', taken: [] })).toBe('Theke');
  });

  it('numbers on from the name, skipping numbers in use, whatever the case', () => {
    expect(uniqueDeviceName({ name: 'Tablet Theke 1', taken: ['tablet theke 1', 'Tablet Theke 2', 'Tablet Theke 4'] })).toBe('Tablet Theke 3');
    expect(uniqueDeviceName({ name: 'Theke', taken: ['Theke', 'Theke 2'] })).toBe('Theke 3');
  });

  it('stays within 80 characters', () => {
    const long = 'x'.repeat(80);
    const name = uniqueDeviceName({ name: long, taken: [long] });
    expect(name).toHaveLength(80);
    expect(name.endsWith(' 2')).toBe(true);
  });
});
