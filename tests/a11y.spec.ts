/**
 * Accessibility, scanned with axe-core in a real Chromium on every screen a person meets: first
 * start, the lock screen, every staff tab, every customer step (also with a message shown), and
 * the dialogs in front of the kiosk. No violation of impact "serious" or "critical" may remain;
 * each failure names the rule, its impact and the elements, so it can be fixed where it is.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import {
  confirmAndSave,
  handTabletBack,
  handTabletToCustomer,
  setUpDemoShop,
  unlockAsStaff,
} from './support/actions';
import { customerGoesOnTo, expectMessageBeside, finishSetup, openNewOrderForm, pressNext, retype, saveOrderForm, signName, switchKioskLanguage } from './support/forms';

/** WCAG 2.1 A and AA, plus axe's best practices. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
/** The demo shop's example orders (server/demo.ts); Max gave no e-mail address. */
const ERIKA = 'Erika Mustermann';
const MAX = 'Max Mustermann';

// Every test has its own browser context (its own IndexedDB), so they may run side by side.
test.describe.configure({ mode: 'parallel' });

async function customerHasTablet(page: Page) {
  await setUpDemoShop(page);
  await unlockAsStaff(page);
  return handTabletToCustomer(page, ERIKA);
}

type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>;

function describe(violations: AxeResults['violations']): string {
  return violations
    .map((v) => {
      const nodes = v.nodes.map((n) => {
        const why = [...n.any, ...n.all, ...n.none].map((check) => check.message).filter(Boolean)[0];
        return `    - ${n.target.join(' ')}${why ? `: ${why}` : ''}`;
      });
      return `  ${v.id} [${v.impact}] ${v.help} (${v.helpUrl})\n${nodes.join('\n')}`;
    })
    .join('\n');
}

/**
 * axe scans the page as it is now; a serious or critical violation fails the test (softly, so
 * one run lists every screen's problems), with the rule, its impact and the elements in the message.
 */
async function expectNoSeriousViolations(page: Page, screen: string): Promise<void> {
  // Let transitions and lazy chunks settle, so axe sees what a person sees.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect.soft(serious, `axe on "${screen}": ${serious.length} serious or critical violation(s)\n${describe(serious)}`).toEqual([]);
  // The scan must have looked at something: a blank page passes every rule.
  expect(results.passes.length, `axe on "${screen}" checked nothing`).toBeGreaterThan(10);
}

test('first start: the setup form, also with its messages shown', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'countersign einrichten' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Verbinden' })).toBeVisible();
  await expectNoSeriousViolations(page, 'setup wizard');

  await page.getByText('Texte ansehen und anpassen').click();
  await retype(page.getByLabel('PIN', { exact: true }), '123');
  await finishSetup(page);
  await expectMessageBeside(page.getByLabel('Name des Geschäfts'), 'Bitte ausfüllen.');
  await expectNoSeriousViolations(page, 'setup wizard with messages and texts open');
});

test('the lock screen and its PIN pad, also with a wrong PIN', async ({ page }) => {
  await setUpDemoShop(page);
  await expectNoSeriousViolations(page, 'lock screen');
  await page.getByRole('button', { name: 'Entsperren' }).click();
  await page.getByLabel('PIN', { exact: true }).fill('111111');
  await page.getByRole('button', { name: 'Entsperren' }).click();
  await expect(page.locator('#pin-error')).toBeVisible();
  await expectNoSeriousViolations(page, 'lock screen PIN pad with a wrong PIN');
});

test('staff: the orders list and the new-order form, also with its messages shown', async ({ page }) => {
  await setUpDemoShop(page);
  await unlockAsStaff(page);
  await expect(page.getByRole('button', { name: 'An Kunden übergeben' }).first()).toBeVisible();
  await expectNoSeriousViolations(page, 'staff: Aufträge');
  const form = await openNewOrderForm(page);
  await expectNoSeriousViolations(page, 'staff: new-order form');
  await saveOrderForm(form);
  await expectMessageBeside(form.getByLabel('Name', { exact: true }), 'Bitte ausfüllen.');
  await expectNoSeriousViolations(page, 'staff: new-order form with messages');
});

test('staff: the Heute, Status and Einstellungen tabs, and the staff screens in English', async ({ page }) => {
  await setUpDemoShop(page);
  await unlockAsStaff(page);
  await page.getByRole('tab', { name: 'Heute' }).click();
  await expect(page.getByText('Heute wurde noch nichts unterschrieben.')).toBeVisible();
  await expectNoSeriousViolations(page, 'staff: Heute (empty)');
  await page.getByRole('tab', { name: 'Status' }).click();
  await expect(page.getByRole('heading', { name: 'Status dieses Tablets' })).toBeVisible();
  await expectNoSeriousViolations(page, 'staff: Status');
  await page.getByRole('tab', { name: 'Einstellungen' }).click();
  await expect(page.getByRole('heading', { name: 'Einstellungen' })).toBeVisible();
  await expectNoSeriousViolations(page, 'staff: Einstellungen');
  // The staff screens switch language as a whole.
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await page.getByRole('tab', { name: 'Orders' }).click();
  await expect(page.getByRole('button', { name: 'New order' })).toBeVisible();
  await expectNoSeriousViolations(page, 'staff: Orders (English)');
});

test('the customer: order summary, privacy notice and contact details, also with a bad e-mail', async ({ page }) => {
  const kiosk = await customerHasTablet(page);
  await expectNoSeriousViolations(page, 'kiosk: summary');
  await customerGoesOnTo(page, 'notice');
  await expectNoSeriousViolations(page, 'kiosk: notice');
  await customerGoesOnTo(page, 'contact');
  await expectNoSeriousViolations(page, 'kiosk: contact');
  await retype(kiosk.locator('#contact-email'), 'erika@');
  await pressNext(page);
  await expectMessageBeside(kiosk.locator('#contact-email'), 'Bitte eine gültige E-Mail-Adresse eingeben');
  await expectNoSeriousViolations(page, 'kiosk: contact with a bad e-mail');
  await switchKioskLanguage(page, 'en');
  await expectNoSeriousViolations(page, 'kiosk: contact with a bad e-mail (English)');
});

test('the customer: channels and the health question', async ({ page }) => {
  await customerHasTablet(page);
  await customerGoesOnTo(page, 'channels');
  await expectNoSeriousViolations(page, 'kiosk: channels');
  await page.getByRole('switch', { name: 'Brief' }).click();
  await page.getByRole('switch', { name: 'SMS' }).click();
  await expect(page.getByRole('switch', { name: 'SMS' })).toHaveAttribute('aria-checked', 'true');
  await expectNoSeriousViolations(page, 'kiosk: channels, letter and SMS on');
  await customerGoesOnTo(page, 'health');
  await expectNoSeriousViolations(page, 'kiosk: health');
  await page.getByRole('radio', { name: 'Ja, ich willige ein' }).check();
  await expectNoSeriousViolations(page, 'kiosk: health, yes chosen');
});

test('the customer: a channel switched on without its contact value shows a message and an input', async ({ page }) => {
  await setUpDemoShop(page);
  await unlockAsStaff(page);
  const kiosk = await handTabletToCustomer(page, MAX); // the demo order without an e-mail address
  await customerGoesOnTo(page, 'channels');
  await page.getByRole('switch', { name: 'E-Mail' }).click();
  // The input shows at once; its message only once "Weiter" is refused.
  await pressNext(page);
  await expectMessageBeside(kiosk.locator('#channel-email-input'), 'Für Werbung per E-Mail brauchen wir Ihre E-Mail-Adresse');
  await expectNoSeriousViolations(page, 'kiosk: channels, e-mail on without an address');
});

test('the customer: the signature pad, also refused, and the staff PIN dialog in front of it', async ({ page }) => {
  await customerHasTablet(page);
  await customerGoesOnTo(page, 'signature');
  await expectNoSeriousViolations(page, 'kiosk: signature');
  await pressNext(page);
  await expect(page.locator('#signature-error')).not.toBeEmpty();
  await expectNoSeriousViolations(page, 'kiosk: signature refused');

  // The way out for staff: a PIN dialog in front of the customer's step.
  await page.getByRole('button', { name: 'Personal' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expectNoSeriousViolations(page, 'kiosk: staff PIN dialog');
});

test('the customer: confirm and thanks; then staff see today\'s record', async ({ page }) => {
  const kiosk = await customerHasTablet(page);
  await customerGoesOnTo(page, 'signature');
  await signName(page);
  await pressNext(page);
  await expect(kiosk).toHaveAttribute('data-step', 'confirm');
  await expect(kiosk.getByRole('img', { name: 'Ihre Unterschrift' })).toBeVisible();
  await expectNoSeriousViolations(page, 'kiosk: confirm');
  await confirmAndSave(page);
  await expectNoSeriousViolations(page, 'kiosk: thanks');

  await handTabletBack(page);
  await unlockAsStaff(page);
  await page.getByRole('tab', { name: 'Heute' }).click();
  await expect(page.getByRole('button', { name: 'Beleg (PDF)' })).toBeVisible();
  await expectNoSeriousViolations(page, 'staff: Heute with a record');
});

test('the inactivity warning in front of the kiosk', async ({ page }) => {
  // The page's clock is ours, so the 90 s without a touch pass at once.
  await page.clock.install();
  await setUpDemoShop(page);
  await unlockAsStaff(page);
  await handTabletToCustomer(page, ERIKA);
  await customerGoesOnTo(page, 'contact');
  await page.clock.fastForward('01:20');
  const warning = page.getByRole('alertdialog');
  await expect(warning).toBeVisible();
  await expect(warning).toContainText('Sind Sie noch da?');
  await expectNoSeriousViolations(page, 'kiosk: inactivity warning');
  await warning.getByRole('button', { name: 'Weiter ausfüllen' }).click();
  await expect(warning).toBeHidden();
});
