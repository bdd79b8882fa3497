/**
 * What the shop owner does in the owner area, as Playwright steps: set it up with the secret from
 * the terminal, log in and out, make an enrolment code, revoke a tablet, publish a text.
 */
import { expect, type Page } from '@playwright/test';

/** First start: the owner enters the set-up secret from the terminal and a new password; logged in. */
export async function setUpOwnerArea(page: Page, url: string, secret: string, password: string): Promise<void> {
  await page.goto(`${url}/owner`);
  await expect(page).toHaveURL(`${url}/owner/setup`);
  await page.getByLabel('Einrichtungsgeheimnis').fill(secret);
  await page.getByLabel('Neues Passwort (mindestens 10 Zeichen)').fill(password);
  await page.getByLabel('Passwort wiederholen').fill(password);
  await page.getByRole('button', { name: 'Passwort festlegen' }).click();
  await expect(page).toHaveURL(`${url}/owner`);
  await expect(page.getByRole('button', { name: 'Abmelden' })).toBeVisible();
}

export async function logInAsOwner(page: Page, url: string, password: string): Promise<void> {
  await page.goto(`${url}/owner/login`);
  await page.getByLabel('Passwort', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await expect(page).toHaveURL(`${url}/owner`);
  await expect(page.getByRole('button', { name: 'Abmelden' })).toBeVisible();
}

export async function logOutAsOwner(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Abmelden' }).click();
  await expect(page.getByRole('status')).toHaveText('Sie sind abgemeldet.');
}

/** On the devices page: "Verbindungscode erzeugen"; returns the code shown and the address in its QR code. */
export async function createEnrolmentCode(page: Page, url: string, note = ''): Promise<{ code: string; address: string }> {
  await page.goto(`${url}/owner/devices`);
  if (note) await page.getByLabel(/^Notiz/).fill(note);
  await page.getByRole('button', { name: 'Verbindungscode erzeugen' }).click();
  await expect(page.getByRole('heading', { name: 'Verbindungscode', level: 1 })).toBeVisible();
  const code = (await page.locator('#enrolment-code').textContent())?.trim() ?? '';
  const address = (await page.locator('main code').textContent())?.trim() ?? '';
  return { code, address };
}

/** The owner's row for a tablet in the device list. */
export function deviceRow(page: Page, deviceId: string) {
  return page.getByRole('row').filter({ hasText: deviceId });
}

/** On the devices page: "Sperren" beside the tablet, then "Ja, sperren" on the confirmation. */
export async function revokeDevice(page: Page, url: string, device: { deviceId: string; name: string }): Promise<void> {
  await page.goto(`${url}/owner/devices`);
  await deviceRow(page, device.deviceId).getByRole('link', { name: 'Sperren' }).click();
  await expect(page.getByText(`Tablet „${device.name}“ wirklich sperren?`)).toBeVisible();
  await page.getByRole('button', { name: 'Ja, sperren' }).click();
  await expect(page.getByRole('status')).toHaveText(`Tablet „${device.name}“ ist gesperrt.`);
}

/** On the texts page: a new German privacy notice, published as the next version. */
export async function publishNotice(page: Page, url: string, german: string): Promise<void> {
  await page.goto(`${url}/owner/notices`);
  const section = page.locator('section#notice');
  await section.getByLabel('Deutsch').fill(german);
  await section.getByRole('button', { name: 'Als neue Version veröffentlichen' }).click();
}

