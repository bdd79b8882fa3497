/**
 * /api/v1 put together: one sub-app per resource. Public are only health, this API's OpenAPI
 * document, enrolment (the code is the credential) and, for now, the demo seed; everything else
 * needs a device token or an API key. Answers are never cached.
 */
import { Hono } from 'hono';
import pkg from '../../package.json' with { type: 'json' };
import type { Config } from '../config';
import { buildDemoSeed, type DemoShop } from '../demo';
import { createEnrolApi } from '../devices/enrol-api';
import { apiError } from '../http/api-error';
import { createOrdersApi } from '../orders/orders-api';
import { createRecordsApi } from '../records/records-api';
import { createShopApi } from '../shop/shop-api';
import type { Store } from '../store/store';
import { openApiDocument } from './openapi';

export function createApi({ config, store, demo, now }: { config: Config; store: Store; demo: DemoShop | null; now: () => Date }): Hono {
  const api = new Hono();
  api.use(async (c, next) => {
    await next();
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
  });

  api.get('/health', (c) => c.json({ ok: true, version: pkg.version, demo: config.demo }));
  api.get('/openapi.json', (c) => c.json(openApiDocument));

  // TEMPORARY: the tablet's setup wizard still loads the demo shop from here. Remove this route
  // (and buildDemoSeed's use here) when the tablet's enrolment screen lands; POST /enrol with the
  // demo enrolment code then hands the tablet the same shop and staff.
  api.get('/demo-seed', (c) =>
    demo
      ? c.json(buildDemoSeed({ staff: demo.staff, now: now() }))
      : c.json({ error: 'demo_off', message: 'Demo mode is off on this server (DEMO=0).' }, 404),
  );

  api.route('/enrol', createEnrolApi({ store, now, trustProxy: config.trustProxy, staff: demo ? [demo.staff] : [] }));
  api.route('/records', createRecordsApi({ store, now }));
  api.route('/orders', createOrdersApi({ store, now }));
  api.route('/shop', createShopApi({ store, now }));

  api.all('*', (c) => apiError(c, 404, 'not_found', `No API endpoint ${c.req.method} ${c.req.path}; see /api/v1/openapi.json.`));
  return api;
}
