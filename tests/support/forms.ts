/**
 * What people do with forms on the tablet, and what they see when they get something wrong: a
 * message right beside the field, tied to it for screen readers. Used by bad-input.spec.ts and
 * a11y.spec.ts; the counter's main steps live in actions.ts.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { SIGNATURE_STROKES, type FixturePoint } from '../fixtures/signature-strokes';
import { signOnPad } from './sign';

/** The customer (or staff) presses the kiosk's "Weiter" / "Next". */
export async function pressNext(page: Page, name: string | RegExp = /^(Weiter|Next)$/): Promise<void> {
  await page.getByTestId('kiosk').getByRole('button', { name }).click();
}

/**
 * The customer presses "Weiter" step by step until `step` shows, waiting after each press until the
 * step has changed. (actions.ts's goToStep presses again while an asynchronous check, as on the
 * contact and channels steps, is still running, and so can overshoot the step it was asked for.)
 */
export async function customerGoesOnTo(page: Page, step: string): Promise<void> {
  const kiosk = page.getByTestId('kiosk');
  for (let i = 0; i < 10; i++) {
    const now = await kiosk.getAttribute('data-step');
    if (now === step) return;
    await pressNext(page);
    await expect(kiosk, `"Weiter" on the ${now} step did not move on`).not.toHaveAttribute('data-step', now ?? '');
  }
  await expect(kiosk).toHaveAttribute('data-step', step);
}

/** The customer taps the language button in the kiosk header ("English" / "Deutsch"). */
export async function switchKioskLanguage(page: Page, to: 'en' | 'de'): Promise<void> {
  const kiosk = page.getByTestId('kiosk');
  await kiosk.getByRole('button', { name: to === 'en' ? 'English' : 'Deutsch', exact: true }).click();
  await expect(kiosk).toHaveAttribute('lang', to);
}

/** Someone clears a field and types a new value into it, as a person would. */
export async function retype(field: Locator, value: string): Promise<void> {
  await field.fill('');
  if (value !== '') await field.pressSequentially(value);
}

/**
 * The field is marked invalid, its message says `message`, the message is tied to the field
 * (aria-describedby) and sits right beside it on screen (directly below, or level with it).
 */
export async function expectMessageBeside(field: Locator, message: string | RegExp): Promise<void> {
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription(typeof message === 'string' ? new RegExp(escapeRegExp(message)) : message);
  const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
  const page = field.page();
  let shown: Locator | null = null;
  for (const id of ids) {
    const candidate = page.locator(`[id="${id}"]`);
    const text = (await candidate.textContent()) ?? '';
    if (typeof message === 'string' ? text.includes(message) : message.test(text)) shown = candidate;
  }
  if (!shown) throw new Error(`no element named by aria-describedby="${ids.join(' ')}" holds the message ${String(message)}`);
  await expect(shown).toBeVisible();
  const [fieldBox, messageBox] = [await field.boundingBox(), await shown.boundingBox()];
  if (!fieldBox || !messageBox) throw new Error('field or message has no box on screen');
  // "Beside": starts at most 80 px below the field's bottom edge and no higher than its top edge.
  expect(messageBox.y, `message ${String(message)} is not next to its field`).toBeGreaterThanOrEqual(fieldBox.y - 1);
  expect(messageBox.y, `message ${String(message)} is not next to its field`).toBeLessThanOrEqual(fieldBox.y + fieldBox.height + 80);
}

/** The field carries no error any more. */
export async function expectNoMessageOn(field: Locator): Promise<void> {
  await expect(field).toHaveAttribute('aria-invalid', 'false');
}

/**
 * The recorded human-like signature with every third point (about 200 of 596, still paced, still
 * with pressure). The pad keeps at most one point per 16 ms anyway, and Chromium acknowledges each
 * CDP mouse event only with the next frame, so the full replay takes 10 s or more on a busy machine;
 * this one takes a third of that. Used where a test needs "a real signature", not the fixture itself.
 */
export const SIGNATURE_EVERY_THIRD_POINT = SIGNATURE_STROKES.map((stroke) => stroke.filter((_, i) => i % 3 === 0 || i === stroke.length - 1));

/** The customer signs with their name on the pad. */
export async function signName(page: Page, pad: Locator = page.getByTestId('signature-pad')): Promise<void> {
  await signOnPad(page, pad, { strokes: SIGNATURE_EVERY_THIRD_POINT });
}

/**
 * A short scribble in the middle of the pad: a dozen points well spaced in time and distance (so
 * the pad keeps them all), but inside a box about 5 % of the pad wide and 3 % high.
 */
export async function scribbleTinyStroke(page: Page, pad: Locator): Promise<void> {
  const stroke: FixturePoint[] = [];
  for (let i = 0; i < 14; i++) stroke.push({ x: 0.47 + i * 0.004, y: i % 2 === 0 ? 0.5 : 0.53, t: i * 40, p: 0.5 });
  await signOnPad(page, pad, { strokes: [stroke], speed: 1 });
}

/** Whether the signature canvas shows no ink at all. */
export async function padIsBlank(pad: Locator): Promise<boolean> {
  return pad.evaluate((canvas: HTMLCanvasElement) => {
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) return false;
    return true;
  });
}

export interface SetupInput {
  shopName: string;
  street: string;
  postalCode: string;
  city: string;
  controllerName: string;
  controllerEmail: string;
  staffName: string;
  pin: string;
  pinRepeat: string;
}

export const OPTIK_LINDE: SetupInput = {
  shopName: 'Optik Linde',
  street: 'Lindenallee 3',
  postalCode: '37073',
  city: 'Göttingen',
  controllerName: 'Optik Linde OHG, Jana Linde',
  controllerEmail: 'datenschutz@optik-linde.example',
  staffName: 'Jana',
  pin: '482913',
  pinRepeat: '482913',
};

/** The owner types the shop's details into the first-start form (without pressing submit). */
export async function fillSetupForm(page: Page, input: SetupInput): Promise<void> {
  await retype(page.getByLabel('Name des Geschäfts'), input.shopName);
  await retype(page.getByLabel('Straße und Hausnummer'), input.street);
  await retype(page.getByLabel('Postleitzahl'), input.postalCode);
  await retype(page.getByLabel('Ort', { exact: true }), input.city);
  await retype(page.getByLabel('Verantwortliche Person'), input.controllerName);
  await retype(page.getByLabel('E-Mail des Verantwortlichen'), input.controllerEmail);
  await retype(page.getByLabel('Name der Mitarbeiterin / des Mitarbeiters'), input.staffName);
  await retype(page.getByLabel('PIN', { exact: true }), input.pin);
  await retype(page.getByLabel('PIN wiederholen', { exact: true }), input.pinRepeat);
}

export async function finishSetup(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Einrichtung abschließen' }).click();
}

/** Staff open the new-order form and leave it empty. */
export async function openNewOrderForm(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Neuer Auftrag' }).click();
  const form = page.locator('form.order-form');
  await expect(form.getByLabel('Auftragsnummer')).not.toHaveValue('');
  return form;
}

export async function saveOrderForm(form: Locator): Promise<void> {
  await form.getByRole('button', { name: 'Auftrag speichern' }).click();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
