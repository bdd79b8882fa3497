/**
 * Withdrawals and objections at the counter, end to end: a real Chromium with the real service
 * worker and IndexedDB records them offline, a reload keeps them, and when the network returns the
 * one sync run carries them to the real server, whose SQLite ledger is read directly (read-only):
 * route "counter", the action, each channel, the tablet, the staff member and the time, once.
 * Close of day says "nothing waits" only once they are sent, and a sync with nothing to send says
 * so. Bad input gets its message beside the field, "who is it?" once at its group (German, and
 * English), and stores nothing. The health-data consent: health-withdrawal.spec.ts.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page, type Route } from '@playwright/test';
import { setUpDemoShop, unlockAsStaff, waitForServiceWorker } from './support/actions';
import { expectMessageBeside } from './support/forms';
import {
  closeOfDay,
  enrolTablet,
  networkComesBack,
  networkGoesAway,
  ownPort,
  syncIsRunning,
  syncNow,
  tabletSyncState,
  testCleanups,
  waitingText,
} from './support/sync';
import {
  countServerCustomers,
  openCloseOfDayTab,
  customerField,
  expectMessageAtCustomerGroup,
  fillWithdrawal,
  openWithdrawalTab,
  recentWithdrawals,
  recordWithdrawal,
  serverConsentEvents,
  serverCustomer,
  staffId,
  tabletCounterEvents,
} from './support/withdrawal';

// Enrols, records, reloads and syncs against a server of its own: more than 30 s on a busy machine.
test.describe.configure({ timeout: 60_000 });

const { ownServer } = testCleanups();

const ERIKA = { name: 'Erika Mustermann', street: 'Heidestraße 17', postalCode: '51147', city: 'Köln' };
const MAX_EMAIL = 'max.widerruf@example.com';
const WAITING = 'Wartet auf Übertragung';
const TWO_WAIT = '2 Widerrufe/Widersprüche warten auf die Übertragung zum Server.';
const NOTHING_WAITS = waitingText(0);
const IDENTIFY = 'Bitte E-Mail-Adresse oder Mobilnummer angeben – oder Name, Straße, Postleitzahl und Ort.';

test('offline, staff record an objection to letters and a withdrawal of e-mail and SMS; both reach the ledger once when the network returns', async ({ page }, testInfo) => {
  const { server } = await ownServer(ownPort(testInfo, 0), 'withdrawal');
  const device = await enrolTablet(page, { url: server.url, name: 'Theke Widerruf' });
  await unlockAsStaff(page);
  const staff = await staffId(page);

  await networkGoesAway(page);
  await openWithdrawalTab(page);
  // (a) A customer known only by name and address objects to advertising letters, by phone.
  await recordWithdrawal(page, { action: 'Widerspruch gegen Werbung', channels: ['Brief'], ...ERIKA, note: 'telefonisch' });
  // (b) A customer known by e-mail withdraws the consent to e-mail and SMS.
  await recordWithdrawal(page, { action: 'Widerruf der Einwilligung', channels: ['E-Mail', 'SMS'], email: MAX_EMAIL });
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);

  // Both are in IndexedDB, whole, waiting; nothing reached the server.
  const stored = (await tabletCounterEvents(page)).sort((x, y) => x.at.localeCompare(y.at));
  expect(stored).toHaveLength(2);
  const [objection, withdrawal] = stored as [(typeof stored)[number], (typeof stored)[number]];
  expect(objection).toMatchObject({
    state: 'pending',
    action: 'objected',
    channels: ['letter'],
    event: { action: 'objected', channels: ['letter'], staffId: staff, note: 'telefonisch', customer: { ...ERIKA, email: '', mobile: '' } },
  });
  expect(withdrawal).toMatchObject({
    state: 'pending',
    action: 'withdrawn',
    channels: ['email', 'sms'],
    event: { action: 'withdrawn', channels: ['email', 'sms'], staffId: staff, note: '', customer: { name: '', street: '', postalCode: '', city: '', email: MAX_EMAIL, mobile: '' } },
  });
  expect(serverConsentEvents(server.dataDir)).toEqual([]);
  await expect(recentWithdrawals(page)).toHaveCount(2);
  await expect(recentWithdrawals(page).first()).toContainText('Widerruf der Einwilligung · E-Mail, SMS');
  await expect(recentWithdrawals(page).first()).toContainText(WAITING);
  await expect(recentWithdrawals(page).nth(1)).toContainText('Widerspruch gegen Werbung · Brief');
  await expect(recentWithdrawals(page).nth(1)).toContainText('Erika Mustermann');
  await expect(recentWithdrawals(page).nth(1)).toContainText('Notiz: telefonisch');

  // A reload, still offline (the service worker serves the app): both are still there.
  await page.reload();
  await waitForServiceWorker(page);
  await networkGoesAway(page);
  await unlockAsStaff(page);
  expect((await tabletCounterEvents(page)).map((r) => [r.id, r.state, r.event?.customer.email ?? '']).sort()).toEqual(
    [[objection.id, 'pending', ''], [withdrawal.id, 'pending', MAX_EMAIL]].sort(),
  );
  // Close of day and the status say what waits: no record, but the two withdrawals; never "nothing waits".
  await openCloseOfDayTab(page);
  await expect(closeOfDay(page)).toContainText(TWO_WAIT);
  await expect(closeOfDay(page).locator('p').first()).toHaveText(TWO_WAIT);
  await expect(closeOfDay(page)).toContainText('Der älteste wartet seit');
  await expect(closeOfDay(page)).not.toContainText('Nichts wartet');
  // The tab's badge counts them too, so staff see it from every tab.
  await expect(page.getByRole('tab', { name: /Tagesabschluss/ })).toContainText('2 warten');
  await page.getByRole('tab', { name: 'Status' }).click();
  await expect(page.getByText(TWO_WAIT)).toBeVisible();
  await expect(page.getByText('Nichts wartet')).toHaveCount(0);
  await openWithdrawalTab(page);
  await expect(recentWithdrawals(page).filter({ hasText: WAITING })).toHaveCount(2);

  // The network returns. Nobody touches the tablet: its own sync run sends them.
  await expect.poll(() => syncIsRunning(page)).toBe(false);
  const back = new Date().toISOString();
  await networkComesBack(page);
  await expect
    .poll(() => serverConsentEvents(server.dataDir).length, { timeout: 20_000, message: 'the ledger holds one row per channel' })
    .toBe(3);

  const ledger = serverConsentEvents(server.dataDir, [objection.id, withdrawal.id]);
  expect(ledger.map((r) => [r.source_id, r.channel, r.action, r.route, r.at, r.device_id, r.staff_id])).toEqual(
    expect.arrayContaining([
      [objection.id, 'letter', 'objected', 'counter', objection.at, device.deviceId, staff],
      [withdrawal.id, 'email', 'withdrawn', 'counter', withdrawal.at, device.deviceId, staff],
      [withdrawal.id, 'sms', 'withdrawn', 'counter', withdrawal.at, device.deviceId, staff],
    ]),
  );
  expect(ledger).toHaveLength(3);
  for (const row of ledger) expect(row.recorded_at >= back, `recorded_at ${row.recorded_at} is after the network came back (${back})`).toBe(true);
  expect(ledger.find((r) => r.source_id === objection.id)?.note).toBe('telefonisch');

  // Each event landed on its customer: Erika by her address, Max by his e-mail address.
  const erika = serverCustomer(server.dataDir, ledger.find((r) => r.source_id === objection.id)!.customer_id);
  expect(erika).toMatchObject({ name: ERIKA.name, street: ERIKA.street, postal_code: ERIKA.postalCode, city: ERIKA.city });
  const max = ledger.filter((r) => r.source_id === withdrawal.id).map((r) => r.customer_id);
  expect(new Set(max).size, 'both channels of one event are on one customer').toBe(1);
  expect(serverCustomer(server.dataDir, max[0]!)?.email).toBe(MAX_EMAIL);

  // The tablet marked both synced only with the server's answer, and says so.
  await expect.poll(async () => (await tabletCounterEvents(page)).map((r) => r.state)).toEqual(['synced', 'synced']);
  for (const row of await tabletCounterEvents(page)) {
    expect(row.syncedAt, 'the sync receipt').toEqual(expect.any(String));
    expect(row.customerId, "the server's customer").toEqual(expect.any(String));
    expect(row.event, 'details stay until the minimisation days have passed').toBeDefined();
  }
  await expect(recentWithdrawals(page).filter({ hasText: 'Übertragen' })).toHaveCount(2);
  // Only now does close of day say that nothing waits.
  await openCloseOfDayTab(page);
  await expect(closeOfDay(page)).toContainText(NOTHING_WAITS);
  await expect(closeOfDay(page)).not.toContainText('Widerrufe/Widersprüche warten');
  await expect(page.getByRole('tab', { name: /Tagesabschluss/ })).not.toContainText('warten');

  // Syncing again stores nothing twice, even when the tablet sends both once more (an answer lost).
  const customers = countServerCustomers(server.dataDir);
  await openWithdrawalTab(page);
  await markTabletEventsPending(page);
  await openCloseOfDayTab(page);
  await expect(closeOfDay(page)).toContainText(TWO_WAIT);
  await expect(closeOfDay(page)).not.toContainText('Nichts wartet');
  // "Sync now" (or a run already queued, e.g. the browser's Background Sync) sends them again.
  await syncNow(page);
  await expect(closeOfDay(page)).toContainText(NOTHING_WAITS);
  await expect
    .poll(async () => (await tabletCounterEvents(page)).map((r) => [r.state, typeof r.customerId]), { message: "the server answered for both again" })
    .toEqual([['synced', 'string'], ['synced', 'string']]);
  // With nothing waiting, "Sync now" is a check: it says so, not "0 of 0", and it is the last sync now.
  const previous = (await tabletSyncState(page))?.lastSuccessAt ?? '';
  const clicked = await page.evaluate(() => new Date().toISOString());
  await syncNow(page);
  await expect(closeOfDay(page).getByRole('status')).toHaveText('Nichts zu senden – alles ist übertragen.');
  await expect(closeOfDay(page)).not.toContainText('Gesendet:');
  const checkedAt = (await tabletSyncState(page))?.lastSuccessAt ?? '';
  expect(checkedAt >= clicked && checkedAt > previous, `the last sync ${checkedAt} is this check (clicked ${clicked})`).toBe(true);
  const shown = await page.evaluate((iso) => new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(iso)), checkedAt);
  await expect(closeOfDay(page)).toContainText(`Letzte erfolgreiche Synchronisierung: ${shown}`);
  expect(serverConsentEvents(server.dataDir)).toHaveLength(3);
  expect(countServerCustomers(server.dataDir)).toBe(customers);
  expect((await tabletCounterEvents(page)).map((r) => r.state)).toEqual(['synced', 'synced']);
});

/** As if the server's answer had been lost: the tablet's events wait again (same ids, same content). */
async function markTabletEventsPending(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('countersign');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('counterEvents', 'readwrite');
          const store = tx.objectStore('counterEvents');
          const all = store.getAll();
          all.onsuccess = () => {
            for (const row of all.result as Array<Record<string, unknown>>) store.put({ ...row, state: 'pending', syncedAt: undefined, customerId: undefined });
          };
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

test('bad input: each message beside its field, "who is it?" once at its group, in German and in English, and nothing is stored until all is fixed', async ({ page }) => {
  await setUpDemoShop(page);
  await unlockAsStaff(page);
  const form = await openWithdrawalTab(page);
  const save = form.getByRole('button', { name: 'Speichern' });
  const nothingStored = async () => expect(await tabletCounterEvents(page)).toEqual([]);
  const customer = form.getByRole('group', { name: 'Wer ist es?' });
  const CONTACT_LABELS = ['E-Mail', 'Mobilnummer', 'Name', 'Straße und Hausnummer', 'Postleitzahl', 'Ort'];

  // One hint says what is needed; no single detail is "optional" or "required", as none is by itself.
  await expect(customer).toHaveAccessibleDescription('E-Mail-Adresse oder Mobilnummer angeben – für Briefe reichen Name und vollständige Anschrift.');
  await expect(customer).not.toContainText('optional');
  for (const label of CONTACT_LABELS) await expect(customerField(form, label)).not.toHaveAttribute('aria-required', 'true');
  await expect(form.getByText('(optional)')).toHaveCount(1); // the note's

  // Nothing chosen, nobody named.
  await save.click();
  await expect(form.getByRole('alert')).toHaveText('Bitte prüfen Sie die markierten Felder (3).');
  await expectMessageBeside(form.getByRole('radio', { name: 'Widerspruch gegen Werbung' }), 'Bitte Widerruf oder Widerspruch wählen.');
  await expectMessageBeside(form.getByRole('checkbox', { name: 'SMS' }), 'Bitte mindestens einen Kanal oder die Gesundheitsdaten wählen.');
  await expectMessageAtCustomerGroup(form, 'Wer ist es?', IDENTIFY);
  // Focus moves to the first field that needs a look, so its message is read at once.
  await expect(form.getByRole('radio', { name: 'Widerruf der Einwilligung' })).toBeFocused();
  await nothingStored();
  await expectNoSeriousViolations(page, 'Widerruf with messages');

  // A malformed e-mail address and an impossible mobile number.
  await fillWithdrawal(form, { action: 'Widerruf der Einwilligung', channels: ['E-Mail', 'SMS'], email: 'max@example', mobile: '0171 23' });
  await save.click();
  await expect(form.getByRole('alert')).toHaveText('Bitte prüfen Sie die markierten Felder (2).');
  await expectMessageBeside(customerField(form, 'E-Mail'), 'Bitte eine gültige E-Mail-Adresse eingeben, z. B. name@beispiel.de.');
  await expectMessageBeside(customerField(form, 'Mobilnummer'), 'Bitte eine gültige Mobilnummer eingeben, z. B. 0171 2345678.');
  await expect(form.getByRole('radio', { name: 'Widerruf der Einwilligung' })).toHaveAttribute('aria-invalid', 'false');
  await expect(form.getByText(IDENTIFY)).toHaveCount(0);
  await nothingStored();

  // Only a name: the same "who is it?", once at the group, not under each address field; focus goes there.
  await customerField(form, 'E-Mail').fill('');
  await customerField(form, 'Mobilnummer').fill('');
  await customerField(form, 'Name').fill('Erika Mustermann');
  await save.click();
  await expect(form.getByRole('alert')).toHaveText('Bitte prüfen Sie die markierten Felder (1).');
  await expectMessageAtCustomerGroup(form, 'Wer ist es?', IDENTIFY);
  await expect(customerField(form, 'E-Mail')).toBeFocused();
  // The focused field says why, though the message stands once at the group.
  await expect(customerField(form, 'E-Mail')).toHaveAccessibleDescription(IDENTIFY);
  await nothingStored();

  // The address begun: what is missing of it beside its field, the postal code checked as on the order form.
  await customerField(form, 'Straße und Hausnummer').fill('Heidestraße 17');
  await customerField(form, 'Postleitzahl').fill('5!');
  await save.click();
  await expect(form.getByRole('alert')).toHaveText('Bitte prüfen Sie die markierten Felder (2).');
  await expectMessageBeside(customerField(form, 'Postleitzahl'), 'Bitte eine gültige Postleitzahl eingeben.');
  await expectMessageBeside(customerField(form, 'Ort'), 'Bitte ausfüllen.');
  await expect(form.getByText(IDENTIFY)).toHaveCount(0);
  await nothingStored();

  // The same in English.
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await expect(page.getByRole('tab', { name: 'Withdrawal' })).toBeVisible();
  const group = form.getByRole('group', { name: 'Who is it?' });
  await expect(group).toHaveAccessibleDescription(/^Enter an e-mail address or a mobile number – for letters, the name and full postal address are enough\./);
  await expect(group).not.toContainText('optional');
  for (const label of ['Name', 'Street and number', 'Postcode']) await form.getByRole('textbox', { name: label, exact: true }).fill('');
  await form.getByRole('checkbox', { name: 'E-mail', exact: true }).uncheck();
  await form.getByRole('checkbox', { name: 'SMS', exact: true }).uncheck();
  await form.getByRole('button', { name: 'Save' }).click();
  await expectMessageBeside(form.getByRole('checkbox', { name: 'Letter' }), 'Please choose at least one channel or the health data.');
  await expectMessageAtCustomerGroup(form, 'Who is it?', 'Please enter an e-mail address or a mobile number – or name, street, postal code and town.');
  // An e-mail address and an address begun without its town: the town is needed, the name is not.
  await form.getByRole('textbox', { name: 'E-mail', exact: true }).fill('max@@example.com');
  await form.getByRole('textbox', { name: 'Street and number', exact: true }).fill('Heidestraße 17');
  await form.getByRole('textbox', { name: 'Postcode', exact: true }).fill('51147');
  await form.getByRole('button', { name: 'Save' }).click();
  await expectMessageBeside(form.getByRole('textbox', { name: 'E-mail', exact: true }), 'Please enter a valid e-mail address, e.g. name@example.com.');
  await expectMessageBeside(form.getByRole('textbox', { name: 'Town or city', exact: true }), 'Please fill this in.');
  await expect(form.getByRole('textbox', { name: 'Name', exact: true })).toHaveAttribute('aria-invalid', 'false');
  await nothingStored();

  // All fixed: stored once, and the list shows it.
  await form.getByRole('textbox', { name: 'E-mail', exact: true }).fill('max@example.com');
  await form.getByRole('textbox', { name: 'Town or city', exact: true }).fill('Köln');
  await form.getByRole('checkbox', { name: 'Letter' }).check();
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('status')).toHaveText(/^Saved – it will be sent with the next sync\.$|^Saved and sent\.$/);
  const rows = await tabletCounterEvents(page);
  expect(rows).toHaveLength(1);
  expect(rows[0]!.event).toMatchObject({
    action: 'withdrawn',
    channels: ['letter'],
    customer: { email: 'max@example.com', name: '', street: 'Heidestraße 17', postalCode: '51147', city: 'Köln' },
  });
  await expect(recentWithdrawals(page)).toHaveCount(1);
  await expect(recentWithdrawals(page).first()).toContainText('Withdrawal of consent · Letter');
  await expectNoSeriousViolations(page, 'Withdrawal with a saved event (English)');
});

/** axe (WCAG 2.1 A/AA and best practices) finds nothing serious or critical on the screen as it is. */
async function expectNoSeriousViolations(page: Page, screen: string): Promise<void> {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), `axe on "${screen}"`).toEqual([]);
  expect(results.passes.length).toBeGreaterThan(10);
}

test('an event the server refuses stays on the tablet with the reason, and goes once staff send it again', async ({ page }) => {
  await setUpDemoShop(page);
  await unlockAsStaff(page);
  // The server refuses every counter event, as it would one it finds invalid (422, nothing stored).
  const refuse = (route: Route) =>
    route.fulfill({ status: 422, json: { error: 'invalid_request', message: '1 of 1 counter event is invalid.', issues: [{ path: 'events.0.customer.email', message: 'error.email' }] } });
  await page.context().route('**/api/v1/consent-events', refuse);

  await openWithdrawalTab(page);
  await recordWithdrawal(page, { action: 'Widerruf der Einwilligung', channels: ['SMS'], mobile: '0171 2345678', note: 'an der Theke' });
  const refused = recentWithdrawals(page).first();
  await expect(refused).toContainText('Vom Server abgelehnt: Bitte eine gültige E-Mail-Adresse eingeben, z. B. name@beispiel.de.', { timeout: 15_000 });
  const [row] = await tabletCounterEvents(page);
  expect(row).toMatchObject({ state: 'rejected', lastError: { code: 'invalid_request' }, event: { customer: { mobile: '+491712345678' }, note: 'an der Theke' } });

  await openCloseOfDayTab(page);
  await expect(page.getByText('1 Widerruf/Widerspruch wartet auf die Übertragung zum Server.')).toBeVisible();
  await expect(page.getByText('Davon vom Server abgelehnt: 1. Die Gründe stehen im Reiter „Widerruf“.')).toBeVisible();
  await expect(closeOfDay(page)).not.toContainText('Nichts wartet');

  // The server is fixed; staff send it again.
  await page.context().unroute('**/api/v1/consent-events', refuse);
  await page.getByRole('button', { name: 'Abgelehnte Widerrufe erneut senden' }).click();
  await expect(closeOfDay(page)).toContainText(NOTHING_WAITS, { timeout: 15_000 });
  await expect.poll(async () => (await tabletCounterEvents(page)).map((r) => r.state)).toEqual(['synced']);
  await openWithdrawalTab(page);
  await expect(recentWithdrawals(page).first()).toContainText('Übertragen');
});
