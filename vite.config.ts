/**
 * Build of the tablet app and its service worker (vite-plugin-pwa, injectManifest: the worker is
 * our own code in sw/). Vitest's projects live here too: `unit` (beside the code) and `build`
 * (checks on dist/ after `npm run build`).
 */
import { readFileSync } from 'node:fs';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';
import { VitePWA } from 'vite-plugin-pwa';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

/** jsPDF loads these only for HTML and SVG rendering, which receipts never use. */
const JSPDF_OPTIONAL = ['html2canvas', 'dompurify', 'canvg'];

/** The last node_modules package a module id lies in, e.g. "jspdf" or "@scope/name". */
function packageOf(id: string | null): string | undefined {
  const all = id ? [...id.matchAll(/[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/g)] : [];
  return all.at(-1)?.[1]?.replace('\\', '/');
}

/** jsPDF gets a stable name (precached: receipts work offline); its optional chunks are never precached. */
function chunkFileName(chunk: { facadeModuleId: string | null }): string {
  const name = packageOf(chunk.facadeModuleId);
  if (name === 'jspdf') return 'assets/jspdf-[hash].js';
  if (name && JSPDF_OPTIONAL.includes(name)) return `assets/optional-${name}-[hash].js`;
  return 'assets/[name]-[hash].js';
}

export default defineConfig({
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  build: {
    target: 'es2022',
    sourcemap: false,
    rolldownOptions: { output: { chunkFileNames: chunkFileName } },
  },
  // `npm run dev` serves the app only; run the backend (`npm run serve`) beside it for /api.
  server: { proxy: { '/api': process.env.COUNTERSIGN_API ?? 'http://127.0.0.1:8080' } },
  plugins: [
    preact(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'sw',
      filename: 'sw.ts',
      injectRegister: false,
      registerType: 'prompt',
      // globPatterns below already precaches the icons; adding them again would list them twice.
      includeManifestIcons: false,
      manifest: {
        id: '/',
        name: 'countersign',
        short_name: 'countersign',
        description: 'Unterschrift, Datenschutzhinweis und Einwilligungen an der Ladentheke',
        lang: 'de',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'fullscreen',
        display_override: ['fullscreen', 'standalone'],
        orientation: 'any',
        background_color: '#f2f4f7',
        theme_color: '#1f3a5f',
        categories: ['business', 'productivity'],
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: '/icons/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
        ],
      },
      injectManifest: {
        // The plugin adds manifest.webmanifest itself; listing it here would precache it twice.
        globPatterns: ['**/*.{js,css,html,svg,png}'],
        // jsPDF's optional chunks (about 370 KiB with core-js) are never used for receipts.
        globIgnores: ['**/optional-*', '**/html2canvas*', '**/purify*', '**/canvg*'],
      },
      devOptions: { enabled: false },
    }),
  ],
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['shared/**/*.test.ts', 'src/**/*.test.ts', 'sw/**/*.test.ts', 'server/**/*.test.ts'],
          environment: 'node',
        },
      },
      { test: { name: 'build', include: ['tests/build/**/*.test.ts'], environment: 'node' } },
    ],
  },
});
