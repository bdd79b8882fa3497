/**
 * Persistent storage, as staff see it. Chromium decides navigator.storage.persist() by its own
 * heuristics (and headless may say yes or no), so each test sets the browser's answer itself through
 * the DevTools protocol (Browser.setPermission, "persistent-storage"; Playwright's grantPermissions
 * has no name for it) before the app asks, and checks both the Status tab and close of day.
 */
import { expect, test, type Browser, type CDPSession, type Page } from '@playwright/test';
import { de } from '../src/i18n/de';
import { setUpDemoShop, unlockAsStaff } from './support/actions';
import { BASE_URL } from './support/env';
import { openCloseOfDayTab } from './support/withdrawal';

type Setting = 'granted' | 'denied';

// One browser-level DevTools session, never detached: Chromium drops the permission overrides a
// session set when that session detaches.
const browserSessions = new WeakMap<Browser, Promise<CDPSession>>();
function browserSessionFor(browser: Browser): Promise<CDPSession> {
  let session = browserSessions.get(browser);
  if (!session) browserSessions.set(browser, (session = browser.newBrowserCDPSession()));
  return session;
}

/** The browser will answer persist() for the app's origin with `setting`, in this test's context only. */
async function browserWillAnswerPersist(page: Page, setting: Setting): Promise<void> {
  const pageSession = await page.context().newCDPSession(page);
  const { targetInfo } = await pageSession.send('Target.getTargetInfo');
  await pageSession.detach();
  const browserSession = await browserSessionFor(page.context().browser()!);
  await browserSession.send('Browser.setPermission', {
    origin: BASE_URL,
    browserContextId: targetInfo.browserContextId,
    permission: { name: 'persistent-storage' },
    setting,
  });
}

/** What the page itself sees: the permission and whether its storage is persistent now. */
function storageAsThePageSeesIt(page: Page): Promise<{ permission: string; persisted: boolean }> {
  return page.evaluate(async () => ({
    permission: (await navigator.permissions.query({ name: 'persistent-storage' })).state,
    persisted: await navigator.storage.persisted(),
  }));
}

async function openStatusTab(page: Page): Promise<void> {
  await page.getByRole('tab', { name: de['staff.tab.status'] }).click();
  await expect(page.getByRole('heading', { name: de['staff.status.storage'] })).toBeVisible();
}

function storageCard(page: Page) {
  return page.locator('section.card').filter({ has: page.getByRole('heading', { name: de['staff.status.storage'] }) });
}

test('granted: the Status tab and close of day say the data is kept', async ({ page }) => {
  await browserWillAnswerPersist(page, 'granted');
  await setUpDemoShop(page);
  // The app asked for persistent storage when the tablet was set up, and got it.
  await expect.poll(() => storageAsThePageSeesIt(page)).toEqual({ permission: 'granted', persisted: true });

  await unlockAsStaff(page);
  await openStatusTab(page);
  const card = storageCard(page);
  await expect(card.locator('p.status-ok')).toHaveText(de['staff.status.granted']);
  await expect(card).not.toContainText(de['staff.status.denied']);
  await expect(card.getByRole('button', { name: de['staff.status.askAgain'] })).toHaveCount(0);

  await openCloseOfDayTab(page);
  await expect(page.getByText(de['sync.storageOk'])).toBeVisible();
  await expect(page.getByText(de['sync.storageMissing'])).toHaveCount(0);
});

test('not granted: staff are warned until the browser allows it', async ({ page }) => {
  await browserWillAnswerPersist(page, 'denied');
  await setUpDemoShop(page);
  await expect.poll(() => storageAsThePageSeesIt(page)).toEqual({ permission: 'denied', persisted: false });

  await unlockAsStaff(page);
  await openStatusTab(page);
  const card = storageCard(page);
  await expect(card.locator('p.status-warn')).toHaveText(de['staff.status.denied']);
  await expect(card).not.toContainText(de['staff.status.granted']);

  await openCloseOfDayTab(page);
  await expect(page.getByText(de['sync.storageMissing'])).toBeVisible();
  await expect(page.getByText(de['sync.storageOk'])).toHaveCount(0);

  // Asking again while the browser still says no keeps the warning.
  await openStatusTab(page);
  await storageCard(page).getByRole('button', { name: de['staff.status.askAgain'] }).click();
  await expect(storageCard(page).getByRole('button', { name: de['staff.status.askAgain'] })).toBeEnabled();
  await expect(storageCard(page).locator('p.status-warn')).toHaveText(de['staff.status.denied']);

  // The browser now allows it (on an iPad: the app was added to the home screen); the Status tab
  // says so when it is opened again, and there is nothing left to ask.
  await browserWillAnswerPersist(page, 'granted');
  await openCloseOfDayTab(page);
  await expect(page.getByText(de['sync.storageOk'])).toBeVisible();
  await openStatusTab(page);
  await expect(storageCard(page).locator('p.status-ok')).toHaveText(de['staff.status.granted']);
  await expect(storageCard(page).getByRole('button', { name: de['staff.status.askAgain'] })).toHaveCount(0);
  expect(await storageAsThePageSeesIt(page)).toEqual({ permission: 'granted', persisted: true });
});
