/**
 * The benchmark's Chromium: the one the end-to-end tests find (tests/support/chromium.ts), with a
 * profile on disk in a temporary folder, so IndexedDB and the service worker's cache are real files
 * as on a tablet. Closed by the run's cleanup; any process left with that profile is killed by PID.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page } from '@playwright/test';
import { chromiumArgs, findChromium } from '../support/chromium';
import { onCleanup } from './cleanup';
import { PROFILE_PREFIX } from './cpu';

export async function launchBrowser(options: { serviceWorkers?: 'allow' | 'block' } = {}): Promise<BrowserContext> {
  const profile = mkdtempSync(join(tmpdir(), PROFILE_PREFIX));
  onCleanup('browser profile', async () => rmSync(profile, { recursive: true, force: true }));
  onCleanup('browser processes', async () => killProfileProcesses(profile));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: findChromium(),
    args: chromiumArgs(),
    headless: true,
    locale: 'de-DE',
    timezoneId: 'Europe/Berlin',
    viewport: { width: 1180, height: 820 },
    serviceWorkers: options.serviceWorkers ?? 'allow',
    acceptDownloads: true,
    // run.ts stops everything in order on these signals; Playwright must not exit the process first.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  onCleanup('browser', () => context.close());
  // tsx keeps function names with an __name() helper; functions sent to pages need it there too.
  await context.addInitScript({ content: 'globalThis.__name ??= (fn) => fn;' });
  context.on('page', (page) => page.on('pageerror', (error) => console.error(`bench: error in ${page.url()}: ${error.message}`)));
  return context;
}

/** Kills by PID any process still running with this profile (only ours: the folder is new). */
function killProfileProcesses(profile: string): void {
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let cmdline = '';
    try {
      cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    if (!cmdline.includes(profile)) continue;
    try {
      process.kill(Number(name), 'SIGKILL');
    } catch {
      // gone already
    }
  }
}

/** Throttles the page's main thread as a cheap tablet would be (1 = no throttling). */
export async function throttle(cdp: CDPSession, rate: number): Promise<void> {
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
}

export async function cdpOf(page: Page): Promise<CDPSession> {
  return page.context().newCDPSession(page);
}

/** Stops every service worker, so the next navigation starts its worker as a cold start would. */
export async function stopServiceWorkers(cdp: CDPSession): Promise<void> {
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
}

export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.waitForFunction(() => !!navigator.serviceWorker?.controller, null, { timeout: 30_000 });
}
