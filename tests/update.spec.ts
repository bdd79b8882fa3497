/**
 * A new version never interrupts a customer: it installs in the background, waits while the kiosk
 * is in use, and takes over only at the idle lock screen, with one reload and no data lost.
 */
import { cpSync, mkdtempSync, appendFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { portAbove } from './support/env';
import { goToStep, handTabletToCustomer, readStore, setUpDemoShop, unlockAsStaff, waitForServiceWorker } from './support/actions';
import { startServer, type TestServer } from './support/server';

const PORT = portAbove(20);
let dir: string;
let server: TestServer | null = null;

test.beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'countersign-update-'));
  cpSync(process.env.COUNTERSIGN_DIST_DIR ?? 'dist', join(dir, 'dist'), { recursive: true });
});

test.afterEach(async () => {
  await server?.stop();
  server = null;
  rmSync(dir, { recursive: true, force: true });
});

async function waitingWorker(page: import('@playwright/test').Page): Promise<boolean> {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    await registration?.update().catch(() => undefined);
    return !!registration?.waiting;
  });
}

test('an update waits while a customer is signing and is applied at the lock screen', async ({ page }) => {
  const start = () => startServer({ port: PORT, dataDir: join(dir, 'data'), distDir: join(dir, 'dist') });
  server = await start();
  await setUpDemoShop(page, server.url);
  await waitForServiceWorker(page);
  await unlockAsStaff(page);
  await handTabletToCustomer(page, 'Erika Mustermann');
  await goToStep(page, 'contact');
  await page.getByLabel('Ort', { exact: true }).fill('Neustadt an der Weinstraße');
  await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

  // The shop deploys a new version.
  await server.stop();
  appendFileSync(join(dir, 'dist', 'sw.js'), `\n// new version ${Date.now()}\n`);
  server = await start();
  await expect.poll(() => waitingWorker(page), { timeout: 15_000 }).toBe(true);

  // The customer is not interrupted: same page, same step, same entries.
  await page.waitForTimeout(1_000);
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  await expect(page.getByTestId('kiosk')).toHaveAttribute('data-step', 'contact');
  await expect(page.getByLabel('Ort', { exact: true })).toHaveValue('Neustadt an der Weinstraße');

  // Staff take the tablet back; at the idle lock screen the new version takes over with one reload.
  await page.getByRole('button', { name: 'Personal' }).click();
  await page.getByLabel('PIN', { exact: true }).fill('246810');
  await page.getByRole('button', { name: 'Entsperren' }).click();
  await page.getByRole('button', { name: 'Verwerfen' }).click();
  const reloaded = page.waitForEvent('load', { timeout: 15_000 });
  await page.getByRole('button', { name: 'Sperren' }).click();
  await reloaded;
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBeUndefined();
  await expect(page.getByRole('button', { name: 'Entsperren' })).toBeVisible();
  expect(await page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())?.waiting)).toBe(false);
  expect((await readStore<{ key: string }>(page, 'settings')).map((r) => r.key)).toContain('shop');
});
