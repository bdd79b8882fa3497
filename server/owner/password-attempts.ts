/**
 * One failure limiter for every check of an owner secret (the set-up secret, the login password,
 * the current password when changing it): five failures a minute per client address (IPv6 by its
 * /64, which one household or attacker holds whole), and once there are thirty a minute over all
 * addresses, one a minute for each address that failed; an address with no failure still gets its
 * try, so nobody can lock the owner out. While a limit is used up, even the right password gets
 * 429, so the limit tells nothing about it.
 */
import type { Context } from 'hono';
import type { Config } from '../config';
import { clientIp } from '../http/client';
import { createFailureLimiter, type Attempt } from '../http/rate-limit';
import type { OwnerEnv } from './layout';

export const MAX_FAILURES_PER_MINUTE = 5;
export const MAX_FAILURES_PER_MINUTE_ALL = 30;

/**
 * Reserves one attempt for this address before the slow check (scrypt), so parallel requests count
 * at once; or, when a limit is used up, the page `refuse` renders (with status 429) from the message.
 */
export type BeginAttempt = (
  c: Context<OwnerEnv>,
  refuse: (text: string) => Response | Promise<Response>,
) => { attempt: Attempt } | { refused: Response | Promise<Response> };

export function createPasswordAttempts({ config, now }: { config: Config; now: () => Date }): BeginAttempt {
  const limiter = createFailureLimiter({ max: MAX_FAILURES_PER_MINUTE, windowMs: 60_000, maxTotal: MAX_FAILURES_PER_MINUTE_ALL });
  return (c, refuse) => {
    const ip = addressKey(clientIp(c, config));
    const at = now().getTime();
    const attempt = limiter.begin(ip, at);
    if (attempt) return { attempt };
    const seconds = limiter.retryAfter(ip, at);
    const t = c.get('t');
    c.header('Retry-After', String(seconds));
    return { refused: refuse(limiter.blockedForAll(at) ? t.tooManyAll(seconds) : t.tooMany(seconds)) };
  };
}

/** The key an address counts under: IPv4 as it is (also when mapped into IPv6), IPv6 by its /64. */
export function addressKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!ip.includes(':')) return ip;
  const [head = '', tail] = ip.split('%')[0]!.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail === undefined ? [] : tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}
