/**
 * The server's configuration, read once at start from environment variables and an optional JSON
 * file: the file named by COUNTERSIGN_CONFIG, else ./countersign.config.json when it exists.
 * A variable that is set (and not empty) wins over the file. Every value has a default that works
 * for a first try on one computer; README.md documents each one. All problems are named at once.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PIN_PATTERN } from '../shared/shop';
import { mailFromProblem, smtpUrlProblem, type MailSettings } from './mail/mail-settings';
import { normaliseCode } from './secrets';

export interface Config {
  port: number;
  host: string;
  /** Absolute path of the folder for the server's own data: the database and demo.json. */
  dataDir: string;
  /** The address people open, when it differs from host:port (reverse proxy); no trailing slash. */
  publicUrl: string | null;
  /** Certificate and key files (PEM) for HTTPS; null serves plain HTTP. */
  tls: { certFile: string; keyFile: string } | null;
  /** Believe X-Forwarded-For/-Proto/-Host: only when a reverse proxy in front sets them. */
  trustProxy: boolean;
  demo: boolean;
  /** Fixes the demo staff PIN instead of a random one (the end-to-end tests use this). */
  demoPin: string | null;
  /** Fixes the demo enrolment code instead of a random one (tests). */
  demoEnrolCode: string | null;
  /** The built app (vite build); COUNTERSIGN_DIST_DIR points elsewhere, e.g. for the update test. */
  distDir: string;
  /** The config file that was read, if any. */
  configFile: string | null;
  /** The thank-you e-mail: SMTP_URL, MAIL_FROM, MAIL_DIR (server/mail/mail-settings.ts). */
  mail: MailSettings;
  /** The IANA time zone people read times in (owner area, Art. 15/30); stored times stay UTC. */
  timeZone: string;
}

export const DEFAULT_TIME_ZONE = 'Europe/Berlin';

/** Whether Intl knows this IANA time zone name (e.g. Europe/Berlin). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const DIST_DIR = fileURLToPath(new URL('../dist', import.meta.url));
export const DEFAULT_CONFIG_FILE = 'countersign.config.json';

/** The config file's keys and the variables they stand for. */
const FILE_KEYS = {
  port: 'PORT',
  host: 'HOST',
  dataDir: 'COUNTERSIGN_DATA_DIR',
  publicUrl: 'PUBLIC_URL',
  tlsCert: 'TLS_CERT',
  tlsKey: 'TLS_KEY',
  trustProxy: 'TRUST_PROXY',
  demo: 'DEMO',
  demoPin: 'DEMO_PIN',
  demoEnrolCode: 'DEMO_ENROL_CODE',
  distDir: 'COUNTERSIGN_DIST_DIR',
  smtpUrl: 'SMTP_URL',
  mailFrom: 'MAIL_FROM',
  mailDir: 'MAIL_DIR',
  timeZone: 'TIME_ZONE',
} as const;
type VariableName = (typeof FILE_KEYS)[keyof typeof FILE_KEYS];

/** A setting's text and the folder its relative paths start from (the file's folder, or cwd). */
type Setting = { text: string; base: string };

export function readConfig(env: Record<string, string | undefined> = process.env, cwd = process.cwd()): Config {
  const problems: string[] = [];
  const file = readConfigFile({ env, cwd, problems });

  const setting = (name: VariableName): Setting | undefined => {
    const raw = env[name]?.trim();
    if (raw) return { text: raw, base: cwd };
    return file.settings[name];
  };
  const value = (name: VariableName) => setting(name)?.text;
  const path = (name: VariableName) => {
    const s = setting(name);
    return s ? resolve(s.base, s.text) : undefined;
  };
  const flag = (name: VariableName, fallback: boolean) => {
    const text = (value(name) ?? (fallback ? '1' : '0')).toLowerCase();
    if (['1', 'true', 'yes', 'on'].includes(text)) return true;
    if (!['0', 'false', 'no', 'off'].includes(text)) problems.push(`${name} must be 1 or 0, not "${text}".`);
    return false;
  };

  const portText = value('PORT') ?? '8080';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65_535) problems.push(`PORT must be a number from 0 to 65535, not "${portText}".`);

  const publicUrl = value('PUBLIC_URL') ?? null;
  if (publicUrl !== null && !isHttpUrl(publicUrl)) {
    problems.push(`PUBLIC_URL must start with https:// (or http://), like https://countersign.example.com, not "${publicUrl}".`);
  }

  const certFile = path('TLS_CERT');
  const keyFile = path('TLS_KEY');
  if (Boolean(certFile) !== Boolean(keyFile)) problems.push('TLS_CERT and TLS_KEY go together: set both (PEM files) or neither.');

  const trustProxy = flag('TRUST_PROXY', false);
  const demo = flag('DEMO', true);

  const demoPin = value('DEMO_PIN') ?? null;
  if (demoPin !== null && !PIN_PATTERN.test(demoPin)) problems.push('DEMO_PIN must be 4 to 8 digits.');

  const demoEnrolCode = value('DEMO_ENROL_CODE') ?? null;
  if (demoEnrolCode !== null && !/^[A-Z0-9]{8,32}$/.test(normaliseCode(demoEnrolCode))) {
    problems.push('DEMO_ENROL_CODE must be 8 to 32 letters and digits (dashes and spaces are ignored).');
  }

  const smtpUrl = value('SMTP_URL') ?? null;
  const smtpProblem = smtpUrl === null ? null : smtpUrlProblem(smtpUrl);
  if (smtpProblem) problems.push(smtpProblem);
  const from = value('MAIL_FROM') ?? null;
  const fromProblem = from === null ? null : mailFromProblem(from);
  if (fromProblem) problems.push(fromProblem);

  const timeZone = value('TIME_ZONE') ?? DEFAULT_TIME_ZONE;
  if (!isTimeZone(timeZone)) problems.push(`TIME_ZONE must be a time zone name like Europe/Berlin or Europe/Vienna, not "${timeZone}".`);

  if (problems.length > 0) {
    const source = file.path ? ` (settings from the environment and ${file.path})` : '';
    throw new ConfigError(`countersign cannot start${source}:\n  ${problems.join('\n  ')}`);
  }
  return {
    port,
    host: value('HOST') ?? '127.0.0.1',
    dataDir: path('COUNTERSIGN_DATA_DIR') ?? resolve(cwd, 'data'),
    publicUrl: publicUrl?.replace(/\/+$/, '') ?? null,
    tls: certFile && keyFile ? { certFile, keyFile } : null,
    trustProxy,
    demo,
    demoPin,
    demoEnrolCode,
    distDir: path('COUNTERSIGN_DIST_DIR') ?? DIST_DIR,
    configFile: file.path,
    mail: { smtpUrl, from, dir: path('MAIL_DIR') ?? null },
    timeZone,
  };
}

function isHttpUrl(text: string): boolean {
  if (!/^https?:\/\/[^/\s]+/i.test(text)) return false;
  try {
    new URL(text);
    return true;
  } catch {
    return false;
  }
}

/** Reads COUNTERSIGN_CONFIG, or ./countersign.config.json when present; its problems go to `problems`. */
function readConfigFile({ env, cwd, problems }: { env: Record<string, string | undefined>; cwd: string; problems: string[] }): {
  path: string | null;
  settings: Partial<Record<VariableName, Setting>>;
} {
  const named = env.COUNTERSIGN_CONFIG?.trim();
  const path = named ? resolve(cwd, named) : resolve(cwd, DEFAULT_CONFIG_FILE);
  if (!named && !existsSync(path)) return { path: null, settings: {} };

  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'there is no such file' : error instanceof SyntaxError ? `it is not valid JSON (${error.message})` : (error as Error).message;
    problems.push(`the config file ${path} cannot be read: ${why}.`);
    return { path, settings: {} };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    problems.push(`the config file ${path} must hold one JSON object, like {"port": 8080}.`);
    return { path, settings: {} };
  }

  const settings: Partial<Record<VariableName, Setting>> = {};
  const base = dirname(path);
  for (const [key, raw] of Object.entries(parsed)) {
    if (key.startsWith('//') || key === '$schema') continue; // room for comments
    if (!(key in FILE_KEYS)) {
      problems.push(`the config file has an unknown setting "${key}"; known are: ${Object.keys(FILE_KEYS).join(', ')}.`);
      continue;
    }
    const name = FILE_KEYS[key as keyof typeof FILE_KEYS];
    if (raw === null) continue;
    if (typeof raw === 'boolean') settings[name] = { text: raw ? '1' : '0', base };
    else if (typeof raw === 'number' || typeof raw === 'string') {
      if (String(raw).trim() !== '') settings[name] = { text: String(raw).trim(), base };
    } else problems.push(`"${key}" in the config file must be a string, a number or true/false.`);
  }
  return { path, settings };
}
