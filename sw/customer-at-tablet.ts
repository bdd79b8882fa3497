/**
 * Whether a customer has the tablet: the app keeps the kiosk draft in IndexedDB (row 'current' of
 * the `kiosk` store, src/data/kiosk-session.ts) from the hand-over until the kiosk exits. Read
 * here straight from IndexedDB, read-only, like src/data/early-boot.ts: this never creates,
 * upgrades or holds open the app's database (Dexie in the page owns its versions).
 */
import { DB_NAME } from '../src/data/db-version';

const KIOSK_STORE = 'kiosk';
const CURRENT = 'current';

/** How long a navigation waits for the answer: an open queued behind a blocked upgrade never ends. */
const ANSWER_MS = 2_000;

/**
 * True while a kiosk draft is stored. When the database cannot be read, or not within ANSWER_MS,
 * it answers true: the worker then shows the app (which says what is wrong) rather than let a
 * customer out.
 */
export function customerAtTablet(): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), ANSWER_MS)));
  return Promise.race([readDraft(), late]).finally(() => clearTimeout(timer));
}

async function readDraft(): Promise<boolean> {
  try {
    const db = await openExisting();
    if (!db) return false;
    try {
      if (!db.objectStoreNames.contains(KIOSK_STORE)) return false;
      return await new Promise<boolean>((resolve, reject) => {
        const request = db.transaction(KIOSK_STORE, 'readonly').objectStore(KIOSK_STORE).count(CURRENT);
        request.onsuccess = () => resolve(request.result > 0);
        request.onerror = () => reject(request.error);
      });
    } finally {
      db.close();
    }
  } catch {
    return true;
  }
}

/** The app's database at whatever version it has; null when there is none (never created here). */
function openExisting(): Promise<IDBDatabase | null> {
  return new Promise((resolve, reject) => {
    // No version: opens the current one. Only a missing database asks for an upgrade; aborting it
    // means no empty database is left behind for Dexie to trip over.
    const open = self.indexedDB.open(DB_NAME);
    let missing = false;
    open.onupgradeneeded = () => {
      missing = true;
      open.transaction?.abort();
    };
    open.onsuccess = () => {
      // Never stand in the way of the page's upgrade to a new version.
      open.result.onversionchange = () => open.result.close();
      resolve(open.result);
    };
    open.onerror = (event) => {
      event.preventDefault();
      if (missing) resolve(null);
      else reject(open.error);
    };
  });
}
