/**
 * Who is asking, and at which address: the client's IP (for rate limits) and the origin the
 * browser believes it is talking to (for the same-origin check). Behind a reverse proxy the
 * socket only shows the proxy, so the X-Forwarded-* headers count only when TRUST_PROXY is on;
 * otherwise anyone could claim any address.
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

export interface ClientOptions {
  trustProxy: boolean;
}

export function clientIp(c: Context, { trustProxy }: ClientOptions): string {
  if (trustProxy) {
    // The proxy appends the address it saw, so the last entry is the one it vouches for.
    const forwarded = c.req.header('x-forwarded-for')?.split(',').map((s) => s.trim()).filter(Boolean);
    if (forwarded?.length) return forwarded.at(-1)!;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // app.request() in tests has no socket
  }
}

/** The scheme and host of this request as the browser sees them, e.g. https://kasse.example.com. */
export function requestOrigin(c: Context, { trustProxy }: ClientOptions): string {
  const url = new URL(c.req.url);
  if (trustProxy) {
    const proto = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim();
    const host = c.req.header('x-forwarded-host')?.split(',')[0]?.trim();
    if (proto === 'http' || proto === 'https') url.protocol = `${proto}:`;
    if (host) url.host = host;
  }
  return url.origin;
}
