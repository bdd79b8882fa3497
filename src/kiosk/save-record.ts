/** Seals the finished draft into a record and stores it; "saved" may be shown only once this resolves ok. */
import type { ShopConfig } from '../../shared/shop';
import { getDeviceId } from '../data/device';
import type { KioskSession } from '../data/kiosk-session';
import { getOrder } from '../data/orders';
import { saveSignedRecord } from '../data/records';
import { syncAfterSave } from '../sync/request-sync';
import { APP_VERSION } from '../version';
import { buildRecord } from './build-record';

export type SignResult = { ok: true; recordId: string } | { ok: false; message: string };

export async function signAndSaveRecord(options: { shop: ShopConfig; session: KioskSession }): Promise<SignResult> {
  try {
    const order = await getOrder(options.session.orderId);
    if (!order) return { ok: false, message: 'error.storage' };
    if (order.status !== 'open') return { ok: false, message: 'error.duplicate' };
    const record = buildRecord({
      id: crypto.randomUUID(),
      session: options.session,
      shop: options.shop,
      pending: order.pending,
      deviceId: await getDeviceId(),
      appVersion: APP_VERSION,
      userAgent: navigator.userAgent,
      now: new Date(),
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    });
    const saved = await saveSignedRecord(record);
    if (!saved.ok) return { ok: false, message: saved.message };
    syncAfterSave(); // in the background: the customer's "saved" never waits for the network
    return { ok: true, recordId: saved.record.id };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}
