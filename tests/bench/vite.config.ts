/**
 * The benchmark's own pages (tests/bench/pages), built apart from the app: a blank page, a bare
 * signature_pad and the lab page that drives the app's modules. They are served under /bench/ from
 * a copy of the app's production build (see build.ts), never from dist/.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

const root = resolve(import.meta.dirname, 'pages');
const pkg = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string };

export default defineConfig({
  root,
  base: '/bench/',
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  logLevel: 'warn',
  plugins: [preact()],
  build: {
    target: 'es2022',
    outDir: resolve(import.meta.dirname, '../../bench-results/build/pages'),
    emptyOutDir: true,
    rolldownOptions: {
      input: {
        blank: resolve(root, 'blank.html'),
        pad: resolve(root, 'pad.html'),
        lab: resolve(root, 'lab.html'),
        'start-floor': resolve(root, 'start-floor.html'),
      },
    },
  },
});
