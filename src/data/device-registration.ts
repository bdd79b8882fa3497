/**
 * The tablet's enrolment with the shop server: its device id, its token and its name, kept under
 * settings 'device'. No schema here: the app's start reads this (enrolment.ts writes it).
 */
import { db } from './db';

export interface DeviceRegistration {
  deviceId: string;
  /** Sent as `Authorization: Bearer`; the server keeps only its hash. */
  token: string;
  name: string;
  enrolledAt: string;
  /** Set when the server said the owner revoked this tablet; enrolling again clears it. */
  revokedAt?: string;
}

export async function getDevice(): Promise<DeviceRegistration | undefined> {
  return (await db.settings.get('device'))?.value as DeviceRegistration | undefined;
}

/** The server refused this tablet for good; its records stay, and staff are told to enrol again. */
export async function markDeviceRevoked(at: string): Promise<void> {
  await db.transaction('rw', db.settings, async () => {
    const device = await getDevice();
    if (device && !device.revokedAt) await db.settings.put({ key: 'device', value: { ...device, revokedAt: at } });
  });
}
