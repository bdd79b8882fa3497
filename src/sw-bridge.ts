/// <reference types="vite/client" />
/**
 * The page's side of the service worker: registers it, notices when a new version is waiting, and
 * applies it when the app says so (only at the idle lock screen, never in front of a customer).
 * It also asks for a Background Sync after a record is saved, where the browser has one.
 * This module is in the main chunk, on the kiosk's start path: keep it small and dependency-free.
 */
import type { PageToWorkerMessage } from '../shared/sw-messages';
import { SYNC_TAG } from './sync/sync-events';

const UPDATE_CHECK_MS = 30 * 60 * 1000;

const listeners = new Set<() => void>();
let waiting: ServiceWorker | null = null;

/** Registers /sw.js once the page has loaded. There is no service worker in dev. */
export function registerServiceWorker(): void {
  if (import.meta.env.DEV || !('serviceWorker' in navigator)) return;
  if (document.readyState === 'complete') void register();
  else window.addEventListener('load', () => void register(), { once: true });
}

/** Calls cb when an update is ready (at once if one already is); returns the unsubscribe. */
export function onUpdateReady(cb: () => void): () => void {
  listeners.add(cb);
  if (waiting) queueMicrotask(() => listeners.has(cb) && cb());
  return () => {
    listeners.delete(cb);
  };
}

/** Lets the waiting version take over, then reloads once. Call it only when no customer is busy. */
export function applyUpdate(): void {
  const worker = waiting;
  if (!worker) return;
  waiting = null;
  // Listening only now keeps the first install's clients.claim() from reloading the page.
  navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
  const message: PageToWorkerMessage = { type: 'SKIP_WAITING' };
  worker.postMessage(message);
}

/** Background Sync (Chromium): the worker syncs once the network is there, even after the page is gone. */
export function registerBackgroundSync(): void {
  if (import.meta.env.DEV || !('serviceWorker' in navigator)) return;
  void navigator.serviceWorker
    .getRegistration()
    .then((registration) => (registration as (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }) | undefined)?.sync?.register(SYNC_TAG))
    .catch(() => undefined); // missing or refused: the page's own triggers still run
}

async function register(): Promise<void> {
  let registration: ServiceWorkerRegistration;
  try {
    registration = await navigator.serviceWorker.register('/sw.js', { scope: '/', updateViaCache: 'none' });
  } catch (error) {
    console.warn('countersign: service worker not registered; the app will not work offline.', error);
    return;
  }
  if (registration.waiting) announce(registration.waiting);
  registration.addEventListener('updatefound', () => {
    const installing = registration.installing;
    installing?.addEventListener('statechange', () => {
      // Installed while another version is active: an update, not the first install. (Not
      // `controller`: after a hard reload the page is uncontrolled, and a kiosk never closes.)
      if (installing.state === 'installed' && registration.active) announce(installing);
    });
  });

  const check = () => void registration.update().catch(() => undefined); // offline: try again later
  setInterval(check, UPDATE_CHECK_MS);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') check();
  });
}

function announce(worker: ServiceWorker): void {
  waiting = worker;
  for (const cb of [...listeners]) cb();
}
