/**
 * Checks on the production build in dist/ (run `npm run build` first): the kiosk's start path stays
 * small and free of jsPDF, the service worker precaches what the app needs offline and nothing of
 * jsPDF's optional extras, and the web app manifest makes the app installable.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { entryChunk, precacheBytes, precacheUrls, startPath, startPathSizes } from './start-path';

const DIST = join(import.meta.dirname, '..', '..', 'dist');
/** "At most 60 KB gzip" (issue 2), read strictly: 60,000 bytes. */
const MAIN_GZIP_LIMIT = 60_000;
/** Strings only jsPDF's own code holds (its error messages), not code that merely imports it. */
const JSPDF_CODE = /jsPDF PubSub|jsPDF-module/;
const JSPDF_OPTIONAL = /html2canvas|purify|canvg|optional-/;

const read = (path: string) => readFileSync(join(DIST, path), 'utf8');
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

let html: string;
let entry: string;
let precache: string[];

beforeAll(() => {
  if (!existsSync(join(DIST, 'index.html'))) throw new Error('dist/ is missing: run `npm run build` before `npm run test:build`.');
  html = read('index.html');
  entry = entryChunk(DIST);
  precache = precacheUrls(DIST);
});

describe('the main chunk', () => {
  it('holds no jsPDF code', () => {
    for (const file of startPath(DIST)) {
      // Names of lazy chunks (e.g. assets/jspdf-….js in a preload list) are fine; jsPDF's code is not.
      const code = read(file).replace(/(?:assets\/|\.\/)[\w.-]+\.js/g, '');
      expect(code, file).not.toMatch(/jspdf/i);
      expect(code, file).not.toMatch(/html2canvas/i);
    }
  });

  // The bundler splits modules shared with lazy chunks (Preact, the strings) into chunks of their
  // own, which the entry imports statically; they load before anything shows, so they count too.
  it('is at most 60 KB gzip, with every chunk it imports statically', () => {
    const sizes = startPathSizes(DIST);
    const total = sizes.reduce((sum, x) => sum + x.gzip, 0);
    console.log(`main chunk ${entry}: ${kib(statSync(join(DIST, entry)).size)}, ${kib(sizes[0]!.gzip)} gzip`);
    console.log(`start path: ${kib(total)} gzip in ${sizes.length} chunks (limit ${MAIN_GZIP_LIMIT} bytes): ${sizes.map((s) => `${s.file} ${kib(s.gzip)}`).join(', ')}`);
    expect(total).toBeLessThanOrEqual(MAIN_GZIP_LIMIT);
  });
});

describe('the precache', () => {
  it('holds the app shell, and nothing twice', () => {
    const total = precacheBytes(DIST);
    console.log(`precache: ${precache.length} entries, ${kib(total)}\n  ${precache.join('\n  ')}`);
    for (const url of ['index.html', entry, 'manifest.webmanifest', 'icons/icon-192.png']) expect(precache).toContain(url);
    expect(new Set(precache).size).toBe(precache.length);
    expect(precache).not.toContain('sw.js');
  });

  it("leaves out jsPDF's optional chunks (html2canvas, DOMPurify, canvg, core-js)", () => {
    expect(precache.filter((url) => JSPDF_OPTIONAL.test(url))).toEqual([]);
  });

  it('holds the jsPDF chunk whenever the build has one (receipts work offline)', () => {
    const assets = readdirSync(join(DIST, 'assets')).filter((f) => f.endsWith('.js'));
    const jspdf = assets.filter((f) => JSPDF_CODE.test(read(`assets/${f}`))).map((f) => `assets/${f}`);
    if (jspdf.length === 0) console.log('no jsPDF chunk in this build yet');
    for (const file of jspdf) {
      expect(file).toMatch(/^assets\/jspdf-/);
      expect(precache).toContain(file);
      expect(startPath(DIST)).not.toContain(file);
    }
  });
});

describe('the web app manifest', () => {
  it('makes the app installable', () => {
    expect(html).toContain('<link rel="manifest" href="/manifest.webmanifest"');
    const manifest = JSON.parse(read('manifest.webmanifest')) as {
      name?: string;
      short_name?: string;
      start_url?: string;
      display?: string;
      icons?: Array<{ src: string; sizes: string; type: string; purpose?: string }>;
    };
    expect(manifest.name).toBeTruthy();
    expect(manifest.short_name).toBeTruthy();
    expect(manifest.start_url).toBe('/');
    expect(['fullscreen', 'standalone']).toContain(manifest.display);
    const icons = manifest.icons ?? [];
    for (const size of ['192x192', '512x512']) {
      const icon = icons.find((i) => i.sizes === size && i.type === 'image/png' && (i.purpose ?? 'any').includes('any'));
      expect(icon, size).toBeDefined();
      expect(existsSync(join(DIST, icon!.src)), icon!.src).toBe(true);
    }
    const maskable = icons.find((i) => i.purpose?.includes('maskable'));
    expect(maskable && existsSync(join(DIST, maskable.src))).toBe(true);
    expect(existsSync(join(DIST, 'icons/apple-touch-icon.png'))).toBe(true);
  });
});
