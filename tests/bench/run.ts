/**
 * `npm run bench`: builds the app and the benchmark's pages into bench-results/build/, starts the
 * real server on a port of its own and Chromium with a fresh profile, measures each figure of
 * issue 4 beside its bare floor, and writes bench-results/bench.md and bench.json. Not part of
 * `npm test`. Everything it starts is stopped again: at the end, on failure, on Ctrl+C, and by a
 * watchdog if the run takes longer than its limit.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from '@playwright/test';
import { findChromium } from '../support/chromium';
import { startServer } from '../support/server';
import { launchBrowser, waitForServiceWorker } from './browser';
import { buildAll, OUT } from './build';
import { cleanUpAll, isAlive, onCleanup } from './cleanup';
import { measureInk } from './figures/ink';
import { measurePdf } from './figures/pdf';
import { measureScale } from './figures/scale';
import { measureSync } from './figures/sync';
import { measureSave } from './figures/save';
import { measureBuildSizes, storageRow } from './figures/sizes';
import { measureStart } from './figures/start';
import { openLab } from './lab';
import { toJson, toMarkdown, type Result, type Row } from './table';

const LIMIT_MS = Number(process.env.BENCH_LIMIT_S ?? 570) * 1000;
const FIRST_PORT = Number(process.env.BENCH_PORT ?? 4500);
/** BENCH_ONLY=1,3 measures only those figures (and what they need); for working on one figure. */
const ONLY = process.env.BENCH_ONLY?.split(',').map((n) => n.trim());
const want = (...figures: string[]) => !ONLY || figures.some((f) => ONLY.includes(f));
/** The demo shop's enrolment code on the bench server (DEMO_ENROL_CODE). */
const ENROL_CODE = 'BENCH-ENROL-2026';
const SCALE_THROTTLE = Number(process.env.BENCH_SCALE_THROTTLE ?? 1);

async function main(): Promise<void> {
  const started = new Date();
  const rows: Row[] = [];
  const step = (what: string) => console.log(`bench: ${what} (${((Date.now() - started.getTime()) / 1000).toFixed(0)} s)`);

  step('building the app and the bench pages into bench-results/build/');
  const builds = await buildAll();
  if (want('7')) rows.push(...measureBuildSizes(builds));

  const dataDir = mkdtempSync(join(tmpdir(), 'countersign-bench-data-'));
  onCleanup('server data', async () => rmSync(dataDir, { recursive: true, force: true }));
  const port = await freePort(FIRST_PORT);
  step(`starting the server on port ${port}`);
  const server = await startServer({ port, dataDir, distDir: builds.site, env: { PUBLIC_URL: '', TLS_CERT: '', TLS_KEY: '', HOST: '127.0.0.1', DEMO_ENROL_CODE: ENROL_CODE } });
  onCleanup('server', async () => {
    await Promise.race([server.stop(), new Promise((r) => setTimeout(r, 8_000))]);
    if (isAlive(server.pid)) process.kill(server.pid, 'SIGKILL');
  });
  const base = server.url;

  step('starting Chromium');
  const context = await launchBrowser();
  const first = await context.newPage();
  await first.goto(`${base}/`);
  await waitForServiceWorker(first);
  // First start as a shop does it: enrol with the owner's code, then the first sync brings the orders.
  const lab = await openLab(context, base);
  await lab.call('enrol', ENROL_CODE);
  const pulled = await lab.call('syncRun');
  if (pulled.status !== 'ok') throw new Error(`the first sync failed: ${pulled.error}`);
  await lab.page.close();
  await first.reload();
  await expect(first.getByRole('button', { name: 'Entsperren' })).toBeVisible();
  await first.close();

  if (want('1')) {
    step('1: kiosk start');
    rows.push(...(await measureStart(context, base)));
  }
  if (want('2', '3', '4', '5', '6', '7')) {
    step('2: ink latency');
    const ink = await measureInk(context, base);
    if (want('2')) rows.push(...ink.rows);
    step('3: save');
    const save = await measureSave(context, base, ink.session);
    if (want('3')) rows.push(...save.rows);
    // The record the later figures copy, for a look at what a record holds and weighs.
    writeFileSync(join(OUT, 'record.json'), JSON.stringify(save.record, null, 1));
    if (want('7')) rows.push(storageRow({ id: '7c', where: 'tablet (storage estimate growth per save)', bytes: save.bytesPerRecord, floorWhat: 'raw put of the same record', floorBytes: save.floorBytesPerRecord }));
    if (want('4')) {
      step('4: PDF receipt');
      rows.push(...(await measurePdf(context, base, save.recordId)));
    }
    if (want('5', '7')) {
      step('5: sync');
      const sync = await measureSync(context, base, { dataDir, template: save.record, serverPid: server.pid });
      if (want('5')) rows.push(...sync.rows);
      if (want('7')) rows.push(storageRow({ id: '7d', where: `server (SQLite file ÷ ${sync.serverRecords.toLocaleString('en-US')} records)`, bytes: sync.serverBytesPerRecord, floorWhat: 'raw better-sqlite3 file of the same rows', floorBytes: sync.floorBytesPerRecord }));
    }
    if (want('6')) {
      step('6: 100,000 records on the tablet');
      rows.push(...(await measureScale(context, base, { template: save.record, throttleRate: SCALE_THROTTLE })));
    }
  }

  rows.sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
  const result: Result = { startedAt: started.toISOString(), wallSeconds: (Date.now() - started.getTime()) / 1000, machine: machine(), rows };
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, 'bench.md'), toMarkdown(result));
  writeFileSync(join(OUT, 'bench.json'), toJson(result));
  console.log(`\n${toMarkdown(result)}\nwritten to bench-results/bench.md and bench-results/bench.json`);
}

function machine(): Record<string, string> {
  const model = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpus()[0]?.model ?? 'unknown';
  let chromium = 'unknown';
  try {
    chromium = execFileSync(findChromium(), ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 }).trim();
  } catch {
    // the version is only for the record
  }
  return { CPU: model.trim(), cores: String(cpus().length), Node: process.version, Chromium: chromium };
}

async function freePort(from: number): Promise<number> {
  for (let port = from; port < from + 100; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port in ${from}–${from + 99}`);
}

const watchdog = setTimeout(() => {
  console.error(`bench: still running after ${LIMIT_MS / 1000} s; stopping everything it started`);
  void cleanUpAll().finally(() => process.exit(2));
}, LIMIT_MS);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`bench: ${signal}; stopping everything it started`);
    void cleanUpAll().finally(() => process.exit(130));
  });
}

try {
  await main();
} catch (error) {
  console.error('bench: failed:', error);
  process.exitCode = 1;
} finally {
  clearTimeout(watchdog);
  await cleanUpAll();
}
