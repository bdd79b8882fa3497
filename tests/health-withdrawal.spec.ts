/**
 * The health-data consent (Art. 9) at the counter, end to end: a customer who said yes withdraws
 * it with a checkbox of its own, offline, never by an objection (Art. 21(2) is about advertising);
 * when the network returns, the real server's SQLite ledger says withdrawn, route counter, for the
 * same customer, and nothing of marketing was touched.
 */
import { expect, test } from '@playwright/test';
import { unlockAsStaff } from './support/actions';
import { enrolTablet, networkComesBack, networkGoesAway, openCloseOfDay, ownPort, syncNow, testCleanups } from './support/sync';
import { customerGrantsHealthConsent, HEALTH_CHECKBOX, openWithdrawalTab, recentWithdrawals, recordWithdrawal, serverConsentEvents, staffId, tabletCounterEvents } from './support/withdrawal';

// Enrols, signs, syncs, withdraws offline and syncs again against a server of its own.
test.describe.configure({ timeout: 60_000 });

const { ownServer } = testCleanups();

test('a customer who granted the health consent withdraws it at the counter, offline; after the sync the ledger says withdrawn, route counter', async ({ page }, testInfo) => {
  const { server } = await ownServer(ownPort(testInfo, 1), 'withdrawal-health');
  const device = await enrolTablet(page, { url: server.url, name: 'Theke Gesundheit' });
  await unlockAsStaff(page);
  const staff = await staffId(page);
  const greta = { name: 'Greta Gesund', email: 'greta.gesund@example.com' };
  await customerGrantsHealthConsent(page, greta);
  await openCloseOfDay(page);
  await syncNow(page);
  await expect.poll(() => serverConsentEvents(server.dataDir).map((r) => `${r.channel}/${r.action}/${r.route}`)).toEqual(['health/granted/signature']);

  await networkGoesAway(page);
  const form = await openWithdrawalTab(page);
  const health = form.getByRole('checkbox', { name: HEALTH_CHECKBOX });
  // Apart from the channels, and not offered for an objection (Art. 21(2) is about advertising).
  await expect(form.getByRole('group', { name: 'Für welche Kanäle?' }).getByRole('checkbox')).toHaveCount(3);
  await form.getByRole('radio', { name: 'Widerruf der Einwilligung' }).check();
  await health.check();
  await form.getByRole('radio', { name: 'Widerspruch gegen Werbung' }).check();
  await expect(health).toBeDisabled();
  await expect(health).not.toBeChecked();
  await expect(health).toHaveAccessibleDescription(/Ein Widerspruch gilt nur für Werbung/);
  // Back to a withdrawal: the tick staff set is there again, not silently lost.
  await form.getByRole('radio', { name: 'Widerruf der Einwilligung' }).check();
  await expect(health).toBeEnabled();
  await expect(health).toBeChecked();
  await recordWithdrawal(page, { action: 'Widerruf der Einwilligung', channels: [], health: true, email: greta.email, note: 'per E-Mail' });
  const [event] = await tabletCounterEvents(page);
  expect(event).toMatchObject({ state: 'pending', action: 'withdrawn', channels: ['health'], event: { channels: ['health'], staffId: staff, customer: { email: greta.email } } });
  await expect(recentWithdrawals(page).first()).toContainText('Widerruf der Einwilligung · Gesundheitsdaten');

  await networkComesBack(page);
  await expect.poll(() => serverConsentEvents(server.dataDir, [event!.id]).length, { timeout: 20_000, message: 'the withdrawal reaches the ledger' }).toBe(1);
  const [row] = serverConsentEvents(server.dataDir, [event!.id]);
  expect(row).toMatchObject({ channel: 'health', action: 'withdrawn', route: 'counter', at: event!.at, device_id: device.deviceId, staff_id: staff, contact: '', note: 'per E-Mail' });
  // The same customer whose signature granted it; nothing of marketing was touched.
  expect(serverConsentEvents(server.dataDir).map((r) => [r.customer_id, r.channel, r.action])).toEqual([
    [row!.customer_id, 'health', 'granted'],
    [row!.customer_id, 'health', 'withdrawn'],
  ]);
});
