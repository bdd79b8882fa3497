/**
 * /api/v1 put together: one sub-app per resource. Public are only health, this API's OpenAPI
 * document and enrolment (the code is the credential); everything else needs a device token or an
 * API key. Answers are never cached.
 */
import { Hono } from 'hono';
import pkg from '../../package.json' with { type: 'json' };
import type { Config } from '../config';
import { createConsentEventsApi } from '../consents/consent-events-api';
import type { DemoShop } from '../demo';
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

  api.route('/enrol', createEnrolApi({ store, now, trustProxy: config.trustProxy, demoStaff: demo?.staff ?? null }));
  api.route('/records', createRecordsApi({ store, now }));
  api.route('/consent-events', createConsentEventsApi({ store, now }));
  api.route('/orders', createOrdersApi({ store, now }));
  api.route('/shop', createShopApi({ store, now }));

  api.all('*', (c) => apiError(c, 404, 'not_found', `No API endpoint ${c.req.method} ${c.req.path}; see /api/v1/openapi.json.`));
  return api;
}
