/**
 * The server's test bench: a whole app on a real SQLite file in a temporary folder, a clock the
 * test moves, and helpers named after what a tablet, the shop's software or the owner does.
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Hono } from 'hono';
import { afterAll, expect } from 'vitest';
import type { EnrolResponse } from '../shared/api';
import { fixtureRecord } from '../shared/record.fixture';
import type { SignedRecord, UnsignedRecord } from '../shared/record';
import type { PendingOrder, ShopConfig } from '../shared/shop';
import { createApiKey } from './api-keys/api-keys';
import { createApp } from './app';
import { readConfig, type Config } from './config';
import { prepareDemoShop, type DemoShop } from './demo';
import { seedDemoShop } from './demo-seed';
import { createEnrolmentCode } from './devices/enrolment';
import { prepareOwnerSetup } from './owner/owner-account';
import { loadStaticSite } from './static';
import { DATABASE_FILE, openSqliteStore } from './store/sqlite-store';
import type { Store } from './store/store';
import { makeTestDist, tempDir } from './test-site';

const opened: Store[] = [];
afterAll(() => opened.splice(0).forEach((store) => store.close()));

export interface TestApp {
  app: Hono;
  store: Store;
  config: Config;
  demo: DemoShop | null;
  /** The database file. */
  file: string;
  dir: string;
  clock: { now: Date };
  /** Moves the clock on. */
  advance(ms: number): void;
}

export const ORIGIN = 'http://localhost';

export async function makeTestApp({
  demo = false,
  config = {},
  shop,
}: {
  demo?: boolean;
  config?: Partial<Config>;
  /** A shop already in the database when the server starts (before any demo seed). */
  shop?: ShopConfig;
} = {}): Promise<TestApp> {
  const dir = await tempDir();
  const file = join(dir, DATABASE_FILE);
  const store = openSqliteStore({ file });
  opened.push(store);
  const clock = { now: new Date('2026-11-29T10:00:00.000Z') };
  const now = () => clock.now;
  const fullConfig: Config = { ...readConfig({}, dir), dataDir: dir, demo, ...config };
  if (shop) await store.shop.create({ shop, now: clock.now.toISOString() });
  let demoShop: DemoShop | null = null;
  if (demo) {
    demoShop = await prepareDemoShop({ dataDir: dir, pin: '246810', enrolCode: 'DEMO-TEST-CODE' });
    await seedDemoShop({ store, demo: demoShop, now: clock.now });
  }
  const site = await loadStaticSite({ dir: await makeTestDist() });
  const app = createApp({ config: fullConfig, site, store, demo: demoShop, now });
  return { app, store, config: fullConfig, demo: demoShop, file, dir, clock, advance: (ms) => (clock.now = new Date(clock.now.getTime() + ms)) };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export function postJson(app: Hono, path: string, body: unknown, headers: Record<string, string> = {}, method = 'POST'): Promise<Response> {
  return Promise.resolve(
    app.request(path, { method, headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) }),
  );
}

/** A tablet enrols with a fresh code from the owner; returns its id and token. */
export async function enrolTablet(t: TestApp, deviceName = 'Theke 1'): Promise<EnrolResponse> {
  const { code } = await createEnrolmentCode({ store: t.store, now: t.clock.now });
  const res = await postJson(t.app, '/api/v1/enrol', { code, deviceName });
  expect(res.status).toBe(201);
  return (await res.json()) as EnrolResponse;
}

/** The shop's own software gets an API key. */
export async function makeApiKey(t: TestApp, name = 'Kasse'): Promise<string> {
  return (await createApiKey({ store: t.store, name, now: t.clock.now })).key;
}

/** A valid signed record with a new id (and any other overrides). */
export function newRecord(overrides: Partial<UnsignedRecord> = {}): SignedRecord {
  return fixtureRecord({ id: randomUUID(), ...overrides });
}

/** The pending order that fixtureRecord() signs. */
export function fixtureOrder(): PendingOrder {
  const record = fixtureRecord();
  return { order: record.order, customer: record.customer, createdAt: '2026-11-29T09:00:00.000Z' };
}

export function uploadRecords(t: TestApp, token: string, records: unknown[]): Promise<Response> {
  return postJson(t.app, '/api/v1/records', { records }, bearer(token));
}

/**
 * A digest of everything in the database, read from the file through a connection of its own:
 * the schema and every row of every table. Equal digests mean nothing was written.
 */
export function databaseDigest(file: string): string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const hash = createHash('sha256');
    const tables = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string; sql: string }>;
    for (const { name, sql } of tables) {
      hash.update(sql);
      for (const row of db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).iterate()) hash.update(JSON.stringify(row));
    }
    hash.update(String(db.pragma('user_version', { simple: true })));
    return hash.digest('hex');
  } finally {
    db.close();
  }
}

/** The bytes of the database file and its write-ahead log. */
export function fileDigest(file: string): string {
  const hash = createHash('sha256');
  for (const part of [file, `${file}-wal`]) if (existsSync(part)) hash.update(readFileSync(part));
  return hash.digest('hex');
}

/** The owner sets the password at first start and is logged in; returns the session cookie. */
export async function setUpOwner(t: TestApp, password = 'correct horse battery'): Promise<string> {
  const secret = await prepareOwnerSetup({ store: t.store });
  expect(secret).not.toBeNull();
  const res = await postForm(t.app, '/owner/setup', { secret: secret!, password, repeat: password });
  expect(res.status).toBe(303);
  return sessionCookie(res);
}

export function sessionCookie(res: Response): string {
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('countersign_owner='));
  expect(cookie).toBeDefined();
  return cookie!.split(';')[0]!;
}

/** A form POST as the owner's browser sends it: same origin, urlencoded. */
export function postForm(app: Hono, path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return Promise.resolve(
    app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, ...headers },
      body: new URLSearchParams(fields).toString(),
    }),
  );
}
