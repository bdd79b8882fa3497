/**
 * One sync at a time across the page and the service worker, through the Web Locks API; where it
 * is missing, a flag in this module keeps at least this context to one run.
 */
const LOCK_NAME = 'countersign-sync';
let running = false;

/**
 * Runs fn holding the sync lock. 'wait' queues behind a running sync ("Sync now"); 'skip' returns
 * null at once when one is running (timers and events: the running one does the work).
 */
export async function withSyncLock<T>(mode: 'wait' | 'skip', fn: () => Promise<T>): Promise<T | null> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (locks?.request) {
    const ran = await locks.request(LOCK_NAME, { ifAvailable: mode === 'skip' }, async (lock) => (lock ? { value: await fn() } : null));
    return ran ? ran.value : null;
  }
  while (running) {
    if (mode === 'skip') return null;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  running = true;
  try {
    return await fn();
  } finally {
    running = false;
  }
}
