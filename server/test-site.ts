/** Temporary folders for the server's tests, and a small fake dist/ (no build needed). */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const made: string[] = [];
// Registered when a test file imports this module, so it runs after that file's tests.
afterAll(() => Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true }))));

/** A new empty folder, removed when the test file is done. */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'countersign-test-'));
  made.push(dir);
  return dir;
}

export const BIG_SCRIPT = `export const app = ${JSON.stringify('countersign '.repeat(400))};\n`;

/** Returns the dist folder; beside it lies secret.txt, which must never be served. */
export async function makeTestDist(): Promise<string> {
  const root = await tempDir();
  const dist = join(root, 'dist');
  await mkdir(join(dist, 'assets'), { recursive: true });
  await mkdir(join(dist, 'icons'));
  await writeFile(join(root, 'secret.txt'), 'TOP SECRET');
  await writeFile(join(dist, '.env'), 'HIDDEN=1');
  await writeFile(join(dist, 'index.html'), '<!doctype html><title>countersign</title><div id="app"></div>');
  await writeFile(join(dist, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  await writeFile(join(dist, 'manifest.webmanifest'), '{"name":"countersign"}');
  await writeFile(join(dist, 'assets', 'index-AbC123.js'), BIG_SCRIPT);
  await writeFile(join(dist, 'assets', 'worker-AbC123.mjs'), 'export {};');
  await writeFile(join(dist, 'assets', 'index-AbC123.css'), 'body{margin:0}');
  await writeFile(join(dist, 'icons', 'icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await writeFile(join(dist, 'icons', 'icon-192.png'), new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
  return dist;
}
