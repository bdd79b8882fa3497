/**
 * CSRF protection for cookie-authenticated forms: every request that is not GET or HEAD must carry
 * an Origin header naming this site (the request's own origin, or PUBLIC_URL's). Together with the
 * SameSite=Strict session cookie, no other site can make the owner's browser change anything.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { Config } from '../config';
import { requestOrigin } from './client';

export function allowedOrigins(c: Context, config: Pick<Config, 'publicUrl' | 'trustProxy'>): string[] {
  const origins = [requestOrigin(c, config)];
  if (config.publicUrl) origins.push(new URL(config.publicUrl).origin);
  return origins;
}

export function requireSameOrigin({
  config,
  refuse,
}: {
  config: Pick<Config, 'publicUrl' | 'trustProxy'>;
  refuse: (c: Context) => Response | Promise<Response>;
}): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    // Browsers that send Fetch Metadata say outright whether the request came from this site.
    const site = c.req.header('sec-fetch-site');
    if (site !== undefined && site !== 'same-origin') return refuse(c);
    const origin = c.req.header('origin');
    if (!origin || !allowedOrigins(c, config).includes(origin)) return refuse(c);
    return next();
  };
}
