/**
 * Which Chromium the end-to-end tests and the benchmark run, and how it is launched: CHROMIUM_PATH,
 * then Debian's /usr/bin/chromium, then Playwright's own download; else an error that says how to
 * get one. Shared by playwright.config.ts and tests/bench/.
 */
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const HOW_TO_GET_CHROMIUM = [
  'Get one of these:',
  '  Debian/Ubuntu:            sudo apt-get install -y chromium',
  '  a machine with internet:  npx playwright install chromium',
  '  any other Chromium:       CHROMIUM_PATH=/path/to/chromium npm run test:e2e',
].join('\n');

/** CHROMIUM_PATH, then Debian's Chromium, then Playwright's own download; else say how to get one. */
export function findChromium(): string {
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

/** Quiet, headless-friendly flags for Debian's Chromium; root needs --no-sandbox. */
export function chromiumArgs(): string[] {
  const args = ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  return args;
}
