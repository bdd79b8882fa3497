/**
 * Close of day with no network: "Jetzt synchronisieren" must not read as if the record reached the
 * server. The result counts what the server acknowledged and says what still waits on the tablet,
 * and no progress bar is left standing after the run. Real Chromium, real server, real IndexedDB.
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
  waitingText,
} from './support/sync';

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
  await expect(result).toContainText('0 übertragen · 1 wartet weiter auf dem Tablet');
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
});
