/**
 * The page's sync triggers: app start, the network coming back, and a timer every five minutes
 * (sooner when a record's backoff ends earlier). Each run is the same syncNow(); none is awaited
 * by a screen. The start and the timer also minimise acknowledged records, whatever the sync said:
 * that needs only the tablet's own receipts (src/sync/minimise-local.ts).
 */
import type { SyncReason, SyncResult } from '../../shared/sync-plan';
import { requestSync } from './request-sync';
import { onSyncMessage } from './sync-events';

const TIMER_MS = 5 * 60_000;
const MIN_RETRY_MS = 10_000;
/** The start's run waits until the first screen is up: it loads the sync engine, which would compete with that screen's first frame. */
const START_DELAY_MS = 1_000;

/** Loaded on first use, like the sync engine: nothing of it is on the kiosk's start path. */
function minimiseNow(): Promise<void> {
  return import('./minimise-local')
    .then((m) => m.minimiseLocalRecords())
    .then(
      () => undefined,
      (error: unknown) => console.warn('countersign: minimisation failed', error),
    );
}

/** Starts the triggers; returns the stop function. */
export function startAutoSync(): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const schedule = (result: SyncResult | null) => {
    if (stopped) return;
    clearTimeout(timer);
    let delay = TIMER_MS;
    // Offline, the 'online' event brings the next run; otherwise come back when the backoff ends.
    if (result?.nextAttemptAt && result.error?.code !== 'offline') {
      delay = Math.min(TIMER_MS, Math.max(MIN_RETRY_MS, Date.parse(result.nextAttemptAt) - Date.now()));
    }
    timer = setTimeout(() => run('timer'), delay);
  };

  const run = (reason: SyncReason) => {
    clearTimeout(timer);
    requestSync({ reason })
      .then(schedule)
      .catch((error: unknown) => {
        console.warn('countersign: sync failed', error);
        schedule(null);
      })
      // Offline, revoked, the server down or the order pull failing: the details still leave on time.
      .then(() => {
        if ((reason === 'start' || reason === 'timer') && !stopped) return minimiseNow();
      });
  };

  const onOnline = () => run('online');
  window.addEventListener('online', onOnline);
  // Any run (after a save, "Sync now", the service worker) moves the next try to its backoff's end.
  const stopMessages = onSyncMessage((message) => message.type === 'finished' && schedule(message.result));
  timer = setTimeout(() => run('start'), START_DELAY_MS);
  return () => {
    stopped = true;
    clearTimeout(timer);
    window.removeEventListener('online', onOnline);
    stopMessages();
  };
}
