/**
 * What a build puts on the kiosk's start path and in the service worker's precache, read from the
 * built files. Shared by the build checks (bundle.test.ts) and the benchmark (tests/bench/).
 */
import { readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

/** The module script a page loads, e.g. "assets/index-abc123.js" for index.html. */
export function entryChunk(dist: string, page = 'index.html'): string {
  const html = readFileSync(join(dist, page), 'utf8');
  const src = /<script type="module"[^>]*\bsrc="\/([^"]+\.js)"/.exec(html)?.[1];
  if (!src) throw new Error(`${dist}/${page} has no module script`);
  return src;
}

/** The entry chunk and every chunk it imports statically: what the kiosk loads before it shows anything. */
export function startPath(dist: string, page = 'index.html'): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const m of readFileSync(join(dist, file), 'utf8').matchAll(/\bimport\s*(?:[\w$*{},\s]+from\s*)?["']\.\/([^"']+\.js)["']/g)) visit(posix.join(posix.dirname(file), m[1]!));
  };
  visit(entryChunk(dist, page));
  return [...seen];
}

/** Each start-path chunk with its gzip size (level 9), the entry first. */
export function startPathSizes(dist: string, page = 'index.html'): Array<{ file: string; gzip: number }> {
  return startPath(dist, page).map((file) => ({ file, gzip: gzipSync(readFileSync(join(dist, file)), { level: 9 }).length }));
}

/** The URLs in sw.js's precache manifest, relative to the site's root. */
export function precacheUrls(dist: string): string[] {
  return [...readFileSync(join(dist, 'sw.js'), 'utf8').matchAll(/"url":"([^"]+)"/g)].map((m) => m[1]!);
}

/** Bytes the service worker stores on install. */
export function precacheBytes(dist: string): number {
  return precacheUrls(dist).reduce((sum, url) => sum + statSync(join(dist, url)).size, 0);
}
