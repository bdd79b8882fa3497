/**
 * Serves the built app from dist/. Files are indexed once at start, so only files that exist in
 * dist/ can ever be served: no path can climb out of it. Navigations to any other path get
 * index.html (the app has no routes). Hashed /assets/ are cached for a year; everything else,
 * above all sw.js, is revalidated on every load so that a new version is noticed at once.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Context } from 'hono';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.pdf': 'application/pdf',
};
const COMPRESSIBLE = /^(text\/|application\/(json|manifest\+json)|image\/svg)/;

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

interface Variant {
  body: Uint8Array;
  etag: string;
}

interface StaticFile {
  type: string;
  cacheControl: string;
  plain: Variant;
  gzip: Variant | null;
}

export interface StaticSite {
  /** False when dist/ is missing or empty: the app has not been built. */
  readonly built: boolean;
  /** Number of files and their total size in bytes, for the start-up message. */
  readonly files: number;
  readonly bytes: number;
  get(path: string): StaticFile | undefined;
}

/** Reads every file under dir (dotfiles excepted) into memory; dist/ is small. */
export async function loadStaticSite({ dir }: { dir: string }): Promise<StaticSite> {
  const files = new Map<string, StaticFile>();
  let bytes = 0;
  let entries: string[] = [];
  try {
    entries = (await readdir(dir, { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  for (const file of entries) {
    const rel = relative(dir, file).split(sep);
    if (rel.some((part) => part.startsWith('.'))) continue;
    const body = new Uint8Array(await readFile(file));
    const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    const path = `/${rel.join('/')}`;
    const compressed = COMPRESSIBLE.test(type) && body.length > 1024 ? new Uint8Array(gzipSync(body, { level: 9 })) : null;
    files.set(path, {
      type,
      cacheControl: path.startsWith('/assets/') ? IMMUTABLE : REVALIDATE,
      plain: { body, etag: etag(body, '') },
      gzip: compressed && compressed.length < body.length ? { body: compressed, etag: etag(body, '-gz') } : null,
    });
    bytes += body.length;
  }
  return { built: files.has('/index.html'), files: files.size, bytes, get: (path) => files.get(path) };
}

/** The GET handler for everything outside /api/: a file of dist/, index.html, or 404. */
export function serveSite(site: StaticSite) {
  return (c: Context): Response => {
    let path: string;
    try {
      path = decodeURIComponent(c.req.path);
    } catch {
      return c.text('Bad request', 400);
    }
    const file = site.get(path === '/' ? '/index.html' : path);
    if (file) return respond(c, file);
    if (!wantsApp(c.req.raw, path)) return c.text('Not found', 404, { 'Cache-Control': REVALIDATE });
    const app = site.get('/index.html');
    if (!app) return c.text('countersign is not built yet: run "npm run build", then restart the server.', 503);
    return respond(c, app);
  };
}

/** A page load (or a path with no file extension) gets the app; a missing script or image does not. */
function wantsApp(request: Request, path: string): boolean {
  const dest = request.headers.get('sec-fetch-dest');
  if (dest) return dest === 'document';
  if ((request.headers.get('accept') ?? '').includes('text/html')) return true;
  return !/\.[A-Za-z0-9]+$/.test(path);
}

function respond(c: Context, file: StaticFile): Response {
  const gzip = file.gzip && /\bgzip\b/.test(c.req.header('accept-encoding') ?? '') ? file.gzip : null;
  const variant = gzip ?? file.plain;
  const headers: Record<string, string> = { 'Content-Type': file.type, 'Cache-Control': file.cacheControl, ETag: variant.etag };
  if (file.gzip) headers.Vary = 'Accept-Encoding';
  if (gzip) headers['Content-Encoding'] = 'gzip';
  if (matches(c.req.header('if-none-match'), variant.etag)) return c.body(null, 304, headers);
  headers['Content-Length'] = String(variant.body.length);
  return c.body(variant.body as Uint8Array<ArrayBuffer>, 200, headers);
}

function matches(ifNoneMatch: string | undefined, tag: string): boolean {
  return !!ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === tag);
}

function etag(body: Uint8Array, suffix: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}${suffix}"`;
}
