/**
 * The backend as one Hono app: the JSON API under /api/v1 and the built tablet app for everything
 * else. createApp() takes everything it needs as options, so tests call app.request() with no
 * server running. The next issue mounts its sub-apps (devices, sync, orders) beside demo-seed.
 */
import { Hono } from 'hono';
import pkg from '../package.json' with { type: 'json' };
import type { Config } from './config';
import { buildDemoSeed, type DemoShop } from './demo';
import { serveSite, type StaticSite } from './static';

export interface AppOptions {
  config: Config;
  site: StaticSite;
  /** The demo shop when demo mode is on, else null. */
  demo: DemoShop | null;
  now?: () => Date;
}

/** A JSON error as every API refusal gives it: a stable code for programs, a sentence for people. */
export type ApiError = { error: string; message: string };

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

export function createApp({ config, site, demo, now = () => new Date() }: AppOptions): Hono {
  const app = new Hono();

  app.use(async (c, next) => {
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Frame-Options', 'DENY');
    if (c.res.headers.get('Content-Type')?.startsWith('text/html')) c.header('Content-Security-Policy', CSP);
  });

  const api = new Hono();
  api.use(async (c, next) => {
    await next();
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
  });

  api.get('/health', (c) => c.json({ ok: true, version: pkg.version, demo: config.demo }));

  // The tablet's setup wizard offers the demo shop when this answers.
  api.get('/demo-seed', (c) =>
    demo
      ? c.json(buildDemoSeed({ staff: demo.staff, now: now() }))
      : c.json<ApiError>({ error: 'demo_off', message: 'Demo mode is off on this server (DEMO=0).' }, 404),
  );

  app.route('/api/v1', api);
  app.all('/api/*', (c) => c.json<ApiError>({ error: 'not_found', message: `No API endpoint ${c.req.method} ${c.req.path}.` }, 404));
  app.get('*', serveSite(site));

  app.onError((err, c) => {
    console.error(err);
    if (c.req.path.startsWith('/api/')) return c.json<ApiError>({ error: 'internal', message: 'The server failed; see its log.' }, 500);
    return c.text('Internal server error', 500);
  });
  return app;
}
