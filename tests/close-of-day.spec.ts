/**
 * Close of day with no network: "Jetzt synchronisieren" must not read as if the record reached the
 * server. The result counts what the server acknowledged and says what still waits on the tablet,
 * and no progress bar is left standing after the run. After an automatic run (network back, app
 * start) the result says what that run did, never "0 übertragen". Real Chromium, real server, real IndexedDB.
 */
import { expect, test } from '@playwright/test';
import { unlockAsStaff } from './support/actions';
import {
  closeOfDay,
  customerSignsNewOrder,
  enrolTablet,
  networkComesBack,
  networkGoesAway,
  openCloseOfDay,
  syncIsRunning,
  syncNow,
  TABLET_SAYS,
  tabletOutbox,
  tabletSyncState,
  waitingText,
} from './support/sync';

/** What close of day may say after the record got through: "1 übertragen", or a later run's "nothing to send". */
const DELIVERED_OR_NOTHING_WAITS = /^(Ergebnis \(.+\))?(1 übertragen|Nichts zu senden – alles ist übertragen\.)/;

// Signing and two sync runs: more than the default 30 s on a busy machine.
test.describe.configure({ timeout: 60_000 });

test('offline, close of day says nothing was delivered and the record still waits, and leaves no progress bar behind', async ({ page }) => {
  await enrolTablet(page, { name: 'Theke Tagesabschluss' });
  await unlockAsStaff(page);
  await networkGoesAway(page);
  const record = await customerSignsNewOrder(page, 'Olaf Ohnenetz', { beforeSaving: () => networkGoesAway(page) });

  await openCloseOfDay(page);
  const card = closeOfDay(page);
  await expect(card).toContainText(waitingText(1));
  await expect.poll(() => syncIsRunning(page)).toBe(false);
  await syncNow(page);

  await expect(card.getByRole('alert')).toHaveText(TABLET_SAYS.offline);
  const result = card.getByRole('status');
  await expect(result).toContainText('1 wartet weiter auf dem Tablet');
  await expect(result).not.toContainText('übertragen ·');
  await expect(result).not.toContainText('0 übertragen');
  await expect(result).not.toContainText('Gesendet');
  // The run is over: no bar, no "Gesendet: 0 von 1".
  await expect(card.locator('progress')).toHaveCount(0);
  await expect(card).not.toContainText('Gesendet:');
  expect((await tabletOutbox(page)).map((e) => [e.recordId, e.state])).toEqual([[record.id, 'pending']]);

  // The network returns and the tablet's own triggers send it: nothing waits, and nothing says so.
  await networkComesBack(page);
  await expect.poll(async () => (await tabletOutbox(page)).length, { timeout: 20_000, message: 'the record leaves the outbox' }).toBe(0);
  await expect(card).toContainText(waitingText(0));
  await expect.poll(() => syncIsRunning(page)).toBe(false);
  await expect(card).not.toContainText('wartet weiter');
  await expect(card.locator('progress')).toHaveCount(0);
  // The automatic run's result says the record got through (or, after a later run, that nothing waits).
  await expect(result).toHaveText(DELIVERED_OR_NOTHING_WAITS);
  await expect(result).not.toContainText('0 übertragen');
  // Opened afresh, Tagesabschluss says the same.
  await page.getByRole('tab', { name: 'Status' }).click();
  await openCloseOfDay(page);
  await expect(card.getByRole('status')).toHaveText(DELIVERED_OR_NOTHING_WAITS);
  await expect(card.getByRole('status')).not.toContainText('0 übertragen');
});

test('on a brand-new tablet, the run that enrolling starts by itself has nothing to send and says so, not "0 übertragen"', async ({ page }) => {
  await enrolTablet(page, { name: 'Theke Neu' });
  await expect.poll(async () => (await tabletSyncState(page))?.lastSuccessAt ?? null, { timeout: 20_000, message: 'the run after enrolling' }).not.toBeNull();
  await expect.poll(() => syncIsRunning(page)).toBe(false);
  await openCloseOfDay(page);
  const result = closeOfDay(page).getByRole('status');
  // (What the run brought from the server, such as the demo shop's orders, may follow.)
  await expect(result).toHaveText(/^Nichts zu senden – alles ist übertragen\./);
  await expect(closeOfDay(page)).not.toContainText('übertragen ·');
  await expect(closeOfDay(page)).not.toContainText('0 übertragen');
});
