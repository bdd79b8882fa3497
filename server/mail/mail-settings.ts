/**
 * The mail settings (SMTP_URL, MAIL_FROM, MAIL_DIR): checked at start so that a typo stops the
 * server with a clear message instead of failing every e-mail later, and the defaults that make
 * the demo work offline (no SMTP: .eml files in <data dir>/mail-out).
 */
import { join } from 'node:path';
import type { Config } from '../config';
import type { ShopConfig } from '../../shared/shop';

export interface MailSettings {
  /** smtp://user:pass@host:587 or smtps://…:465; null writes .eml files instead. */
  smtpUrl: string | null;
  /** The From header; null: the shop's name with an address of its own (see mailFrom). */
  from: string | null;
  /** Where .eml files go without SMTP; null: <data dir>/mail-out. */
  dir: string | null;
}

export const MAIL_OUT_DIR = 'mail-out';

/** What is wrong with an SMTP_URL, or null when nodemailer can use it. Never echoes the password. */
export function smtpUrlProblem(text: string): string | null {
  const example = 'SMTP_URL must be a URL like smtp://user:password@mail.example.com:587 or smtps://user:password@mail.example.com:465 (special characters in the password percent-encoded).';
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return example;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return example;
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    return `SMTP_URL must start with smtp:// or smtps://, not "${url.protocol}//".`;
  }
  if (!url.hostname) return 'SMTP_URL names no host, e.g. smtp://user:password@mail.example.com:587.';
  try {
    decodeURIComponent(url.username);
    decodeURIComponent(url.password);
  } catch {
    return 'SMTP_URL has a user name or password with a stray "%": percent-encode special characters (% as %25).';
  }
  return null;
}

// "Name <addr@host>" or "addr@host"; a loose check, the SMTP server has the last word.
const ADDRESS = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;

/** What is wrong with a MAIL_FROM, or null. */
export function mailFromProblem(text: string): string | null {
  const named = /^(.*)<([^<>]+)>$/.exec(text.trim());
  const address = named ? named[2]!.trim() : text.trim();
  return ADDRESS.test(address) ? null : `MAIL_FROM must be an address like "Optik Muster <info@optik-muster.de>" or info@optik-muster.de, not "${text}".`;
}

/** SMTP_URL without its password, for the start-up banner and the owner's page. */
export function describeSmtpUrl(text: string): string {
  const url = new URL(text);
  if (url.password) url.password = '***';
  return url.toString().replace(/\/$/, '');
}

export function mailDir(config: Pick<Config, 'dataDir' | 'mail'>): string {
  return config.mail.dir ?? join(config.dataDir, MAIL_OUT_DIR);
}

/**
 * The From header: MAIL_FROM, else the shop's name with the SMTP login when it is an address
 * (most providers insist on it), else an address at the public host that nobody reads.
 */
export function mailFrom({ settings, shop, linkBase }: { settings: MailSettings; shop: Pick<ShopConfig, 'name'>; linkBase: string }): { name: string; address: string } {
  if (settings.from) {
    const named = /^(.*)<([^<>]+)>$/.exec(settings.from.trim());
    if (named) return { name: named[1]!.trim().replace(/^"|"$/g, '') || shop.name, address: named[2]!.trim() };
    return { name: shop.name, address: settings.from.trim() };
  }
  const user = settings.smtpUrl ? decodeURIComponent(new URL(settings.smtpUrl).username) : '';
  if (ADDRESS.test(user)) return { name: shop.name, address: user };
  const host = new URL(linkBase).hostname;
  const named = /^[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$/i.test(host);
  return { name: shop.name, address: `no-reply@${named ? host : 'countersign.invalid'}` };
}
