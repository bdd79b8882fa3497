/** The tablet's own id, made once and kept; every record names the device it was captured on. */
import { db } from './db';
import { randomHex } from './pin';

export async function getDeviceId(): Promise<string> {
  return db.transaction('rw', db.settings, async () => {
    const row = await db.settings.get('deviceId');
    if (typeof row?.value === 'string') return row.value;
    const id = `tablet-${randomHex(8)}`;
    await db.settings.put({ key: 'deviceId', value: id });
    return id;
  });
}
