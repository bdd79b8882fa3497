import 'fake-indexeddb/auto';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { fixtureShop } from '../../shared/record.fixture';
import { db } from './db';
import { getDeviceId } from './device';
import { getDevice, markDeviceRevoked } from './device-registration';
import { addStaffMembers, saveEnrolment } from './enrolment';
import { makeStaffMember, setUpShop } from './setup';
import { countStaff, getShop, listStaff } from './shop';

const device = { deviceId: 'tablet-AbC_12-x', token: 'secret-token', name: 'Tablet Theke 1', enrolledAt: '2026-11-29T08:00:00.000Z' };

beforeEach(async () => {
  await db.delete();
  await db.open();
});
afterAll(() => db.close());

describe('saveEnrolment', () => {
  it("stores the device, the server's shop and staff; records name the server's device id from now on", async () => {
    const staff = await makeStaffMember({ name: 'Demo', pin: '246810' });
    const result = await saveEnrolment({ device, shop: fixtureShop(), staff: [staff] });
    expect(result).toEqual({ shop: fixtureShop(), staffCount: 1 });
    expect(await getDevice()).toEqual(device);
    expect(await getDeviceId()).toBe('tablet-AbC_12-x');
    expect(await listStaff()).toEqual([staff]);
  });

  it('keeps the shop and staff of a tablet that connects later, taking only what the server publishes', async () => {
    const local = await makeStaffMember({ name: 'Anna', pin: '4829' });
    await setUpShop({ shop: fixtureShop({ askHealth: false, inactivitySeconds: 300 }), staff: [local] });
    const result = await saveEnrolment({ device, shop: fixtureShop({ name: 'Optik Server' }), staff: [] });
    expect(result.shop).toMatchObject({ name: 'Optik Server', askHealth: false, inactivitySeconds: 300 });
    expect(await getShop()).toEqual(result.shop);
    expect(await countStaff()).toBe(1);
  });

  it('leaves a tablet without shop when the server has none, for its setup to follow', async () => {
    expect(await saveEnrolment({ device, shop: null, staff: [] })).toEqual({ shop: undefined, staffCount: 0 });
    expect(await getShop()).toBeUndefined();
  });

  it('stores nothing when the server sends a broken shop', async () => {
    await expect(saveEnrolment({ device, shop: fixtureShop({ name: '' }), staff: [] })).rejects.toThrow('error.required');
    expect(await getDevice()).toBeUndefined();
  });

  it('clears a revocation when the tablet enrols again', async () => {
    await saveEnrolment({ device, shop: null, staff: [] });
    await markDeviceRevoked('2026-11-30T08:00:00.000Z');
    expect((await getDevice())?.revokedAt).toBe('2026-11-30T08:00:00.000Z');
    await saveEnrolment({ device: { ...device, deviceId: 'tablet-2', token: 'new' }, shop: null, staff: [] });
    expect(await getDevice()).toEqual({ ...device, deviceId: 'tablet-2', token: 'new' });
  });

  it('adds the first staff member of a server without staff', async () => {
    await saveEnrolment({ device, shop: fixtureShop(), staff: [] });
    expect(await countStaff()).toBe(0);
    await addStaffMembers([await makeStaffMember({ name: 'Paul', pin: '135790' })]);
    expect(await countStaff()).toBe(1);
    await expect(addStaffMembers([])).rejects.toThrow('error.required');
  });
});
