/**
 * What the end-to-end tests know about the server that playwright.config.ts starts: its address,
 * the demo staff PIN (fixed with DEMO_PIN, so no test has to read the server's output) and its
 * data folder, which is fresh for every run.
 */
/** 4178 unless E2E_PORT says otherwise, so two test runs on one machine need not collide. */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 4178);
export const BASE_URL = `http://127.0.0.1:${E2E_PORT}`;

/** The staff PIN of the demo shop ("Demo") on the test server. */
export const DEMO_PIN = '246810';

/** The demo shop's reusable enrolment code on the test server (DEMO_ENROL_CODE). */
export const DEMO_ENROL_CODE = 'TEST-DEMO-2026';

/** The test server's data folder (a new temporary folder per run, made by playwright.config.ts). */
export function e2eDataDir(): string {
  const dir = process.env.COUNTERSIGN_E2E_DATA_DIR;
  if (!dir) throw new Error('COUNTERSIGN_E2E_DATA_DIR is not set: run the tests with `npm run test:e2e`.');
  return dir;
}
