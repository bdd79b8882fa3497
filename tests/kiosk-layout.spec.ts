/**
 * The kiosk on the tablets shops really use (1024×768 and 1180×820, landscape): a refused "Weiter"
 * shows the customer where and why, and the confirm step shows the signature being confirmed
 * without scrolling, clear of the sticky Back/Next bar.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { ANNA, createOrder, handTabletToCustomer, setUpDemoShop, unlockAsStaff, type OrderInput } from './support/actions';
import { customerGoesOnTo, customerSigns, customerTurnsOn, customerTypesInto } from './support/kiosk-checks';

/** An order with neither e-mail nor mobile number, so e-mail and SMS need them typed in. */
const NO_CONTACT: OrderInput = { ...ANNA, name: 'Jonas Ohnekontakt', email: undefined, mobile: undefined };

async function customerHasTablet(page: Page, order: OrderInput): Promise<Locator> {
  await setUpDemoShop(page);
  await unlockAsStaff(page);
  await createOrder(page, order);
  return handTabletToCustomer(page, order.name);
}

/** The element is entirely on screen, from the top edge of the viewport to the sticky Back/Next bar. */
async function expectWithinViewport(page: Page, element: Locator): Promise<void> {
  const { height } = page.viewportSize()!;
  const bar = page.getByTestId('kiosk').locator('.kiosk-nav');
  // Scrolling into view may be animated; wait for it to settle.
  await expect
    .poll(async () => {
      const [box, barBox] = await Promise.all([element.boundingBox(), bar.boundingBox()]);
      return box !== null && barBox !== null && box.y >= 0 && box.y + box.height <= Math.min(height, barBox.y);
    })
    .toBe(true);
}

async function pressNext(page: Page): Promise<void> {
  await page.getByTestId('kiosk').getByRole('button', { name: 'Weiter' }).click();
}

test.describe('at 1024×768', () => {
  test.use({ viewport: { width: 1024, height: 768 } });

  test('e-mail and SMS switched on without values: "Weiter" focuses the e-mail input, on screen, with its message read out', async ({ page }) => {
    const kiosk = await customerHasTablet(page, NO_CONTACT);
    await customerGoesOnTo(page, 'channels');
    await customerTurnsOn(page, 'E-Mail');
    await customerTurnsOn(page, 'SMS');
    // The customer looks back up at the first channel, then taps "Weiter".
    await page.evaluate(() => window.scrollTo(0, 0));
    await pressNext(page);
    await expect(kiosk).toHaveAttribute('data-step', 'channels');
    const email = kiosk.locator('#channel-email-input');
    await expect(email).toBeFocused();
    await expect(email).toHaveAttribute('aria-invalid', 'true');
    await expect(email).toHaveAccessibleDescription(/Für Werbung per E-Mail brauchen wir Ihre E-Mail-Adresse/);
    await expect(kiosk.locator('#channel-email-input-error')).toHaveAttribute('role', 'alert');
    await expectWithinViewport(page, email);
    await expectWithinViewport(page, kiosk.locator('#channel-email-input-error'));

    // With the address typed, the mobile number is next: focused and on screen the same way.
    await email.fill('jonas@example.net');
    await page.evaluate(() => window.scrollTo(0, 0));
    await pressNext(page);
    const mobile = kiosk.locator('#channel-sms-input');
    await expect(mobile).toBeFocused();
    await expect(mobile).toHaveAttribute('aria-invalid', 'true');
    await expectWithinViewport(page, mobile);
    await expectWithinViewport(page, kiosk.locator('#channel-sms-input-error'));
  });

  test('contact details: "Weiter" focuses the first invalid field, on screen', async ({ page }) => {
    const kiosk = await customerHasTablet(page, ANNA);
    await customerGoesOnTo(page, 'contact');
    await customerTypesInto(page, 'Mobilnummer', '12345');
    await customerTypesInto(page, 'E-Mail', 'anna@');
    await page.evaluate(() => window.scrollTo(0, 0));
    await pressNext(page);
    await expect(kiosk).toHaveAttribute('data-step', 'contact');
    const email = kiosk.getByLabel('E-Mail', { exact: true });
    await expect(email).toBeFocused();
    await expect(email).toHaveAttribute('aria-invalid', 'true');
    await expectWithinViewport(page, email);
    await expect(kiosk.getByLabel('Mobilnummer')).toHaveAttribute('aria-invalid', 'true');

    // The e-mail fixed, the mobile number (the last field) is next, with its message.
    await email.fill('anna@example.com');
    await page.evaluate(() => window.scrollTo(0, 0));
    await pressNext(page);
    const mobile = kiosk.getByLabel('Mobilnummer');
    await expect(mobile).toBeFocused();
    await expectWithinViewport(page, mobile);
    await expectWithinViewport(page, kiosk.locator('#contact-mobile-error'));
  });
});

for (const viewport of [{ width: 1024, height: 768 }, { width: 1180, height: 820 }]) {
  test(`confirm at ${viewport.width}×${viewport.height}: the signature preview is on screen and clear of the action bar`, async ({ page }) => {
    await page.setViewportSize(viewport);
    const kiosk = await customerHasTablet(page, ANNA);
    await customerGoesOnTo(page, 'channels');
    // Every channel on, so the summary is as long as it gets.
    for (const channel of ['Brief', 'E-Mail', 'SMS'] as const) await customerTurnsOn(page, channel);
    await customerGoesOnTo(page, 'signature');
    await customerSigns(page);
    await customerGoesOnTo(page, 'confirm');
    const preview = kiosk.getByRole('img', { name: /Unterschrift/ });
    await expect(preview).toBeVisible();
    await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    // Without scrolling: the page stays at its top.
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    const image = (await preview.boundingBox())!;
    const bar = (await kiosk.locator('.kiosk-nav').boundingBox())!;
    expect(image.y, 'the preview starts on screen').toBeGreaterThanOrEqual(0);
    expect(image.y + image.height, 'the preview ends on screen').toBeLessThanOrEqual(viewport.height);
    expect(image.y + image.height, 'the preview ends above the action bar').toBeLessThanOrEqual(bar.y);
    expect(image.height).toBeGreaterThan(60);
  });
}
