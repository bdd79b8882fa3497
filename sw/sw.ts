/**
 * The service worker. It precaches the built app so the kiosk starts with no network, answers
 * every navigation with the app shell, takes an update only when the page asks for it (at the
 * idle lock screen), and answers Background Sync with the page's own sync run. Thin on purpose:
 * it only wires events; the logic lives in shared code and src/sync.
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { isPageToWorkerMessage } from '../shared/sw-messages';
import { customerAtTablet } from './customer-at-tablet';
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
// customers' e-mail link pages (/c/…) are the server's pages, and reach the server…
const appShell = createHandlerBoundToURL('index.html');
const SERVER_PAGES = [/^\/api\//, /^\/owner(\/|$)/, /^\/c\//];
registerRoute(new NavigationRoute(appShell, { denylist: SERVER_PAGES }));
// …except while a customer has the tablet: then every address of this origin opens the app, which
// shows the kiosk again. A customer must not reach the owner area (where the owner may still be
// logged in in this browser) by typing its address.
registerRoute(
  ({ request, url }) => request.mode === 'navigate' && url.origin === self.location.origin && SERVER_PAGES.some((page) => page.test(url.pathname)),
  async (options) => ((await customerAtTablet()) ? appShell(options) : fetch(options.request)),
);

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
