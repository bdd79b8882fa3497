/**
 * Where a sync's time goes (not part of `npm run bench`): the bench's server and Chromium, N copies
 * of a record (PROFILE_RECORD, default bench-results/record.json) in the outbox, the sync engine's
 * stages one after another (lab.syncStages), then the engine itself on the same number.
 *   node --import tsx tests/bench/profile-sync.ts
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../support/server';
import { launchBrowser, waitForServiceWorker } from './browser';
import { buildAll, OUT } from './build';
import { cleanUpAll, isAlive, onCleanup } from './cleanup';
import { cpuMs } from './cpu';
import { openLab } from './lab';

const N = Number(process.env.PROFILE_N ?? 1000);
const BATCH = Number(process.env.PROFILE_BATCH ?? 25);
const ENROL_CODE = 'BENCH-ENROL-2026';

async function main(): Promise<void> {
  const template = JSON.parse(readFileSync(process.env.PROFILE_RECORD ?? join(OUT, 'record.json'), 'utf8'));
  const builds = process.env.PROFILE_NO_BUILD ? { site: join(OUT, 'build/site') } : await buildAll();
  const dataDir = mkdtempSync(join(tmpdir(), 'countersign-profile-data-'));
  onCleanup('server data', async () => rmSync(dataDir, { recursive: true, force: true }));
  // PROFILE_SERVER_URL: a server started by hand (e.g. another build of it), serving bench-results/build/site.
  const server = process.env.PROFILE_SERVER_URL ? { url: process.env.PROFILE_SERVER_URL, pid: -1, stop: async () => undefined } : await startServer({ port: Number(process.env.BENCH_PORT ?? 4560), dataDir, distDir: builds.site, env: { PUBLIC_URL: '', TLS_CERT: '', TLS_KEY: '', HOST: '127.0.0.1', DEMO_ENROL_CODE: ENROL_CODE } });
  onCleanup('server', async () => {
    await Promise.race([server.stop(), new Promise((r) => setTimeout(r, 8_000))]);
    if (server.pid > 0 && isAlive(server.pid)) process.kill(server.pid, 'SIGKILL');
  });
  const context = await launchBrowser({ serviceWorkers: process.env.PROFILE_NO_SW ? 'block' : 'allow' });
  const first = await context.newPage();
  await first.goto(`${server.url}/`);
  if (!process.env.PROFILE_NO_SW) await waitForServiceWorker(first);
  const lab = await openLab(context, server.url);
  await lab.call('enrol', ENROL_CODE);
  await lab.call('syncRun');
  for (const [i, mode] of (process.env.PROFILE_MODES ?? 'stages,engine').split(',').entries()) {
    const tag = (0xe0000000 + i).toString(16);
    await lab.call('waitForSyncIdle');
    await lab.call('clearRecords');
    await lab.call('seedOutbox', { n: N, template, tag });
    if (mode.startsWith('stages')) {
      const upTo = (mode.split(':')[1] ?? 'ack') as 'read' | 'upload' | 'ack';
      const before = cpuMs(Number(process.env.PROFILE_SERVER_PID ?? server.pid));
      const ms = await lab.call('syncStages', { batch: BATCH, upTo, as: (mode.split(':')[2] ?? 'string') as 'string' | 'bytes' | 'blob' });
      const after = cpuMs(Number(process.env.PROFILE_SERVER_PID ?? server.pid));
      const cpu = Object.fromEntries(Object.entries(after).map(([k, v]) => [k, +((v - (before[k] ?? 0)) / N).toFixed(2)]));
      console.log(`stages up to ${upTo} (${mode}) CPU ms per record: ${JSON.stringify(cpu)} (sum ${Object.values(cpu).reduce((a, b) => a + b, 0).toFixed(2)})`);
      const per = Object.fromEntries(Object.entries(ms).map(([k, v]) => [k, +(v / N).toFixed(3)]));
      const total = ['list', 'read', 'serialise', 'upload', 'ack'].reduce((s, k) => s + ms[k]!, 0);
      console.log(`stages, ${N} records, batch ${BATCH}: ms per record`, per, `total ${(total / N).toFixed(2)} ms/record`);
    } else {
      const before = cpuMs(Number(process.env.PROFILE_SERVER_PID ?? server.pid));
      const run = await lab.call('syncRun');
      const after = cpuMs(Number(process.env.PROFILE_SERVER_PID ?? server.pid));
      const cpu = Object.fromEntries(Object.entries(after).map(([k, v]) => [k, +((v - (before[k] ?? 0)) / N).toFixed(2)]));
      console.log(`engine CPU ms per record: ${JSON.stringify(cpu)} (sum ${Object.values(cpu).reduce((a, b) => a + b, 0).toFixed(2)})`);
      console.log(`engine, ${N} records: ${run.status} ${run.stored} stored, ${(run.ms / N).toFixed(2)} ms/record, ${((N / run.ms) * 1000).toFixed(0)} records/s`);
    }
  }
}

try {
  await main();
} catch (error) {
  console.error('profile: failed:', error);
  process.exitCode = 1;
} finally {
  await cleanUpAll();
}
