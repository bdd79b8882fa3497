/**
 * The builds the benchmark measures, all under bench-results/build/ (never dist/):
 * - app/:   the production build, with the app's own vite.config.ts, unchanged;
 * - pages/: the benchmark's pages (tests/bench/vite.config.ts);
 * - site/:  what the bench server serves: app/ with pages/ under /bench/, and the pages added to
 *           the service worker's precache list, so they come from the same cache as the app.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { cpSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { onCleanup, stopChild } from './cleanup';

export const ROOT = resolve(import.meta.dirname, '../..');
export const OUT = join(ROOT, 'bench-results');
const VITE = join(ROOT, 'node_modules/vite/bin/vite.js');
/** jsPDF's optional chunks: never used, never precached (as in the app). */
const NOT_PRECACHED = /html2canvas|purify|canvg|optional-/;

export interface Builds {
  app: string;
  site: string;
}

export async function buildAll(): Promise<Builds> {
  const app = join(OUT, 'build/app');
  const pages = join(OUT, 'build/pages');
  const site = join(OUT, 'build/site');
  await vite(['build', '--outDir', app, '--emptyOutDir', '--logLevel', 'warn']);
  await vite(['build', '-c', 'tests/bench/vite.config.ts']);
  rmSync(site, { recursive: true, force: true });
  cpSync(app, site, { recursive: true });
  cpSync(pages, join(site, 'bench'), { recursive: true });
  addToPrecache(site, 'bench');
  return { app, site };
}

async function vite(args: string[]): Promise<void> {
  const child = spawn(process.execPath, [VITE, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const stop = onCleanup(`vite ${args.join(' ')}`, () => stopChild(child));
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  await stop();
  if (code !== 0) throw new Error(`vite ${args.join(' ')} failed (${code}):\n${output}`);
}

/** Adds every file under site/dir to sw.js's precache manifest, with an MD5 revision like Workbox's. */
function addToPrecache(site: string, dir: string): void {
  const entries = files(join(site, dir))
    .map((file) => relative(site, file).split('\\').join('/'))
    .filter((url) => !NOT_PRECACHED.test(url))
    .map((url) => JSON.stringify({ revision: createHash('md5').update(readFileSync(join(site, url))).digest('hex'), url }));
  const sw = join(site, 'sw.js');
  const code = readFileSync(sw, 'utf8');
  const at = code.indexOf('[{"revision"');
  if (at < 0 || code.indexOf('[{"revision"', at + 1) >= 0) throw new Error('sw.js: no single precache manifest found');
  writeFileSync(sw, `${code.slice(0, at + 1)}${entries.join(',')},${code.slice(at + 1)}`);
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}
