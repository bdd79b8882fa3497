/**
 * The server's configuration, read once from environment variables. Every value has a default that
 * works for a first try on one computer; README.md documents each one.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PIN_PATTERN } from '../shared/shop';

export interface Config {
  port: number;
  host: string;
  /** Absolute path of the folder for the server's own data (demo.json now; the database next). */
  dataDir: string;
  /** The address people open, when it differs from host:port (reverse proxy); no trailing slash. */
  publicUrl: string | null;
  /** Certificate and key files (PEM) for HTTPS; null serves plain HTTP. */
  tls: { certFile: string; keyFile: string } | null;
  demo: boolean;
  /** Fixes the demo staff PIN instead of a random one (the end-to-end tests use this). */
  demoPin: string | null;
  /** The built app (vite build); COUNTERSIGN_DIST_DIR points elsewhere, e.g. for the update test. */
  distDir: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const DIST_DIR = fileURLToPath(new URL('../dist', import.meta.url));

export function readConfig(env: Record<string, string | undefined> = process.env, cwd = process.cwd()): Config {
  const problems: string[] = [];
  const value = (name: string) => {
    const raw = env[name]?.trim();
    return raw ? raw : undefined;
  };

  const portText = value('PORT') ?? '8080';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65_535) problems.push(`PORT must be a number from 0 to 65535, not "${portText}".`);

  const publicUrl = value('PUBLIC_URL') ?? null;
  if (publicUrl !== null && !/^https?:\/\/[^/\s]+/i.test(publicUrl)) {
    problems.push(`PUBLIC_URL must start with https:// (or http://), like https://countersign.example.com, not "${publicUrl}".`);
  }

  const certFile = value('TLS_CERT');
  const keyFile = value('TLS_KEY');
  if (Boolean(certFile) !== Boolean(keyFile)) problems.push('TLS_CERT and TLS_KEY go together: set both (PEM files) or neither.');

  const demoText = (value('DEMO') ?? '1').toLowerCase();
  const demo = ['1', 'true', 'yes', 'on'].includes(demoText);
  if (!demo && !['0', 'false', 'no', 'off'].includes(demoText)) problems.push(`DEMO must be 1 or 0, not "${demoText}".`);

  const demoPin = value('DEMO_PIN') ?? null;
  if (demoPin !== null && !PIN_PATTERN.test(demoPin)) problems.push('DEMO_PIN must be 4 to 8 digits.');

  if (problems.length > 0) throw new ConfigError(`countersign cannot start:\n  ${problems.join('\n  ')}`);
  return {
    port,
    host: value('HOST') ?? '127.0.0.1',
    dataDir: resolve(cwd, value('COUNTERSIGN_DATA_DIR') ?? 'data'),
    publicUrl: publicUrl?.replace(/\/+$/, '') ?? null,
    tls: certFile && keyFile ? { certFile: resolve(cwd, certFile), keyFile: resolve(cwd, keyFile) } : null,
    demo,
    demoPin,
    distDir: value('COUNTERSIGN_DIST_DIR') ? resolve(cwd, value('COUNTERSIGN_DIST_DIR')!) : DIST_DIR,
  };
}
