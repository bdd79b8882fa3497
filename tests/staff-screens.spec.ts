/**
 * The staff screens on a real tablet size, end to end in Chromium: the staff tabs fit a portrait
 * tablet (768×1024) and a landscape one (1024×768), each label whole and on one line; the badge
 * says "1 wartet"; the withdrawal list shows a mobile number as everywhere else; Status and close
 * of day say the oldest's age in the same words; the thanks step tells a customer who chose e-mail
 * about the confirmation e-mail.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { customerChoosesAndSigns, confirmAndSave, handTabletToCustomer, setUpDemoShop, unlockAsStaff } from './support/actions';
import { openCloseOfDayTab, openWithdrawalTab, recentWithdrawals, recordWithdrawal } from './support/withdrawal';

/** Whether the element lies wholly inside the viewport. */
async function insideViewport(page: Page, element: Locator): Promise<boolean> {
  const { width, height } = page.viewportSize()!;
  const box = await element.boundingBox();
  return box !== null && box.x >= 0 && box.y >= 0 && box.x + box.width <= width + 0.5 && box.y + box.height <= height + 0.5;
}

/**
 * How far apart (px) the tab's visible pieces of text sit vertically, and whether its content is
 * cut off: one line means every piece (words and badge) shares one line.
 */
function labelLayout(tab: Locator): Promise<{ spread: number; clipped: boolean; text: string }> {
  return tab.evaluate((el) => {
    const centres: number[] = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement?.closest('.visually-hidden') || !node.textContent?.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const rect of range.getClientRects()) if (rect.width > 0) centres.push(rect.top + rect.height / 2);
    }
    return { spread: Math.max(...centres) - Math.min(...centres), clipped: el.scrollWidth > el.clientWidth + 1, text: el.textContent ?? '' };
  });
}

async function expectEveryTabWholeOnOneLine(page: Page): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  const tabs = page.getByRole('tab');
  await expect(tabs).toHaveCount(6);
  const heights: number[] = [];
  for (const tab of await tabs.all()) {
    const name = (await tab.textContent()) ?? '';
    expect(await insideViewport(page, tab), `tab "${name}" is inside the viewport ${JSON.stringify(page.viewportSize())}`).toBe(true);
    const layout = await labelLayout(tab);
    expect(layout.spread, `tab "${layout.text}" is on one line`).toBeLessThan(8);
    expect(layout.clipped, `tab "${layout.text}" shows all of its label`).toBe(false);
    heights.push((await tab.boundingBox())!.height);
  }
  // One line each: every tab as tall as the others.
  expect(Math.max(...heights) - Math.min(...heights), `tab heights ${heights.join(', ')}`).toBeLessThanOrEqual(1);
  const row = page.getByRole('tablist');
  expect(await row.evaluate((el) => el.scrollWidth <= el.clientWidth + 1), 'the tab row hides nothing to scroll to').toBe(true);
}

test.describe('portrait tablet, 768×1024', () => {
  test.use({ viewport: { width: 768, height: 1024 } });

  test('staff tabs all fit, whole and on one line, with the badge; the withdrawal list shows the mobile readably; the oldest waits in one wording', async ({ page }) => {
    await setUpDemoShop(page);
    // The withdrawal must stay waiting, so the badge shows: the server does not get it in this test.
    await page.context().route('**/api/v1/consent-events', (route) => route.abort());
    await unlockAsStaff(page);

    const form = await openWithdrawalTab(page);
    await recordWithdrawal(page, { action: 'Widerspruch gegen Werbung', channels: ['SMS'], mobile: '0171 2345678' });
    await expect(page.getByRole('tab', { name: /^Tagesabschluss/ })).toContainText('1');
    await expectEveryTabWholeOnOneLine(page);
    await expect(page.getByRole('tab', { name: 'Tagesabschluss (1 wartet)' })).toBeVisible();

    // The intro names the health consent too; the list shows the number as everywhere else.
    await expect(form.locator('p.hint').first()).toContainText('Gesundheitsdaten');
    const latest = recentWithdrawals(page).first();
    await expect(latest).toContainText('+49 171 2345678');
    await expect(latest).not.toContainText('+491712345678');

    // Status and close of day: the same words for the age of the oldest.
    await page.getByRole('tab', { name: 'Status' }).click();
    await expect(page.getByRole('tabpanel')).toContainText('Der älteste wartet seit weniger als einer Minute.');
    await openCloseOfDayTab(page);
    await expect(page.getByRole('tabpanel')).toContainText('Der älteste wartet seit weniger als einer Minute.');

    await page.setViewportSize({ width: 1024, height: 768 });
    await expectEveryTabWholeOnOneLine(page);
  });
});

test('the thanks step tells a customer who switched e-mail on that a confirmation e-mail comes, and when the consent counts', async ({ page }) => {
  test.setTimeout(60_000);
  await setUpDemoShop(page);
  await unlockAsStaff(page);
  await handTabletToCustomer(page, 'Erika Mustermann'); // the demo order with an e-mail address
  await customerChoosesAndSigns(page, ['E-Mail']);
  await confirmAndSave(page);
  const kiosk = page.getByTestId('kiosk');
  await expect(kiosk).toContainText('Sie erhalten eine E-Mail mit einem Bestätigungslink.');
  await expect(kiosk).toContainText('gilt erst, wenn Sie diesen Link bestätigt haben');
});
