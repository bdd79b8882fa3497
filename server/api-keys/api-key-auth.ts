/**
 * Middleware for the endpoints the shop's own software calls: `Authorization: Bearer <API key>`.
 * A device token is not an API key: tablets pull orders, they never push them.
 */
import type { MiddlewareHandler } from 'hono';
import type { ApiKeyRow, Store } from '../store/store';
import { apiError, bearerToken } from '../http/api-error';
import { findActiveApiKey } from './api-keys';

export type ApiKeyEnv = { Variables: { apiKey: ApiKeyRow } };

export function requireApiKey({ store }: { store: Store }): MiddlewareHandler<ApiKeyEnv> {
  return async (c, next) => {
    const key = bearerToken(c.req.header('authorization'));
    if (!key) {
      c.header('WWW-Authenticate', 'Bearer realm="countersign"');
      return apiError(c, 401, 'unauthenticated', 'This request needs an API key (Authorization: Bearer <key>). The shop owner makes one in the owner area, API keys.');
    }
    const row = await findActiveApiKey({ store, key });
    if (!row) {
      c.header('WWW-Authenticate', 'Bearer realm="countersign", error="invalid_token"');
      return apiError(c, 401, 'invalid_token', 'This API key is unknown or was revoked. Ask the shop owner for a new one (owner area, API keys).');
    }
    c.set('apiKey', row);
    await next();
  };
}
