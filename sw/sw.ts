/**
 * The service worker. It precaches the built app so the kiosk starts with no network, answers
 * every navigation with the app shell, takes an update only when the page asks for it (at the
 * idle lock screen), and answers Background Sync with the page's own sync run. Thin on purpose:
 * it only wires events; the logic lives in shared code and src/sync.
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { isPageToWorkerMessage } from '../shared/sw-messages';
import { SYNC_TAG } from '../src/sync/sync-events';
import { syncNow } from '../src/sync/sync-records';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<PrecacheEntry | string> };

/** Background Sync's event (not in TypeScript's WebWorker lib yet). */
interface SyncEvent extends ExtendableEvent {
  readonly tag: string;
  readonly lastChance: boolean;
}

/** Failures worth the browser's own retry (it backs off); the page's timer covers the rest. */
const RETRY_LATER = new Set(['unreachable', 'timeout', 'server_error', 'offline']);

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// The app has no routes: every URL opens it, even offline. The API, the owner area and the
// customers' e-mail link pages (/c/…, server pages) are never answered with the app.
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [/^\/api\//, /^\/owner(\/|$)/, /^\/c\//] }));

// No skipWaiting() on install: a new version waits until the page says the kiosk is idle.
self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
});

self.addEventListener('message', (event) => {
  if (!isPageToWorkerMessage(event.data)) return;
  switch (event.data.type) {
    case 'SKIP_WAITING':
      event.waitUntil(self.skipWaiting());
      break;
  }
});

self.addEventListener('sync', (event: Event) => {
  const sync = event as SyncEvent;
  if (sync.tag !== SYNC_TAG) return;
  sync.waitUntil(
    syncNow({ reason: 'background' }).then((result) => {
      if (result.status === 'failed' && RETRY_LATER.has(result.error?.code ?? '') && !sync.lastChance) throw new Error('countersign: sync failed; retry later');
    }),
  );
});
