/**
 * What people do with the tablet, as Playwright steps. Specs read like the counter: the owner sets
 * up the demo shop, staff unlock and hand the tablet over, the customer reads, chooses and signs.
 */
import { expect, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { buildDemoSeed } from '../../server/demo';
import { DEMO_ENROL_CODE, DEMO_PIN } from './env';
import { signOnPad } from './sign';

export { signOnPad, tapOnPad } from './sign';

export interface OrderInput {
  name: string;
  street: string;
  postalCode: string;
  city: string;
  email?: string;
  mobile?: string;
  items: Array<{ description: string; quantity: number; price: string }>;
  deposit?: string;
  pickupDate: string;
}

export const ANNA: OrderInput = {
  name: 'Anna Schäfer',
  street: 'Goethestraße 12',
  postalCode: '80336',
  city: 'München',
  email: 'anna.schaefer@example.com',
  mobile: '0171 2345678',
  items: [
    { description: 'Einstärkengläser, entspiegelt', quantity: 2, price: '89,50' },
    { description: 'Fassung Titan', quantity: 1, price: '149,00' },
  ],
  deposit: '100,00',
  pickupDate: '2026-12-10',
};

/**
 * First start: the tablet connects to the demo shop with the enrolment code that `npm start`
 * prints, and gets the shop and its staff; the lock screen follows. The example orders are then
 * put on the tablet under ids of this test's own: the test server is shared by every test, and its
 * own example orders are signed by whichever test comes first, so the tablet is not to pull them.
 */
export async function setUpDemoShop(page: Page, url = '/'): Promise<void> {
  await page.context().route('**/api/v1/orders', (route) =>
    route.request().method() === 'GET' ? route.fulfill({ json: { orders: [] } }) : route.continue(),
  );
  await page.goto(url);
  await page.getByLabel('Verbindungscode').fill(DEMO_ENROL_CODE);
  await page.getByRole('button', { name: 'Verbinden' }).click();
  await expect(page.getByRole('button', { name: 'Entsperren' })).toBeVisible();
  await putExampleOrdersOnTablet(page);
}

/** The demo shop's example orders (Erika and Max Mustermann), as open orders typed on this tablet. */
export async function putExampleOrdersOnTablet(page: Page): Promise<void> {
  const staff = { id: 'demo', name: 'Demo', pinHash: '0'.repeat(64), salt: '0'.repeat(32) };
  const suffix = randomUUID().slice(0, 8);
  const rows = buildDemoSeed({ staff }).orders.map((pending) => {
    const order = { ...pending.order, id: `${pending.order.id}-${suffix}` };
    return { id: order.id, status: 'open', createdAt: pending.createdAt, pending: { ...pending, order } };
  });
  await page.evaluate(
    (rows) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('countersign');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('orders', 'readwrite');
          for (const row of rows) tx.objectStore('orders').put(row);
          tx.oncomplete = () => (open.result.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
      }),
    rows,
  );
}

export async function unlockAsStaff(page: Page, pin = DEMO_PIN): Promise<void> {
  await page.getByRole('button', { name: 'Entsperren' }).click();
  await page.getByLabel('PIN', { exact: true }).fill(pin);
  await page.getByRole('button', { name: 'Entsperren' }).click();
  await expect(page.getByRole('button', { name: 'Sperren' })).toBeVisible();
}

export async function createOrder(page: Page, order: OrderInput = ANNA): Promise<string> {
  await page.getByRole('button', { name: 'Neuer Auftrag' }).click();
  const form = page.locator('form.order-form');
  const number = await form.getByLabel('Auftragsnummer').inputValue();
  await form.getByLabel('Name', { exact: true }).fill(order.name);
  await form.getByLabel('Straße und Hausnummer').fill(order.street);
  await form.getByLabel('Postleitzahl').fill(order.postalCode);
  await form.getByLabel('Ort', { exact: true }).fill(order.city);
  if (order.email) await form.getByLabel('E-Mail', { exact: true }).fill(order.email);
  if (order.mobile) await form.getByLabel('Mobilnummer').fill(order.mobile);
  for (let n = 1; n < order.items.length; n++) await form.getByRole('button', { name: 'Position hinzufügen' }).click();
  for (const [n, item] of order.items.entries()) {
    const label = (field: string) => (order.items.length === 1 ? field : `${field}, Position ${n + 1}`);
    await form.getByLabel(label('Beschreibung'), { exact: true }).fill(item.description);
    await form.getByLabel(label('Menge'), { exact: true }).fill(String(item.quantity));
    await form.getByLabel(label('Einzelpreis (€)'), { exact: true }).fill(item.price);
  }
  if (order.deposit) await form.getByLabel('Anzahlung (€)').fill(order.deposit);
  await form.getByLabel('Abholtermin').fill(order.pickupDate);
  await form.getByRole('button', { name: 'Auftrag speichern' }).click();
  await expect(orderRow(page, order.name)).toBeVisible();
  return number;
}

export function orderRow(page: Page, text: string): Locator {
  return page.locator('li').filter({ hasText: text }).filter({ has: page.getByRole('button', { name: 'An Kunden übergeben' }) });
}

export async function handTabletToCustomer(page: Page, customerName: string): Promise<Locator> {
  await orderRow(page, customerName).getByRole('button', { name: 'An Kunden übergeben' }).click();
  const kiosk = page.getByTestId('kiosk');
  await expect(kiosk).toHaveAttribute('data-step', 'summary');
  return kiosk;
}

export async function goToStep(page: Page, step: string): Promise<void> {
  const kiosk = page.getByTestId('kiosk');
  for (let i = 0; i < 10; i++) {
    const now = await kiosk.getAttribute('data-step');
    if (now === step) break;
    await page.getByRole('button', { name: 'Weiter' }).click();
    // Some steps check their input asynchronously; wait for the step to change before going on.
    await expect(kiosk).not.toHaveAttribute('data-step', now ?? '');
  }
  await expect(kiosk).toHaveAttribute('data-step', step);
}

/** The customer goes from the order to the signature, turning on exactly the channels given. */
export async function customerChoosesAndSigns(page: Page, channels: Array<'Brief' | 'E-Mail' | 'SMS'>): Promise<void> {
  await goToStep(page, 'channels');
  for (const channel of channels) await page.getByRole('switch', { name: channel }).click();
  await goToStep(page, 'signature');
  await signOnPad(page, page.getByTestId('signature-pad'));
  await page.getByRole('button', { name: 'Weiter' }).click();
  await expect(page.getByTestId('kiosk')).toHaveAttribute('data-step', 'confirm');
}

export async function confirmAndSave(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Bestätigen und speichern' }).click();
  await expect(page.getByTestId('kiosk')).toHaveAttribute('data-step', 'thanks');
}

export async function handTabletBack(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Tablet zurückgeben' }).click();
  await expect(page.getByRole('button', { name: 'Entsperren' })).toBeVisible();
}

/** Everything in one IndexedDB object store of the app's database, read without the app's code. */
export async function readStore<T = unknown>(page: Page, store: string): Promise<T[]> {
  return page.evaluate(
    (name) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open('countersign');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const request = db.transaction(name, 'readonly').objectStore(name).getAll();
          request.onsuccess = () => {
            resolve(request.result as T[]);
            db.close();
          };
          request.onerror = () => reject(request.error);
        };
      }),
    store,
  );
}

export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null && navigator.serviceWorker?.controller !== undefined, null, {
    timeout: 15_000,
  });
}

export async function goOffline(context: BrowserContext): Promise<void> {
  await context.setOffline(true);
}

/** Staff open a record's PDF receipt from today's list; returns the downloaded bytes. */
export async function downloadReceipt(page: Page, customerName: string): Promise<Uint8Array> {
  await page.getByRole('tab', { name: /Heute/ }).click();
  const row = page.locator('li').filter({ hasText: customerName }).first();
  const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('button', { name: 'Beleg (PDF)' }).click()]);
  const path = await download.path();
  const { readFile } = await import('node:fs/promises');
  return new Uint8Array(await readFile(path));
}
