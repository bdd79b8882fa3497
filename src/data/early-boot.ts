/**
 * The first module main.tsx runs. It reads what the start screen needs straight from IndexedDB
 * (the shop, the enrolment, the staff count, a kiosk draft with its order) in one read-only
 * transaction, while the rest of the app's code, Dexie included, is still being evaluated; Dexie
 * then opens the database after the first screen is up (`npm run bench`, figure 1).
 * It only reads, and only a database Dexie has already brought to DB_VERSION: on a first start,
 * or before an upgrade, it gives null and boot-state.ts reads through Dexie instead.
 */
import type { BootState } from './boot-state';
import { DB_NAME, IDB_VERSION } from './db-version';
import type { DeviceRegistration } from './device-registration';
import type { KioskRow, OrderRow, SettingRow } from './db';

const STORES = ['settings', 'staff', 'kiosk', 'orders'] as const;

export const earlyBootState: Promise<BootState | null> = readEarlyBootState().catch(() => null);

export async function readEarlyBootState(): Promise<BootState | null> {
  const idb = globalThis.indexedDB;
  if (!idb) return null;
  const db = await new Promise<IDBDatabase | null>((resolve, reject) => {
    const open = idb.open(DB_NAME, IDB_VERSION);
    // No database yet, or an older one: never create or upgrade from here. An aborted upgrade
    // leaves the database as it was, and a new one is not kept; Dexie does it after the start.
    open.onupgradeneeded = () => open.transaction?.abort();
    open.onsuccess = () => resolve(open.result);
    open.onerror = (event) => {
      event.preventDefault();
      resolve(null);
    };
    open.onblocked = () => reject(new Error('blocked'));
  });
  if (!db) return null;
  try {
    if (!STORES.every((name) => db.objectStoreNames.contains(name))) return null;
    // Resolved by the last answer, not by the transaction's complete event: at 4× CPU throttling
    // every further event costs the start a few dozen milliseconds. It only reads.
    return await new Promise<BootState>((resolve, reject) => {
      const tx = db.transaction([...STORES], 'readonly');
      const state: BootState = { shop: undefined, enrolled: false, staffCount: 0, session: undefined, sessionOrder: undefined };
      let waiting = 0;
      const read = <T>(request: IDBRequest, then: (value: T) => void) => {
        waiting++;
        request.onsuccess = () => {
          then(request.result as T);
          if (--waiting === 0) resolve(state);
        };
      };
      read<SettingRow[]>(tx.objectStore('settings').getAll(), (rows) => {
        const value = (key: SettingRow['key']) => rows.find((row) => row.key === key)?.value;
        state.shop = value('shop') as BootState['shop'];
        state.enrolled = (value('device') as DeviceRegistration | undefined) !== undefined;
      });
      read<number>(tx.objectStore('staff').count(), (n) => (state.staffCount = n));
      read<KioskRow | undefined>(tx.objectStore('kiosk').get('current'), (row) => {
        state.session = row?.session;
        if (row) read<OrderRow | undefined>(tx.objectStore('orders').get(row.session.orderId), (order) => (state.sessionOrder = order));
      });
      tx.onerror = tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}
