/**
 * End-to-end tests in a real Chromium against the real server (`node --import tsx server/main.ts`),
 * which serves the production build in dist/ (`npm test` builds it first). The server gets a fixed
 * port, a fresh temporary data folder and a fixed demo PIN: see tests/support/env.ts.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, defineConfig } from '@playwright/test';
import { BASE_URL, DEMO_PIN, E2E_PORT } from './tests/support/env';

const CI = !!process.env.CI;

const HOW_TO_GET_CHROMIUM = [
  'Get one of these:',
  '  Debian/Ubuntu:            sudo apt-get install -y chromium',
  '  a machine with internet:  npx playwright install chromium',
  '  any other Chromium:       CHROMIUM_PATH=/path/to/chromium npm run test:e2e',
].join('\n');

/** CHROMIUM_PATH, then Debian's Chromium, then Playwright's own download; else say how to get one. */
function findChromium(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, but there is no file there.\n${HOW_TO_GET_CHROMIUM}`);
  }
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  let own: string | undefined;
  try {
    own = chromium.executablePath();
  } catch {
    own = undefined; // no Playwright build of Chromium for this platform
  }
  if (own && existsSync(own)) return own;
  const looked = ['CHROMIUM_PATH (not set)', '/usr/bin/chromium', ...(own ? [`${own} (Playwright's own)`] : [])];
  throw new Error(`No Chromium for the end-to-end tests. Looked at: ${looked.join(', ')}.\n${HOW_TO_GET_CHROMIUM}`);
}

const executablePath = findChromium();

// Made once in the runner; workers inherit it through the environment.
process.env.COUNTERSIGN_E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'countersign-e2e-'));

const args = ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
if (process.getuid?.() === 0) args.push('--no-sandbox');

export default defineConfig({
  testDir: 'tests',
  testMatch: '**/*.spec.ts',
  forbidOnly: CI,
  retries: 0,
  workers: 2,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: CI ? [['list'], ['html', { open: 'never' }]] : [['list']],
  globalSetup: './tests/global-setup.ts',
  use: {
    baseURL: BASE_URL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    locale: 'de-DE',
    timezoneId: 'Europe/Berlin',
    viewport: { width: 1180, height: 820 },
    serviceWorkers: 'allow',
    launchOptions: { executablePath, args },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: {
    command: 'node --import tsx server/main.ts',
    url: `${BASE_URL}/api/v1/health`,
    reuseExistingServer: false,
    timeout: 30_000,
    stdout: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
    env: {
      PORT: String(E2E_PORT),
      HOST: '127.0.0.1',
      COUNTERSIGN_DATA_DIR: process.env.COUNTERSIGN_E2E_DATA_DIR,
      DEMO: '1',
      DEMO_PIN,
      PUBLIC_URL: '',
      TLS_CERT: '',
      TLS_KEY: '',
    },
  },
});
