/** The enrolled tablets: finding one by its token, and revoking one. */
import type { DeviceRow, Store } from '../store/store';
import { sha256Hex } from '../secrets';

export async function findDeviceByToken({ store, token }: { store: Store; token: string }): Promise<DeviceRow | null> {
  return store.devices.findByTokenHash({ tokenHash: sha256Hex(token) });
}

/** From now on the device's requests are refused with 403 device_revoked; its records stay. */
export async function revokeDevice({ store, deviceId, now }: { store: Store; deviceId: string; now: Date }): Promise<boolean> {
  return store.devices.revoke({ id: deviceId, now: now.toISOString() });
}
