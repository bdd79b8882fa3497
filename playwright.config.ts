/**
 * End-to-end tests in a real Chromium against the real server (`node --import tsx server/main.ts`),
 * which serves the production build in dist/ (`npm test` builds it first). The server gets a fixed
 * port, a fresh temporary data folder and a fixed demo PIN: see tests/support/env.ts.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { chromiumArgs, findChromium } from './tests/support/chromium';
import { BASE_URL, DEMO_ENROL_CODE, DEMO_PIN, E2E_PORT } from './tests/support/env';

const CI = !!process.env.CI;

const executablePath = findChromium();

// Made once in the runner; workers inherit it through the environment.
process.env.COUNTERSIGN_E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'countersign-e2e-'));

const args = chromiumArgs();

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
      DEMO_ENROL_CODE,
      PUBLIC_URL: '',
      TLS_CERT: '',
      TLS_KEY: '',
    },
  },
});
