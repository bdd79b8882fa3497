/**
 * The owner's GDPR tools in a real browser against a real server process: a customer signs on the
 * tablet with letter and SMS switched on and the tablet syncs; the owner finds her, sees the ledger
 * entry made by her signature, downloads the letter CSV (parsed back with csv-parse) and her Art. 15
 * ZIP (unpacked with fflate), then erases her after the confirmation step and sees what was kept,
 * with reason and end date; the server's SQLite file and mail folder show the same.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { strFromU8, unzipSync } from 'fflate';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Download, type Page } from '@playwright/test';
import { ANNA, createOrder, goToStep, handTabletToCustomer, unlockAsStaff } from './support/actions';
import { customerSignsConfirmsAndHandsBack, customerTurnsOn } from './support/kiosk-checks';
import { readPdf } from './support/read-pdf';
import { closeOfDay, enrolTablet, openCloseOfDay, ownerSetupSecret, ownPort, readServerDatabase, syncNow, tabletRecords, testCleanups, waitingText } from './support/sync';
import { setUpOwnerArea } from './support/owner-area';

const PASSWORD = 'Inhaber-Passwort-2026';
const NAME = 'Greta Grünwald';
const EMAIL = 'greta.gruenwald@example.com';

test.describe.configure({ timeout: 90_000 });

const { cleanup, ownServer } = testCleanups();

/** Staff type the order, the customer switches on these channels, signs and confirms; the tablet is handed back. */
async function customerSignsWith(page: Page, channels: Array<'Brief' | 'SMS'>) {
  await createOrder(page, { ...ANNA, name: NAME, email: EMAIL });
  await handTabletToCustomer(page, NAME);
  await goToStep(page, 'channels');
  for (const channel of channels) await customerTurnsOn(page, channel);
  await customerSignsConfirmsAndHandsBack(page);
  const row = (await tabletRecords(page)).find((r) => r.record?.customer.name === NAME);
  expect(row?.record).toBeDefined();
  return row!.record!;
}

/** axe finds no serious or critical problem on the page as it is now (soft, so every page is listed). */
async function expectAccessible(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect.soft(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), screen).toEqual([]);
}

async function downloaded(download: Download): Promise<Buffer> {
  return readFileSync((await download.path())!);
}

test('the owner finds a customer, exports the letter consents, hands over her data and erases her', async ({ page, browser }, testInfo) => {
  const { server } = await ownServer(ownPort(testInfo, 0), 'owner-gdpr');
  const { url, dataDir } = server;

  // The tablet: enrolled with the demo code, a customer signs with letter and SMS on, close of day syncs.
  await enrolTablet(page, { url });
  await unlockAsStaff(page);
  const record = await customerSignsWith(page, ['Brief', 'SMS']);
  await openCloseOfDay(page);
  await syncNow(page);
  await expect(closeOfDay(page)).toContainText(waitingText(0));

  // The owner searches and opens her page: the ledger shows the signature as the route.
  // A context of its own: the owner's browser is not the tablet (and axe needs one).
  const ownerContext = await browser.newContext();
  cleanup(() => ownerContext.close());
  const owner = await ownerContext.newPage();
  await setUpOwnerArea(owner, url, ownerSetupSecret(server), PASSWORD);
  await expect(owner.locator('#optin-table')).toContainText('100 % (1 von 1)');
  await expectAccessible(owner, 'overview with the opt-in chart');
  await owner.getByRole('link', { name: 'Kunden', exact: true }).click();
  await owner.getByLabel('Suche nach Name, E-Mail oder Mobilnummer').fill('grünwald');
  await owner.getByRole('button', { name: 'Suchen' }).click();
  await expect(owner.getByRole('heading', { name: '1 Treffer für „grünwald“' })).toBeVisible();
  await owner.getByRole('link', { name: NAME }).click();
  await expect(owner.getByRole('heading', { name: NAME, level: 1 })).toBeVisible();
  const customerId = decodeURIComponent(new URL(owner.url()).pathname.split('/').pop()!);
  const ledger = owner.locator('table#ledger');
  await expect(ledger.getByRole('row').filter({ hasText: 'Brief' })).toContainText('Unterschrift an der Theke');
  await expect(ledger.getByRole('row').filter({ hasText: 'SMS' })).toContainText('Erteilt');
  await expect(owner.locator('table#states tr[data-channel="letter"]')).toContainText('Aktiv');
  await expect(owner.locator('table#states tr[data-channel="email"]')).toContainText('—');
  await expect(owner.locator('table#records')).toContainText(record.order.number);
  await expectAccessible(owner, 'customer page');
  // On a phone nothing scrolls sideways but the tables, each in its own box; at 1280 px the ledger fits.
  await owner.setViewportSize({ width: 390, height: 844 });
  expect(await owner.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await owner.setViewportSize({ width: 1280, height: 800 });
  const fit = await ledger.evaluate((table) => table.scrollWidth <= table.parentElement!.clientWidth && table.getBoundingClientRect().right <= window.innerWidth);
  expect(fit, 'the ledger fits at 1280 px').toBe(true);

  // The letter CSV: one row, hers, with her address, as Excel reads it.
  await owner.getByRole('link', { name: 'Datenschutz', exact: true }).click();
  const [csvDownload] = await Promise.all([owner.waitForEvent('download'), owner.getByRole('link', { name: 'Brief: 1 aktive Einwilligung herunterladen' }).click()]);
  expect(csvDownload.suggestedFilename()).toMatch(/^einwilligungen-brief-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await downloaded(csvDownload);
  expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const rows = parse(csv, { delimiter: ';', bom: true }) as string[][];
  expect(rows).toEqual([
    ['Name', 'Straße', 'PLZ', 'Ort', 'Sprache', 'Einwilligung seit', 'Kunden-ID'],
    [NAME, ANNA.street, ANNA.postalCode, ANNA.city, 'de', record.signedAt.slice(0, 10), customerId],
  ]);

  // Art. 15: one ZIP with her record, its receipt and the read-me.
  await owner.goto(`${url}/owner/customers/${encodeURIComponent(customerId)}`);
  const [zipDownload] = await Promise.all([owner.waitForEvent('download'), owner.getByRole('link', { name: 'Auskunft nach Art. 15 DSGVO herunterladen (ZIP)' }).click()]);
  const files = unzipSync(new Uint8Array(await downloaded(zipDownload)));
  expect(Object.keys(files).sort()).toEqual(['LIESMICH.txt', `belege/${record.id}.pdf`, 'daten.json']);
  const data = JSON.parse(strFromU8(files['daten.json']!));
  expect(data.customer).toMatchObject({ id: customerId, name: NAME, email: EMAIL });
  expect(data.records.map((r: { record: { id: string; hash: string } }) => r.record.hash)).toEqual([record.hash]);
  expect(data.ledger.map((e: { channel: string; route: string }) => `${e.channel}/${e.route}`).sort()).toEqual(['letter/signature', 'sms/signature']);
  expect((await readPdf(files[`belege/${record.id}.pdf`]!)).text).toContain(record.order.number);

  // The thank-you e-mail was written as a file (no SMTP here): erasure must take it along.
  const mailFile = join(dataDir, 'mail-out', `${record.id}.eml`);
  await expect.poll(() => existsSync(mailFile), { timeout: 20_000 }).toBe(true);

  // Art. 17: the confirmation page says what goes and what stays; after it, what was kept and why.
  await owner.getByRole('link', { name: 'Löschen nach Art. 17 DSGVO …' }).click();
  await expect(owner.getByText(`Die Daten von „${NAME}“ löschen?`)).toBeVisible();
  const keepUntil = `${new Date(record.signedAt).getUTCFullYear() + 6}-12-31`;
  const keepUntilShown = `31.12.${new Date(record.signedAt).getUTCFullYear() + 6}`;
  await expect(owner.locator('#erase-stays')).toContainText(`Unterschriebener Datensatz zu Auftrag ${record.order.number}: aufbewahrt bis ${keepUntilShown}`);
  await expectAccessible(owner, 'erasure confirmation');
  await owner.getByLabel(/Ich habe geprüft, dass diese Person die Löschung verlangt/).check();
  await owner.getByRole('button', { name: 'Endgültig löschen' }).click();
  await expect(owner.getByRole('status')).toHaveText(`Die Daten von „${NAME}“ sind gelöscht.`);
  const kept = owner.locator('table#holds').getByRole('row').filter({ hasText: `Auftrag ${record.order.number}` });
  await expect(kept).toContainText('§ 257 Abs. 1 Nr. 2, Abs. 4, 5 HGB');
  await expect(kept).toContainText(keepUntilShown);
  await expect(owner.locator('table#holds tbody tr')).toHaveCount(1);

  // The server's file agrees: no name left on the customer, a hold with reason and end date, the mail file gone.
  const after = readServerDatabase(dataDir, (db) => ({
    customer: db.prepare('SELECT name, street, email, mobile, erased_at FROM customers WHERE id = ?').get(customerId) as Record<string, unknown>,
    holds: db.prepare('SELECT item_kind, item_id, keep_until FROM retention_holds WHERE customer_id = ?').all(customerId),
    mails: (db.prepare('SELECT COUNT(*) AS n FROM mail_outbox WHERE customer_id = ?').get(customerId) as { n: number }).n,
    named: (db.prepare("SELECT COUNT(*) AS n FROM consent_events WHERE contact LIKE '%Grünwald%'").get() as { n: number }).n,
  }));
  expect(after.customer).toMatchObject({ name: '', street: '', email: '', mobile: '', erased_at: expect.any(String) });
  expect(after.holds).toEqual([{ item_kind: 'order-confirmation', item_id: record.id, keep_until: keepUntil }]);
  expect(after.mails).toBe(0);
  expect(after.named).toBe(0);
  expect(existsSync(mailFile)).toBe(false);

  // She is no longer found, and the letter export is empty.
  await owner.goto(`${url}/owner/customers?q=Gr%C3%BCnwald`);
  await expect(owner.getByText('Keine Kunden gefunden.')).toBeVisible();
  await owner.goto(`${url}/owner/privacy`);
  await expect(owner.getByRole('link', { name: 'Brief: 0 aktive Einwilligungen herunterladen' })).toBeVisible();
});
