/**
 * Issue 2, test 8: back, a URL change and a reload cannot leave customer mode. The tablet is handed
 * to the demo customer Erika Mustermann; whatever the browser is told to do, the kiosk comes back
 * on the same step with the same entries, and only the staff PIN leads out of it. Staff mode
 * itself is never restored without the PIN.
 */
import { expect, test, type Page } from '@playwright/test';
import { handTabletToCustomer, orderRow, readStore, setUpDemoShop, unlockAsStaff, waitForServiceWorker } from './support/actions';
import { DEMO_PIN, portAbove } from './support/env';
import { switchKioskLanguage } from './support/forms';
import { ownerSetupSecret, testCleanups } from './support/sync';
import { setUpOwnerArea } from './support/owner-area';
import {
  ERIKA,
  askForStaffWithPin,
  customerGoesOnTo,
  customerSigns,
  customerPressesBack,
  customerTurnsOn,
  customerTypesInto,
  expectConfirmedChoice,
  expectDraftSaved,
  expectInKiosk,
  expectSignatureSavedWhole,
  expectLockScreen,
  expectSwitches,
  inkOnPad,
  orderStatus,
  staffTakeOverAndDiscard,
  storedDraft,
} from './support/kiosk-checks';

const EDITED_NAME = 'Erika Musterfrau-Lang';
const OWNER_PASSWORD = 'Inhaber-Passwort-2026';

const { ownServer } = testCleanups();
const EDITED_STREET = 'Am Wall 3';

async function handErikaTheTablet(page: Page): Promise<void> {
  await setUpDemoShop(page);
  await unlockAsStaff(page);
  await handTabletToCustomer(page, ERIKA.name);
}

test('the back button keeps the customer on the same step, with the draft', async ({ page }) => {
  // History before the kiosk: another document, left in staff mode. Back must never reach it.
  await setUpDemoShop(page);
  await unlockAsStaff(page);
  await page.goto('/?counter=1');
  await expectLockScreen(page);
  await unlockAsStaff(page);
  await handTabletToCustomer(page, ERIKA.name);

  for (let i = 0; i < 3; i++) {
    await customerPressesBack(page);
    await expectInKiosk(page, 'summary');
  }

  await customerGoesOnTo(page, 'contact');
  await customerTypesInto(page, 'Name', EDITED_NAME);
  for (let i = 0; i < 4; i++) {
    await customerPressesBack(page);
    await expectInKiosk(page, 'contact');
    await expect(page.getByLabel('Name', { exact: true })).toHaveValue(EDITED_NAME);
  }

  await customerGoesOnTo(page, 'channels');
  await customerTurnsOn(page, 'Brief');
  for (let i = 0; i < 4; i++) {
    await customerPressesBack(page);
    await expectInKiosk(page, 'channels');
    await expectSwitches(page, ['Brief']);
  }
  await expect(page.getByText(`${EDITED_NAME}, Heidestraße 17, 37083 Göttingen`)).toBeVisible();
  await expectDraftSaved(page, (d) => d.step === 'channels' && d.choices.letter && d.contact.name === EDITED_NAME);
});

test('a changed URL lands in the kiosk again, on the same step with the same entries, never in staff mode', async ({ page }) => {
  await handErikaTheTablet(page);
  await customerGoesOnTo(page, 'contact');
  await customerTypesInto(page, 'Name', EDITED_NAME);
  await customerGoesOnTo(page, 'channels');
  await customerTurnsOn(page, 'E-Mail');
  await expectDraftSaved(page, (d) => d.step === 'channels' && d.choices.email);

  for (const url of ['/staff', '/?mode=staff', '/#/staff', '/index.html', '/index.html#/staff', '/staff/orders?unlock=1#staff', '/']) {
    await page.goto(url);
    await expectInKiosk(page, 'channels');
    await expectSwitches(page, ['E-Mail']);
    await expect(page.getByText(`${EDITED_NAME}, Heidestraße 17, 37083 Göttingen`), `after opening ${url}`).toBeVisible();
  }

  // Back to the contact step: the edited name is still in its field.
  await page.getByRole('button', { name: 'Zurück' }).click();
  await expectInKiosk(page, 'contact');
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue(EDITED_NAME);
});

test('a reload on a later step returns to that step with the entries kept', async ({ page }) => {
  await handErikaTheTablet(page);

  // Contact step with an edited field.
  await customerGoesOnTo(page, 'contact');
  await customerTypesInto(page, 'Straße und Hausnummer', EDITED_STREET);
  await expectDraftSaved(page, (d) => d.contact.street === EDITED_STREET);
  await page.reload();
  await expectInKiosk(page, 'contact');
  await expect(page.getByLabel('Straße und Hausnummer')).toHaveValue(EDITED_STREET);
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue(ERIKA.name);

  // Channels step with two switches on.
  await customerGoesOnTo(page, 'channels');
  await customerTurnsOn(page, 'Brief');
  await customerTurnsOn(page, 'SMS');
  await page.reload();
  await expectInKiosk(page, 'channels');
  await expectSwitches(page, ['Brief', 'SMS']);
  await expect(page.getByText(`${ERIKA.name}, ${EDITED_STREET}, 37083 Göttingen`)).toBeVisible();

  // Health step with "yes" chosen.
  await customerGoesOnTo(page, 'health');
  await page.getByRole('radio', { name: 'Ja, ich willige ein' }).check();
  await page.reload();
  await expectInKiosk(page, 'health');
  await expect(page.getByRole('radio', { name: 'Ja, ich willige ein' })).toBeChecked();
});

test('a reload on the signature step brings the signature back, and the choices with it', async ({ page }) => {
  await handErikaTheTablet(page);
  await customerGoesOnTo(page, 'contact');
  await customerTypesInto(page, 'Straße und Hausnummer', EDITED_STREET);
  await customerGoesOnTo(page, 'channels');
  await customerTurnsOn(page, 'Brief');
  await customerTurnsOn(page, 'SMS');
  await customerGoesOnTo(page, 'signature');
  expect(await inkOnPad(page)).toBe(0);
  await customerSigns(page);
  await expectSignatureSavedWhole(page);
  const ink = await inkOnPad(page);
  await page.reload();
  await expectInKiosk(page, 'signature');
  // The same signature, redrawn from the stored strokes: about the same amount of ink.
  await expect.poll(() => inkOnPad(page)).toBeGreaterThan(ink * 0.9);
  expect(await inkOnPad(page)).toBeLessThan(ink * 1.1);
  await page.getByRole('button', { name: 'Weiter' }).click();
  await expectInKiosk(page, 'confirm');
  await expect(page.getByTestId('kiosk')).toContainText(`${ERIKA.name}, ${EDITED_STREET}, 37083 Göttingen`);
  await expectConfirmedChoice(page, 'Brief', 'Ja');
  await expectConfirmedChoice(page, 'E-Mail', 'Nein');
  await expectConfirmedChoice(page, 'SMS', 'Ja');
});

test('a reload right after typing keeps what was typed', async ({ page }) => {
  // The page clock stands still from the contact step on, so no timer in the page can run between
  // the last key and the reload: whatever the app keeps, it must keep at once, not "a moment later".
  await page.clock.install();
  await handErikaTheTablet(page);
  await customerGoesOnTo(page, 'contact');
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1_000);
  await customerTypesInto(page, 'Straße und Hausnummer', EDITED_STREET);
  await page.reload();
  await page.clock.resume();
  await expectInKiosk(page, 'contact');
  await expect(page.getByLabel('Straße und Hausnummer')).toHaveValue(EDITED_STREET);
});

test('only the staff PIN leads out of the kiosk; the draft is discarded, the order stays open, and a reload locks', async ({ page }) => {
  await handErikaTheTablet(page);
  await customerGoesOnTo(page, 'contact');
  await customerTypesInto(page, 'Name', EDITED_NAME);
  await customerGoesOnTo(page, 'channels');
  await customerTurnsOn(page, 'Brief');

  // A wrong PIN: a clear message, and the customer stays in the kiosk.
  await askForStaffWithPin(page, '135799');
  await expect(page.getByRole('dialog').getByRole('alert')).toHaveText('Diese PIN stimmt nicht. Bitte noch einmal versuchen.');
  await expectInKiosk(page, 'channels');
  await page.getByRole('dialog').getByRole('button', { name: 'Abbrechen' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expectInKiosk(page, 'channels');
  await expectSwitches(page, ['Brief']);

  // The right PIN, but staff choose to give the tablet back: nothing is lost.
  await askForStaffWithPin(page, DEMO_PIN);
  await page.getByRole('dialog').getByRole('button', { name: 'Zurück zum Kunden' }).click();
  await expectInKiosk(page, 'channels');
  await expectSwitches(page, ['Brief']);
  await expect(page.getByText(`${EDITED_NAME}, Heidestraße 17, 37083 Göttingen`)).toBeVisible();

  // The right PIN and "Verwerfen": staff mode, the draft gone, the order still open.
  await staffTakeOverAndDiscard(page);
  await expect(page.getByTestId('kiosk')).toHaveCount(0);
  expect(await readStore(page, 'kiosk')).toEqual([]);
  expect(await readStore(page, 'records')).toEqual([]);
  expect(await orderStatus(page, ERIKA.orderId)).toBe('open');
  await expect(orderRow(page, ERIKA.name)).toBeVisible();

  // Staff mode is never restored without the PIN: not by a reload, not by a URL.
  await page.reload();
  await expectLockScreen(page);
  await page.goto('/?mode=staff');
  await expectLockScreen(page);
  await unlockAsStaff(page);
  await page.goBack();
  await expectLockScreen(page);
  expect(await storedDraft(page)).toBeUndefined();
});

test("the server's own pages open the kiosk again while a customer has the tablet, even with the owner logged in", async ({ page }, testInfo) => {
  // A server of the test's own (its owner set-up secret is printed only at start), on a port below
  // the update test's (E2E_PORT + 20), one per worker.
  const { server } = await ownServer(portAbove(1 + testInfo.parallelIndex), 'kiosk-lock-owner');
  const { url } = server;
  // The owner once logged in on the tablet's browser, and never logged out.
  await setUpOwnerArea(page, url, ownerSetupSecret(server), OWNER_PASSWORD);
  await setUpDemoShop(page, `${url}/`);
  await waitForServiceWorker(page);
  await unlockAsStaff(page);
  await handTabletToCustomer(page, ERIKA.name);
  await customerGoesOnTo(page, 'channels');
  await customerTurnsOn(page, 'Brief');
  await expectDraftSaved(page, (d) => d.step === 'channels' && d.choices.letter);

  for (const path of ['/owner', '/owner/login', '/owner/customers', '/owner/devices', '/c/optout?t=x', '/api/v1/health']) {
    await page.goto(`${url}${path}`);
    await expectInKiosk(page, 'channels');
    await expectSwitches(page, ['Brief']);
    await expect(page.getByRole('heading', { name: /Inhaberbereich/ }), `after opening ${path}`).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Abmelden' }), `after opening ${path}`).toHaveCount(0);
  }
  // The owner's session was there all along: only the service worker kept the customer in the kiosk.
  expect(await (await page.request.get(`${url}/owner`)).text()).toContain('Abmelden');

  // With the tablet back in staff hands, the owner area is the server's again.
  await staffTakeOverAndDiscard(page);
  await page.goto(`${url}/owner`);
  await expect(page.getByRole('button', { name: 'Abmelden' })).toBeVisible();
  await expect(page.getByTestId('kiosk')).toHaveCount(0);
});

test("a refusal at the last step follows the customer's switch to English", async ({ page }) => {
  await handErikaTheTablet(page);
  await customerGoesOnTo(page, 'signature');
  await customerSigns(page);
  await expectSignatureSavedWhole(page);
  await customerGoesOnTo(page, 'confirm');
  // Meanwhile the order was signed elsewhere: storing this record is refused.
  await page.evaluate(
    (orderId) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('countersign');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('orders', 'readwrite');
          const orders = tx.objectStore('orders');
          const all = orders.getAll();
          all.onsuccess = () => {
            for (const row of all.result as Array<{ id: string; status: string }>) if (row.id.startsWith(`${orderId}-`)) orders.put({ ...row, status: 'signed' });
          };
          tx.oncomplete = () => (open.result.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
      }),
    ERIKA.orderId,
  );
  await page.getByRole('button', { name: 'Bestätigen und speichern' }).click();
  const kiosk = page.getByTestId('kiosk');
  await expect(kiosk.getByRole('alert')).toHaveText('Dieser Datensatz ist bereits gespeichert.');
  await switchKioskLanguage(page, 'en');
  await expect(kiosk.getByRole('alert')).toHaveText('This record is already stored.');
  await expectInKiosk(page, 'confirm');
});
