/**
 * The service worker. It precaches the built app so the kiosk starts with no network, answers
 * every navigation with the app shell, and takes an update only when the page asks for it (at the
 * idle lock screen). Thin on purpose: it only wires events; the logic lives in shared code.
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { isPageToWorkerMessage } from '../shared/sw-messages';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<PrecacheEntry | string> };

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// The app has no routes: every URL opens it, even offline. The API is never answered from cache.
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [/^\/api\//] }));

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
