/** The owner area's cookies: the session (HttpOnly, SameSite=Strict, Secure over HTTPS) and the language. */
import type { Context } from 'hono';
import type { Config } from '../config';
import { requestOrigin } from '../http/client';

export const SESSION_COOKIE = 'countersign_owner';
export const LANG_COOKIE = 'countersign_lang';

/** Cookies get Secure whenever the owner reaches the server over HTTPS, directly or through a proxy. */
export function isHttps(c: Context, config: Pick<Config, 'tls' | 'publicUrl' | 'trustProxy'>): boolean {
  return config.tls !== null || config.publicUrl?.startsWith('https:') === true || requestOrigin(c, config).startsWith('https:');
}
