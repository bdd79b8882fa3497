/**
 * What the end-to-end tests know about the server that playwright.config.ts starts: its address,
 * the demo staff PIN (fixed with DEMO_PIN, so no test has to read the server's output) and its
 * data folder, which is fresh for every run.
 */
/**
 * Ports that Chromium and Node's fetch() refuse to connect to: the "bad ports" of the Fetch
 * standard (4190, for example, is the sieve protocol's). A test server on one is never reached.
 */
const BAD_PORTS = new Set([
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110, 111, 113, 115, 117,
  119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636,
  989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
]);

/** 4178 unless E2E_PORT says otherwise, so two test runs on one machine need not collide. */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 4178);
if (!Number.isInteger(E2E_PORT) || E2E_PORT < 1024 || E2E_PORT > 60_000 || BAD_PORTS.has(E2E_PORT)) {
  throw new Error(`E2E_PORT=${process.env.E2E_PORT} cannot be used: choose a free port between 1024 and 60000 that browsers allow (not ${[...BAD_PORTS].filter((p) => p >= 1024).join(', ')}).`);
}

/**
 * The n-th port above E2E_PORT (n ≥ 1) that a browser may connect to: distinct for distinct n,
 * and never one of the bad ports.
 */
export function portAbove(n: number): number {
  let port = E2E_PORT;
  for (let left = n; left > 0; ) if (!BAD_PORTS.has(++port)) left--;
  return port;
}
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
