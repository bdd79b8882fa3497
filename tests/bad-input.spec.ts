/**
 * Bad input, end to end in Chromium: every refusal is a clear message beside its field in the
 * language on screen, the step does not move on, and nothing is stored half-way. Once the input is
 * fixed, what the person corrected is exactly what gets stored.
 */
import { expect, test, type Page } from '@playwright/test';
import type { SignedRecord } from '../shared/record';
import {
  ANNA,
  confirmAndSave,
  createOrder,
  handTabletToCustomer,
  readStore,
  setUpDemoShop,
  signOnPad,
  tapOnPad,
  unlockAsStaff,
  type OrderInput,
} from './support/actions';
import {
  customerGoesOnTo,
  expectMessageBeside,
  expectNoMessageOn,
  fillSetupForm,
  finishSetup,
  OPTIK_LINDE,
  openNewOrderForm,
  padIsBlank,
  pressNext,
  retype,
  saveOrderForm,
  scribbleTinyStroke,
  SIGNATURE_EVERY_THIRD_POINT,
  signName,
  switchKioskLanguage,
} from './support/forms';

const DE = {
  required: 'Bitte ausfüllen.',
  email: 'Bitte eine gültige E-Mail-Adresse eingeben, z. B. name@beispiel.de.',
  mobile: 'Bitte eine gültige Mobilnummer eingeben, z. B. 0171 2345678.',
  signatureEmpty: 'Bitte unterschreiben Sie im Feld.',
  signatureTrivial: 'Das ist zu kurz für eine Unterschrift. Bitte unterschreiben Sie mit Ihrem Namen.',
  emailForChannel: 'Für Werbung per E-Mail brauchen wir Ihre E-Mail-Adresse. Bitte hier eingeben oder E-Mail wieder ausschalten.',
  mobileForChannel: 'Für Werbung per SMS brauchen wir Ihre Mobilnummer. Bitte hier eingeben oder SMS wieder ausschalten.',
  price: 'Bitte einen gültigen Preis eingeben, z. B. 129,90.',
  depositAboveTotal: 'Die Anzahlung darf nicht höher sein als die Gesamtsumme.',
  pin: 'Die PIN muss aus 4 bis 8 Ziffern bestehen.',
  pinMismatch: 'Die beiden PINs stimmen nicht überein.',
};
const EN = {
  required: 'Please fill this in.',
  price: 'Please enter a valid price, e.g. 129.90.',
  pin: 'The PIN must have 4 to 8 digits.',
  email: 'Please enter a valid e-mail address, e.g. name@example.com.',
  signatureEmpty: 'Please sign in the box.',
  signatureTrivial: 'That is too short for a signature. Please sign with your name.',
};

// Every test has its own browser context (its own IndexedDB), so they may run side by side.
test.describe.configure({ mode: 'parallel' });

/** The demo shop's example order (server/demo.ts), already on the tablet: no new order needed. */
const ERIKA = 'Erika Mustermann';

/** A customer who gave the shop neither an e-mail address nor a mobile number. */
const BERND: OrderInput = {
  ...ANNA,
  name: 'Bernd Köhler',
  street: 'Am Markt 4',
  postalCode: '37073',
  city: 'Göttingen',
  email: undefined,
  mobile: undefined,
  items: [{ description: 'Gleitsichtgläser', quantity: 1, price: '420,00' }],
  deposit: undefined,
};

async function customerHasTablet(page: Page, order: OrderInput) {
  await setUpDemoShop(page);
  await unlockAsStaff(page);
  await createOrder(page, order);
  return handTabletToCustomer(page, order.name);
}

async function storedRecords(page: Page): Promise<SignedRecord[]> {
  return (await readStore<{ record: SignedRecord }>(page, 'records')).map((row) => row.record);
}

/** The customer finishes from the channels step: health step as it comes, a real signature, confirm. */
async function customerSignsAndConfirms(page: Page) {
  await customerGoesOnTo(page, 'signature');
  await signName(page);
  await pressNext(page);
  await expect(page.getByTestId('kiosk')).toHaveAttribute('data-step', 'confirm');
  await confirmAndSave(page);
}

async function customerIsAtTheSignature(page: Page) {
  await setUpDemoShop(page);
  await unlockAsStaff(page);
  const kiosk = await handTabletToCustomer(page, ERIKA);
  await customerGoesOnTo(page, 'signature');
  return { kiosk, pad: page.getByTestId('signature-pad'), message: page.locator('#signature-error') };
}

test('an empty, a tapped or a tiny signature is refused with a message in the language on screen', async ({ page }) => {
  const { kiosk, pad, message } = await customerIsAtTheSignature(page);

  // Nothing drawn: refused, in German, and tied to the pad for screen readers.
  await expect(message).toBeEmpty();
  await pressNext(page);
  await expect(message).toHaveText(DE.signatureEmpty);
  await expect(kiosk).toHaveAttribute('data-step', 'signature');
  await expect(pad).toHaveAccessibleDescription(new RegExp(DE.signatureEmpty));

  // The same refusal, in English once the customer switches the language.
  await switchKioskLanguage(page, 'en');
  await expect(message).toHaveText(EN.signatureEmpty);
  await pressNext(page, 'Next');
  await expect(message).toHaveText(EN.signatureEmpty);
  await expect(kiosk).toHaveAttribute('data-step', 'signature');
  await switchKioskLanguage(page, 'de');
  await expect(message).toHaveText(DE.signatureEmpty);

  // A single tap is a dot, not a signature.
  await tapOnPad(page, pad);
  await expect(message).toBeEmpty();
  await pressNext(page);
  await expect(message).toHaveText(DE.signatureTrivial);
  await expect(kiosk).toHaveAttribute('data-step', 'signature');

  // A short scribble with enough points, but in a tiny box, is refused too.
  await page.getByRole('button', { name: 'Unterschrift löschen' }).click();
  await expect(message).toBeEmpty();
  await scribbleTinyStroke(page, pad);
  const pointsKept = async () => {
    const [row] = await readStore<{ session: { signature: { strokes: { points: unknown[] }[] } | null } }>(page, 'kiosk');
    return row?.session.signature?.strokes.flatMap((s) => s.points).length ?? 0;
  };
  await expect.poll(pointsKept, { message: 'the scribble must have enough points that only its size makes it trivial' }).toBeGreaterThanOrEqual(10);
  await pressNext(page);
  await expect(message).toHaveText(DE.signatureTrivial);
  await switchKioskLanguage(page, 'en');
  await expect(message).toHaveText(EN.signatureTrivial);
  await expect(kiosk).toHaveAttribute('data-step', 'signature');
  expect(await storedRecords(page)).toEqual([]);
});

test('"Unterschrift löschen" wipes a real signature, Weiter is refused again, and a new signature goes through', async ({ page }) => {
  const { kiosk, pad, message } = await customerIsAtTheSignature(page);
  // The first two strokes of the recorded signature: real ink on the pad.
  await signOnPad(page, pad, { strokes: SIGNATURE_EVERY_THIRD_POINT.slice(0, 2) });
  expect(await padIsBlank(pad)).toBe(false);
  await page.getByRole('button', { name: 'Unterschrift löschen' }).click();
  expect(await padIsBlank(pad)).toBe(true);
  await pressNext(page);
  await expect(message).toHaveText(DE.signatureEmpty);
  await expect(kiosk).toHaveAttribute('data-step', 'signature');
  expect(await storedRecords(page)).toEqual([]);

  // A real signature goes through to the confirm step; nothing is stored before "confirm".
  await signName(page, pad);
  await expect(message).toBeEmpty();
  await pressNext(page);
  await expect(kiosk).toHaveAttribute('data-step', 'confirm');
  expect(await storedRecords(page)).toEqual([]);
});

test('bad contact details get a message beside the field, and the corrected details are what is signed', async ({ page }) => {
  await setUpDemoShop(page);
  await unlockAsStaff(page);
  const kiosk = await handTabletToCustomer(page, ERIKA);
  await customerGoesOnTo(page, 'contact');
  // Found by id, since their labels change with the language.
  const name = kiosk.locator('#contact-name');
  const city = kiosk.locator('#contact-city');
  const email = kiosk.locator('#contact-email');
  const mobile = kiosk.locator('#contact-mobile');
  await expect(email).toHaveAccessibleName('E-Mail');
  await expect(mobile).toHaveAccessibleName('Mobilnummer');

  for (const bad of ['erika@', 'erika.example.com']) {
    await retype(email, bad);
    await pressNext(page);
    await expectMessageBeside(email, DE.email);
    await expect(page.locator('#contact-email-error')).toHaveText(DE.email);
    await expect(kiosk).toHaveAttribute('data-step', 'contact');
  }
  // In English, the same message in English.
  await switchKioskLanguage(page, 'en');
  await expectMessageBeside(email, EN.email);
  await switchKioskLanguage(page, 'de');

  for (const bad of ['12345', '0171 12']) {
    await retype(mobile, bad);
    await pressNext(page);
    await expectMessageBeside(mobile, DE.mobile);
    await expect(kiosk).toHaveAttribute('data-step', 'contact');
  }

  await retype(name, '');
  await retype(city, '   ');
  await pressNext(page);
  await expectMessageBeside(name, DE.required);
  await expectMessageBeside(city, DE.required);
  await expectMessageBeside(email, DE.email);
  await expectMessageBeside(mobile, DE.mobile);
  await expect(kiosk).toHaveAttribute('data-step', 'contact');
  await switchKioskLanguage(page, 'en');
  await expectMessageBeside(name, EN.required);
  await switchKioskLanguage(page, 'de');

  // Fixing one field takes its message away; the others stay until they are fixed too.
  await retype(name, 'Erika Mustermann-Berg');
  await expectNoMessageOn(name);
  await expectMessageBeside(city, DE.required);
  await retype(city, 'Augsburg');
  await retype(email, 'erika.berg@example.org');
  await retype(mobile, '0172 9876543');
  await pressNext(page);
  await expect(kiosk).toHaveAttribute('data-step', 'channels');
  expect(await storedRecords(page)).toEqual([]);

  await page.getByRole('switch', { name: 'E-Mail' }).click();
  await page.getByRole('switch', { name: 'SMS' }).click();
  await customerSignsAndConfirms(page);

  const [record, ...more] = await storedRecords(page);
  expect(more).toEqual([]);
  expect(record!.customer).toEqual({
    name: 'Erika Mustermann-Berg',
    street: 'Heidestraße 17',
    postalCode: '37083',
    city: 'Augsburg',
    email: 'erika.berg@example.org',
    mobile: '+491729876543',
  });
  expect(record!.choices.email).toEqual({ granted: true, contact: 'erika.berg@example.org' });
  expect(record!.choices.sms).toEqual({ granted: true, contact: '+491729876543' });
});

test('e-mail switched on without an address asks for one beside the switch; SMS without a number too', async ({ page }) => {
  const kiosk = await customerHasTablet(page, BERND);
  await customerGoesOnTo(page, 'channels');
  const emailSwitch = page.getByRole('switch', { name: 'E-Mail' });
  const smsSwitch = page.getByRole('switch', { name: 'SMS' });
  const emailInput = kiosk.locator('#channel-email-input');
  const mobileInput = kiosk.locator('#channel-sms-input');
  await expect(emailInput).toHaveCount(0);

  // On without an address: an input appears right under the switch at once, but no message until "Weiter".
  await emailSwitch.click();
  await expect(emailSwitch).toHaveAttribute('aria-checked', 'true');
  await expect(emailInput).toBeVisible();
  await expectNoMessageOn(emailInput);
  await expect(page.locator('#channel-email-input-error')).toHaveCount(0);
  await pressNext(page);
  await expect(page.locator('#channel-email-input-error')).toHaveText(DE.emailForChannel);
  await expect(emailSwitch).toHaveAccessibleDescription(new RegExp(DE.emailForChannel));
  await expect(kiosk).toHaveAttribute('data-step', 'channels');
  await expectMessageBeside(emailInput, DE.emailForChannel);

  // A bad address is refused with its own message.
  await retype(emailInput, 'bernd@');
  await pressNext(page);
  await expectMessageBeside(emailInput, DE.email);
  await expect(kiosk).toHaveAttribute('data-step', 'channels');

  // SMS on without a number: the same, beside the SMS switch.
  await retype(emailInput, 'bernd.koehler@example.net');
  await smsSwitch.click();
  await expect(mobileInput).toBeVisible();
  await expectNoMessageOn(mobileInput);
  await pressNext(page);
  await expect(kiosk).toHaveAttribute('data-step', 'channels');
  await expect(page.locator('#channel-sms-input-error')).toHaveText(DE.mobileForChannel);
  await expect(smsSwitch).toHaveAccessibleDescription(new RegExp(DE.mobileForChannel));
  await expectMessageBeside(mobileInput, DE.mobileForChannel);
  await expectNoMessageOn(emailInput);

  // Turning SMS off again is the other way forward.
  await smsSwitch.click();
  await expect(smsSwitch).toHaveAttribute('aria-checked', 'false');
  await expect(page.locator('#channel-sms-input-error')).toHaveCount(0);
  expect(await storedRecords(page)).toEqual([]);
  await pressNext(page);
  await expect(kiosk).toHaveAttribute('data-step', 'health');
  await customerSignsAndConfirms(page);

  const [record] = await storedRecords(page);
  expect(record!.choices).toEqual({
    letter: { granted: false, contact: 'Bernd Köhler, Am Markt 4, 37073 Göttingen' },
    email: { granted: true, contact: 'bernd.koehler@example.net' },
    sms: { granted: false, contact: null },
  });
  expect(record!.customer.email).toBe('bernd.koehler@example.net');
});

test('SMS switched on without a number is refused until a valid mobile number is typed beside it', async ({ page }) => {
  const kiosk = await customerHasTablet(page, BERND);
  await customerGoesOnTo(page, 'channels');
  const smsSwitch = page.getByRole('switch', { name: 'SMS' });
  const mobileInput = kiosk.locator('#channel-sms-input');

  await smsSwitch.click();
  await expectNoMessageOn(mobileInput);
  await pressNext(page);
  await expectMessageBeside(mobileInput, DE.mobileForChannel);
  for (const bad of ['12345', '0171 12']) {
    await retype(mobileInput, bad);
    await pressNext(page);
    await expectMessageBeside(mobileInput, DE.mobile);
    await expect(kiosk).toHaveAttribute('data-step', 'channels');
  }
  await retype(mobileInput, '0160 9876543');
  await expectNoMessageOn(mobileInput);
  await pressNext(page);
  await expect(kiosk).toHaveAttribute('data-step', 'health');
  await customerSignsAndConfirms(page);

  const [record] = await storedRecords(page);
  expect(record!.choices.sms).toEqual({ granted: true, contact: '+491609876543' });
  expect(record!.choices.email).toEqual({ granted: false, contact: null });
  expect(record!.customer.mobile).toBe('+491609876543');
});

test('a reopened draft with e-mail and SMS on but no valid values shows both inputs at once, without a message until "Weiter"', async ({ page }) => {
  const kiosk = await customerHasTablet(page, BERND);
  await customerGoesOnTo(page, 'channels');
  await page.getByRole('switch', { name: 'E-Mail' }).click();
  await page.getByRole('switch', { name: 'SMS' }).click();
  await retype(kiosk.locator('#channel-sms-input'), '0171 12');
  await expect.poll(async () => {
    const rows = await readStore<{ key: string; session: { choices: { email: boolean; sms: boolean }; mobileInput: string } }>(page, 'kiosk');
    const draft = rows.find((row) => row.key === 'current')?.session;
    return draft?.choices.email === true && draft.choices.sms && draft.mobileInput === '0171 12';
  }, { message: 'the draft is kept' }).toBe(true);

  await page.reload();
  await expect(kiosk).toHaveAttribute('data-step', 'channels');
  const emailInput = kiosk.locator('#channel-email-input');
  const mobileInput = kiosk.locator('#channel-sms-input');
  await expect(emailInput).toBeVisible();
  await expect(mobileInput).toBeVisible();
  await expect(mobileInput).toHaveValue('0171 12');
  await expectNoMessageOn(emailInput);
  await expectNoMessageOn(mobileInput);
  await expect(kiosk.getByText(DE.emailForChannel)).toHaveCount(0);

  // "Weiter" is still refused as before: the first input to fix gets the focus and its message.
  await pressNext(page);
  await expect(kiosk).toHaveAttribute('data-step', 'channels');
  await expect(emailInput).toBeFocused();
  await expectMessageBeside(emailInput, DE.emailForChannel);
  await expectMessageBeside(mobileInput, DE.mobile);
});

test('the new-order form shows each mistake beside its field and stores nothing until all are fixed', async ({ page }) => {
  await setUpDemoShop(page);
  await unlockAsStaff(page);
  const ordersBefore = await readStore<{ id: string }>(page, 'orders');
  const form = await openNewOrderForm(page);
  const field = (label: string) => form.getByLabel(label, { exact: true });

  // Nothing typed at all: the name and the single empty item row are refused.
  await saveOrderForm(form);
  await expectMessageBeside(field('Name'), DE.required);
  await expectMessageBeside(field('Ort'), DE.required);
  await expectMessageBeside(field('Beschreibung'), DE.required);
  await expectMessageBeside(field('Einzelpreis (€)'), DE.price);
  await expectMessageBeside(field('Abholtermin'), DE.required);
  await expect(form.getByRole('alert')).toContainText('Bitte prüfen Sie die markierten Felder');
  // Staff who switch to English read the same messages in English.
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await expectMessageBeside(form.locator('#order-name'), EN.required);
  await expectMessageBeside(form.getByLabel('Unit price (€)', { exact: true }), EN.price);
  await page.getByRole('button', { name: 'Deutsch', exact: true }).click();
  await expectMessageBeside(form.locator('#order-name'), DE.required);

  // Everything filled, but the price is "abc" and the e-mail is bad.
  await field('Name').fill(BERND.name);
  await field('Straße und Hausnummer').fill(BERND.street);
  await field('Postleitzahl').fill(BERND.postalCode);
  await field('Ort').fill(BERND.city);
  await field('E-Mail').fill('bernd@@example');
  await field('Beschreibung').fill('Gleitsichtgläser');
  await field('Einzelpreis (€)').fill('abc');
  await field('Abholtermin').fill('2026-12-10');
  await saveOrderForm(form);
  await expectMessageBeside(field('Einzelpreis (€)'), DE.price);
  await expectMessageBeside(field('E-Mail'), DE.email);
  await expectNoMessageOn(field('Name'));

  // A readable price, but a deposit above the total.
  await field('Einzelpreis (€)').fill('420,00');
  await field('E-Mail').fill('bernd.koehler@example.net');
  await field('Anzahlung (€)').fill('500,00');
  await saveOrderForm(form);
  await expectMessageBeside(field('Anzahlung (€)'), DE.depositAboveTotal);
  await expectNoMessageOn(field('Einzelpreis (€)'));
  await expectNoMessageOn(field('E-Mail'));

  // Still in the form, and not one order more in the database.
  await expect(form).toBeVisible();
  expect((await readStore<{ id: string }>(page, 'orders')).length).toBe(ordersBefore.length);

  // Fixed: it is stored once, with what was typed.
  await field('Anzahlung (€)').fill('100,00');
  await saveOrderForm(form);
  await expect(form).toBeHidden();
  const ordersAfter = await readStore<{ id: string; pending: { customer: { name: string; email: string }; order: { depositCents: number; totalCents: number } } }>(page, 'orders');
  const added = ordersAfter.filter((o) => !ordersBefore.some((b) => b.id === o.id));
  expect(added).toHaveLength(1);
  expect(added[0]!.pending.customer).toMatchObject({ name: BERND.name, email: 'bernd.koehler@example.net' });
  expect(added[0]!.pending.order).toMatchObject({ totalCents: 42_000, depositCents: 10_000 });
});

test('first start refuses a missing shop name, a 3-digit PIN and a PIN typed differently, storing nothing', async ({ page }) => {
  // Every test has a fresh browser context: an empty IndexedDB, so the app opens on first start.
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'countersign einrichten' })).toBeVisible();
  // Found by id, since their labels change with the language.
  const shopName = page.locator('#setup-name');
  const pin = page.locator('#setup-staff-0-pin');
  const pinRepeat = page.locator('#setup-staff-0-pin-repeat');
  await expect(shopName).toHaveAccessibleName('Name des Geschäfts');
  await expect(pin).toHaveAccessibleName('PIN');
  await expect(pinRepeat).toHaveAccessibleName('PIN wiederholen');
  const shopRows = async () => (await readStore<{ key: string }>(page, 'settings')).filter((row) => row.key === 'shop');

  // No shop name, and a PIN of three digits.
  await fillSetupForm(page, { ...OPTIK_LINDE, shopName: '', pin: '123', pinRepeat: '123' });
  await finishSetup(page);
  await expectMessageBeside(shopName, DE.required);
  await expectMessageBeside(pin, DE.pin);
  await expect(page.locator('#setup-summary')).toHaveText('Bitte prüfen Sie die markierten Felder (2).');
  await expect(shopName).toBeFocused();
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await expectMessageBeside(shopName, EN.required);
  await expectMessageBeside(pin, EN.pin);
  await page.getByRole('button', { name: 'Deutsch', exact: true }).click();

  // Name given, PIN long enough, but typed differently the second time.
  await fillSetupForm(page, { ...OPTIK_LINDE, pinRepeat: '482914' });
  await finishSetup(page);
  await expectMessageBeside(pinRepeat, DE.pinMismatch);
  await expectNoMessageOn(shopName);
  await expectNoMessageOn(pin);
  await expect(page.locator('#setup-summary')).toHaveText('Bitte prüfen Sie die markierten Felder (1).');

  expect(await shopRows()).toEqual([]);
  expect(await readStore(page, 'staff')).toEqual([]);

  // Fixed: the shop is stored and the lock screen follows; the new PIN unlocks.
  await retype(pinRepeat, OPTIK_LINDE.pin);
  await finishSetup(page);
  await expect(page.getByRole('button', { name: 'Entsperren' })).toBeVisible();
  expect(await shopRows()).toHaveLength(1);
  await unlockAsStaff(page, OPTIK_LINDE.pin);
});
