/**
 * The owner area in a real browser against a real server process of each test's own (its set-up
 * secret is only ever printed at start): first set-up, login and logout, an enrolment code as text
 * and QR code, a tablet enrolled from the QR code's address and then revoked, a new privacy notice
 * that reaches the tablet and the next record, and forms from another site refused (CSRF).
 */
import QRCode from 'qrcode';
import { expect, test, type Page } from '@playwright/test';
import type { ShopConfig } from '../shared/shop';
import { readStore, unlockAsStaff } from './support/actions';
import { DEMO_ENROL_CODE } from './support/env';
import { closeOfDay, countServerRows, customerSignsNewOrder, enrolTablet, openCloseOfDay, ownerSetupSecret, ownPort, serverDevice, serverRecord, serverTextVersions, sha256, syncNow, tabletDevice, testCleanups, waitingText } from './support/sync';
import { createEnrolmentCode, deviceRow, logInAsOwner, logOutAsOwner, publishNotice, revokeDevice, setUpOwnerArea } from './support/owner-area';

const PASSWORD = 'Inhaber-Passwort-2026';

// Each test signs, syncs and may restart a server: more than the default 30 s on a busy machine.
test.describe.configure({ timeout: 45_000 });

const { cleanup, ownServer } = testCleanups();

/** The paths of a QR code's SVG: the same modules mean the same encoded text. */
async function qrPathsOnPage(page: Page): Promise<string[]> {
  return page.locator('.qr svg path').evaluateAll((paths) => paths.map((p) => p.getAttribute('d') ?? ''));
}
async function qrPathsFor(text: string): Promise<string[]> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return [...svg.matchAll(/<path[^>]* d="([^"]*)"/g)].map((m) => m[1]!);
}

test('the owner sets up the area, logs in and out, enrols a tablet by QR code and revokes it', async ({ page, browser }, testInfo) => {
  const { server } = await ownServer(ownPort(testInfo, 5), 'owner');
  const { url } = server;

  // First start: a wrong secret is refused; the secret from the terminal and a password log in.
  await page.goto(`${url}/owner`);
  await expect(page).toHaveURL(`${url}/owner/setup`);
  await page.getByLabel('Einrichtungsgeheimnis').fill('AAAA-BBBB-CCCC');
  await page.getByLabel('Neues Passwort (mindestens 10 Zeichen)').fill(PASSWORD);
  await page.getByLabel('Passwort wiederholen').fill(PASSWORD);
  await page.getByRole('button', { name: 'Passwort festlegen' }).click();
  await expect(page.getByRole('alert')).toHaveText(/Das Einrichtungsgeheimnis stimmt nicht\./);
  await setUpOwnerArea(page, url, ownerSetupSecret(server), PASSWORD);
  await expect(page.getByRole('heading', { name: 'Übersicht', level: 1 })).toBeVisible();
  // Set up once: the set-up page now sends the owner to the login.
  await page.goto(`${url}/owner/setup`);
  await expect(page).toHaveURL(`${url}/owner`);

  // Log out: the area is closed again. A wrong password is refused with a message; the right one opens it.
  await logOutAsOwner(page);
  await page.goto(`${url}/owner/devices`);
  await expect(page).toHaveURL(`${url}/owner/login`);
  await page.getByLabel('Passwort', { exact: true }).fill('Falsches-Passwort-1');
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await expect(page.getByRole('alert')).toHaveText('Das Passwort stimmt nicht.');
  await expect(page.getByRole('button', { name: 'Abmelden' })).toHaveCount(0);
  await logInAsOwner(page, url, PASSWORD);

  // An enrolment code, as text and as a QR code of the address the tablet opens.
  const { code, address } = await createEnrolmentCode(page, url, 'Tablet Theke 2');
  expect(code).toMatch(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
  expect(address).toBe(`${url}/?enrol=${encodeURIComponent(code)}`);
  const qr = page.getByRole('img', { name: `QR-Code für den Verbindungscode ${code}` });
  await expect(qr).toBeVisible();
  expect(await qrPathsOnPage(page)).toEqual(await qrPathsFor(address));
  await page.goto(`${url}/owner/devices`);
  await expect(page.locator('section').filter({ hasText: 'Offene Verbindungscodes' })).toContainText('Tablet Theke 2');

  // The tablet opens the QR code's address: the code is filled in, only "Verbinden" is left.
  const tabletContext = await browser.newContext();
  cleanup(() => tabletContext.close());
  const tablet = await tabletContext.newPage();
  await tablet.goto(address);
  await expect(tablet.getByLabel('Verbindungscode')).toHaveValue(code);
  await expect(tablet).toHaveURL(`${url}/`);
  await tablet.getByLabel('Name dieses Tablets').fill('Tablet Theke 2');
  await tablet.getByRole('button', { name: 'Verbinden' }).click();
  await expect(tablet.getByRole('button', { name: 'Entsperren' })).toBeVisible();
  const device = (await tabletDevice(tablet))!;
  expect(device).toMatchObject({ name: 'Tablet Theke 2', deviceId: expect.stringMatching(/^tablet-/), token: expect.any(String) });
  const shop = (await readStore<{ key: string; value: ShopConfig }>(tablet, 'settings')).find((r) => r.key === 'shop')?.value;
  expect(shop).toMatchObject({ id: 'optik-demo', name: 'Optik Demo' });

  // The code was for one tablet: another tablet cannot use it again.
  const secondContext = await browser.newContext();
  cleanup(() => secondContext.close());
  const second = await secondContext.newPage();
  await second.goto(address);
  await second.getByRole('button', { name: 'Verbinden' }).click();
  await expect(second.getByRole('alert').filter({ hasText: 'Code' })).toHaveText(
    'Dieser Code stimmt nicht, wurde schon benutzt oder ist abgelaufen. Bitte beim Inhaber einen neuen Code erzeugen lassen.',
  );

  // The owner's list shows the tablet, active; the used code is no longer open.
  await page.goto(`${url}/owner/devices`);
  const row = deviceRow(page, device.deviceId);
  await expect(row).toContainText('Tablet Theke 2');
  await expect(row).toContainText('aktiv');
  await expect(page.locator('section').filter({ hasText: 'Offene Verbindungscodes' })).not.toContainText('Tablet Theke 2');

  // Revoked, after the confirmation: the list says so, and the server's file too.
  await revokeDevice(page, url, device);
  await expect(row).toContainText(/gesperrt am /);
  await expect(row.getByRole('link', { name: 'Sperren' })).toHaveCount(0);
  expect(serverDevice(server.dataDir, device.deviceId)?.revoked_at).toEqual(expect.any(String));
});

test('a new privacy notice reaches the tablet on sync, and the next record names version 2 and its hash', async ({ page, browser }, testInfo) => {
  const { server } = await ownServer(ownPort(testInfo, 6), 'owner');
  const { url } = server;
  const owner = await browser.newPage();
  cleanup(() => owner.close());
  await setUpOwnerArea(owner, url, ownerSetupSecret(server), PASSWORD);
  const { code } = await createEnrolmentCode(owner, url, 'Theke Texte');
  const device = await enrolTablet(page, { url, code, name: 'Theke Texte' });
  const before = (await readStore<{ key: string; value: ShopConfig }>(page, 'settings')).find((r) => r.key === 'shop')!.value;
  expect(before.texts.notice.version).toBe(1);

  const notice = [
    'Datenschutzhinweise nach Art. 13 DSGVO – Fassung vom 1. Dezember 2026',
    'Verantwortlich ist die Optik Demo GmbH. Wir verarbeiten Ihre Angaben, um Ihren Auftrag auszuführen.',
  ].join('\n\n');
  await publishNotice(owner, url, notice);
  await expect(owner.getByRole('status')).toHaveText('Datenschutzhinweis (Art. 13 DSGVO): Version 2 ist veröffentlicht.');
  await expect(owner.locator('section#notice')).toContainText('Aktuell: Version 2');
  expect(serverTextVersions(server.dataDir, 'notice').map((t) => [t.version, t.de === notice])).toEqual([
    [1, false],
    [2, true],
  ]);

  // The tablet syncs and takes the new text.
  await openCloseOfDay(page);
  await syncNow(page);
  await expect(closeOfDay(page)).toContainText('Neue Texte oder Shop-Angaben vom Server übernommen.');
  const after = (await readStore<{ key: string; value: ShopConfig }>(page, 'settings')).find((r) => r.key === 'shop')!.value;
  expect(after.texts.notice).toMatchObject({ id: before.texts.notice.id, version: 2, de: notice });

  // The next customer reads it and signs; the record names version 2 and the SHA-256 of its words.
  await page.getByRole('button', { name: 'Sperren' }).click();
  await unlockAsStaff(page);
  const record = await customerSignsNewOrder(page, 'Nora Neutext', {
    whileReadingNotice: () => expect(page.getByTestId('kiosk')).toContainText('Fassung vom 1. Dezember 2026'),
  });
  expect(record.shown.notice).toMatchObject({ id: before.texts.notice.id, version: 2, language: 'de', sha256: sha256(notice) });
  expect(record.capture.deviceId).toBe(device.deviceId);

  await openCloseOfDay(page);
  await syncNow(page);
  await expect(closeOfDay(page)).toContainText(waitingText(0));
  const stored = serverRecord(server.dataDir, record.id)!;
  expect(stored.hash).toBe(record.hash);
  expect(JSON.parse(stored.body).shown.notice).toMatchObject({ id: before.texts.notice.id, version: 2, language: 'de', sha256: sha256(notice) });
});

test('a form posted to the owner area from another site is refused, even with the session cookie', async ({ page, request }, testInfo) => {
  const { server } = await ownServer(ownPort(testInfo, 7), 'owner');
  const { url } = server;
  await setUpOwnerArea(page, url, ownerSetupSecret(server), PASSWORD);
  const enrolled = await request.post(`${url}/api/v1/enrol`, { data: { code: DEMO_ENROL_CODE, deviceName: 'Tablet Ziel' } });
  expect(enrolled.status()).toBe(201);
  const { deviceId } = (await enrolled.json()) as { deviceId: string };
  const codesBefore = countServerRows(server.dataDir, 'enrolment_codes');

  // A page on another port of the same host: same site, so the SameSite=Strict cookie goes along.
  const evil = `http://127.0.0.1:${ownPort(testInfo, 8)}`;
  await page.context().route(`${evil}/**`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><title>Gewinnspiel</title>
        <form method="post" action="${url}/owner/devices/${deviceId}/revoke"><button>Jetzt gewinnen</button></form>
        <form method="post" action="${url}/owner/devices/codes"><input name="note" value="Angreifer"><button>Code holen</button></form>`,
    }),
  );
  cleanup(() => page.context().unrouteAll({ behavior: 'ignoreErrors' }));

  for (const button of ['Jetzt gewinnen', 'Code holen']) {
    await page.goto(`${evil}/`);
    const posted = page.waitForRequest((r) => r.method() === 'POST' && r.url().startsWith(`${url}/owner/`));
    const answered = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().startsWith(`${url}/owner/`));
    await page.getByRole('button', { name: button }).click();
    expect((await (await posted).allHeaders()).cookie ?? '', 'the owner session cookie went along').toContain('countersign_owner=');
    expect((await answered).status()).toBe(403);
    await expect(page.getByRole('alert')).toHaveText(
      'Dieses Formular kam nicht von dieser Seite und wurde abgelehnt. Laden Sie die Seite neu und senden Sie es noch einmal.',
    );
  }
  expect(serverDevice(server.dataDir, deviceId)?.revoked_at, 'the tablet is still active').toBeNull();
  expect(countServerRows(server.dataDir, 'enrolment_codes'), 'no code was made').toBe(codesBefore);

  // The owner's own page still works with the same session.
  await revokeDevice(page, url, { deviceId, name: 'Tablet Ziel' });
});
