/**
 * The backend as one Hono app: the JSON API under /api/v1, the owner area under /owner, and the
 * built tablet app for everything else. createApp() takes everything it needs as options, so tests
 * call app.request() with no server running.
 */
import { Hono } from 'hono';
import type { ApiError } from '../shared/api';
import { createApi } from './api/api';
import type { Config } from './config';
import type { DemoShop } from './demo';
import { createLinkPages } from './links/link-pages';
import type { Mailer } from './mail/mailer';
import { createOwnerApp } from './owner/owner-app';
import { serveSite, type StaticSite } from './static';
import type { Store } from './store/store';

export interface AppOptions {
  config: Config;
  site: StaticSite;
  store: Store;
  /** The demo shop when demo mode is on, else null. */
  demo: DemoShop | null;
  now?: () => Date;
  /** Sends the thank-you e-mails; kicked after each upload so they go at once. None in most tests. */
  mailer?: Mailer | null;
}

// The app loads nothing from elsewhere; a page that frames it could trick a customer into signing.
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "frame-src 'self' blob: data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function createApp({ config, site, store, demo, now = () => new Date(), mailer = null }: AppOptions): Hono {
  const app = new Hono();

  app.use(async (c, next) => {
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    // Not no-referrer: with it, browsers send `Origin: null` on form posts, which the owner's CSRF check must refuse.
    if (!c.res.headers.has('Referrer-Policy')) c.header('Referrer-Policy', 'same-origin');
    c.header('X-Frame-Options', 'DENY');
    if (c.res.headers.get('Content-Type')?.startsWith('text/html')) c.header('Content-Security-Policy', CSP);
  });

  // A stored upload may have queued thank-you e-mails: send them now, not on the next timer tick.
  if (mailer) {
    app.use('/api/v1/records', async (c, next) => {
      await next();
      if (c.req.method === 'POST' && c.res.status === 200) void mailer.kick();
    });
  }
  app.route('/api/v1', createApi({ config, store, demo, now }));
  app.all('/api/*', (c) => c.json<ApiError>({ error: 'not_found', message: `No API endpoint ${c.req.method} ${c.req.path}; see /api/v1/openapi.json.` }, 404));
  app.route('/owner', createOwnerApp({ config, store, now, mailer }));
  app.route('/c', createLinkPages({ store, now }));
  app.get('*', serveSite(site));

  app.onError((err, c) => {
    console.error(err);
    if (c.req.path.startsWith('/api/')) return c.json<ApiError>({ error: 'server_error', message: 'The server failed; see its log.' }, 500);
    return c.text('Internal server error', 500);
  });
  return app;
}
