/**
 * Offline first: after the first visit the service worker holds the whole app, so the kiosk starts,
 * takes a customer through signing, stores the record and makes its receipt with the network cut.
 */
import { expect, test } from '@playwright/test';
import type { SignedRecord } from '../shared/record';
import {
  confirmAndSave,
  customerChoosesAndSigns,
  downloadReceipt,
  goOffline,
  handTabletBack,
  handTabletToCustomer,
  readStore,
  setUpDemoShop,
  unlockAsStaff,
  waitForServiceWorker,
} from './support/actions';
import { readPdf } from './support/read-pdf';

test('a reload with the network cut still starts the app, at any URL', async ({ page, context }) => {
  await setUpDemoShop(page);
  await waitForServiceWorker(page);
  await goOffline(context);
  expect(await page.evaluate(() => fetch('/api/v1/health').then(() => 'online', () => 'offline'))).toBe('offline');

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Optik Demo' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Entsperren' })).toBeVisible();

  await page.goto('/some/deep/link?x=1');
  await expect(page.getByRole('button', { name: 'Entsperren' })).toBeVisible();
  expect(new URL(page.url()).pathname).toBe('/');
});

test('with no network at all, a customer signs, the record is stored, and the receipt is made', async ({ page, context }) => {
  await setUpDemoShop(page);
  await waitForServiceWorker(page);
  await goOffline(context);
  await page.reload();

  // Staff screens, the kiosk and jsPDF are lazy chunks: they must come from the precache.
  await unlockAsStaff(page);
  await handTabletToCustomer(page, 'Erika Mustermann');
  await customerChoosesAndSigns(page, ['Brief', 'SMS']);
  await confirmAndSave(page);
  await handTabletBack(page);

  const [row] = await readStore<{ record: SignedRecord }>(page, 'records');
  expect(row!.record.customer.name).toBe('Erika Mustermann');
  expect(row!.record.choices.letter.granted).toBe(true);
  expect(row!.record.choices.sms.granted).toBe(true);
  expect(row!.record.choices.email.granted).toBe(false);
  expect(await readStore(page, 'outbox')).toHaveLength(1);

  await unlockAsStaff(page);
  const pdf = await readPdf(await downloadReceipt(page, 'Erika Mustermann'));
  expect(pdf.text.replace(/\s+/g, '')).toContain(row!.record.id);
});

test("the owner area is the server's, even in a browser where the app's service worker runs", async ({ page, context }) => {
  await page.goto('/');
  await waitForServiceWorker(page);
  await page.goto('/owner');
  await expect(page.getByRole('heading', { name: /Inhaberbereich/ })).toBeVisible();
  expect(new URL(page.url()).pathname).toMatch(/^\/owner/);
  // Offline, the service worker must not pretend to be the owner area either.
  await goOffline(context);
  await page.goto('/owner/devices').catch(() => undefined);
  await expect(page.getByTestId('kiosk')).toHaveCount(0);
});
