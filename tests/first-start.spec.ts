/**
 * First start, the whole way: a tablet with no shop (no server connection) is set up on the spot
 * with a data-protection officer, an English consent text edited by hand, the health question
 * turned on and the first staff member's PIN. What is stored is exactly what was typed; and the
 * first customer, reading in English, signs under the edited words, which the record names by hash.
 */
import { pbkdf2Sync } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { sha256Hex } from '../shared/canonical';
import type { Language } from '../shared/channels';
import { PIN_HASH } from '../shared/pin-params';
import { parseSignedRecord, type SignedRecord } from '../shared/record';
import { TEXT_KINDS, type ShopConfig, type StaffMember, type TextKind } from '../shared/shop';
import { ANNA, createOrder, handTabletToCustomer, readStore, unlockAsStaff } from './support/actions';
import { customerGoesOnTo, fillSetupForm, finishSetup, OPTIK_LINDE, pressNext, signName, switchKioskLanguage } from './support/forms';

const DPO = { name: 'Dr. Paul Schutz', email: 'dsb@optik-linde.example' };
const EDITED_SENTENCE = ' We write at most once a month, and never pass your address on.';

test('first start stores the DPO, an edited English text, the health question and the first PIN; the first customer signs under them', async ({ page }) => {
  // A fresh browser context: an empty IndexedDB and no server connection, so the app opens on first start.
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'countersign einrichten' })).toBeVisible();
  await fillSetupForm(page, OPTIK_LINDE);

  // The data-protection officer, optional, shown only once ticked.
  await page.getByLabel('Wir haben eine Datenschutzbeauftragte oder einen Datenschutzbeauftragten').check();
  await page.getByLabel('Name der oder des Datenschutzbeauftragten').fill(DPO.name);
  await page.getByLabel('E-Mail der oder des Datenschutzbeauftragten').fill(DPO.email);

  // The English e-mail consent, prefilled from the template, gets one more sentence.
  await page.getByText('Texte ansehen und anpassen').click();
  // What the form shows for every text before any edit: the template, filled with the details above.
  const prefilled = {} as Record<TextKind, Record<Language, string>>;
  for (const kind of TEXT_KINDS) {
    prefilled[kind] = { de: await page.locator(`#setup-text-${kind}-de`).inputValue(), en: await page.locator(`#setup-text-${kind}-en`).inputValue() };
  }
  const emailEn = page.locator('#setup-text-email-en');
  await expect(emailEn).toHaveAccessibleName('Einwilligung E-Mail (Englisch)');
  const template = prefilled.email.en;
  expect(template).toContain(OPTIK_LINDE.shopName);
  const editedEmailEn = template + EDITED_SENTENCE;
  await emailEn.fill(editedEmailEn);
  await expect(page.getByRole('button', { name: 'Einwilligung E-Mail (Englisch): Vorlage wiederherstellen' })).toBeVisible();

  // The health question is off until the shop turns it on.
  const askHealth = page.getByLabel('Die Frage zu Gesundheitsdaten stellen');
  await expect(askHealth).not.toBeChecked();
  await askHealth.check();

  await finishSetup(page);
  await expect(page.getByRole('button', { name: 'Entsperren' })).toBeVisible();

  // Stored exactly as typed: the shop (its other texts still the template) and the staff member.
  const [shopRow] = (await readStore<{ key: string; value: ShopConfig }>(page, 'settings')).filter((row) => row.key === 'shop');
  const shop = shopRow!.value;
  const details = {
    name: OPTIK_LINDE.shopName,
    street: OPTIK_LINDE.street,
    postalCode: OPTIK_LINDE.postalCode,
    city: OPTIK_LINDE.city,
    controller: { name: OPTIK_LINDE.controllerName, email: OPTIK_LINDE.controllerEmail, phone: '' },
    dpo: DPO,
  };
  expect(shop).toMatchObject({ ...details, askHealth: true, inactivitySeconds: 90 });
  expect(shop.texts.email).toMatchObject({ de: prefilled.email.de, en: editedEmailEn });
  for (const kind of TEXT_KINDS.filter((k) => k !== 'email')) expect(shop.texts[kind], kind).toMatchObject(prefilled[kind]);
  // The notice names the officer, in both languages.
  for (const language of ['de', 'en'] as const) expect(shop.texts.notice[language]).toContain(`${DPO.name}, ${DPO.email}`);

  const staff = await readStore<StaffMember>(page, 'staff');
  expect(staff).toHaveLength(1);
  const jana = staff[0]!;
  expect(jana.name).toBe(OPTIK_LINDE.staffName);
  // The PIN itself is not kept: only its salted PBKDF2 hash, which the PIN typed at setup gives.
  expect(Object.keys(jana).sort()).toEqual(['id', 'name', 'pinHash', 'salt']);
  const expectedPinHash = pbkdf2Sync(OPTIK_LINDE.pin, Buffer.from(jana.salt, 'hex'), PIN_HASH.iterations, PIN_HASH.bytes, 'sha256').toString('hex');
  expect(jana.pinHash).toBe(expectedPinHash);

  // The first order, with the new PIN; the customer switches to English.
  await unlockAsStaff(page, OPTIK_LINDE.pin);
  await createOrder(page, ANNA);
  const kiosk = await handTabletToCustomer(page, ANNA.name);
  await switchKioskLanguage(page, 'en');
  await customerGoesOnTo(page, 'channels');
  await expect(kiosk).toContainText(EDITED_SENTENCE.trim());
  await page.getByRole('switch', { name: 'E-mail' }).click();
  await expect(page.getByRole('switch', { name: 'E-mail' })).toHaveAttribute('aria-checked', 'true');

  // The health step appears, because the shop turned the question on.
  await pressNext(page);
  await expect(kiosk).toHaveAttribute('data-step', 'health');
  await expect(page.getByRole('heading', { name: 'Your prescription values' })).toBeVisible();
  await expect(kiosk).toContainText(shop.texts.health.en.split('\n')[0]!.trim());
  await page.getByRole('radio', { name: 'Yes, I consent' }).check();

  await customerGoesOnTo(page, 'signature');
  await signName(page);
  await customerGoesOnTo(page, 'confirm');
  await page.getByRole('button', { name: 'Confirm and save' }).click();
  await expect(kiosk).toHaveAttribute('data-step', 'thanks');

  const records = await readStore<{ record: SignedRecord }>(page, 'records');
  expect(records).toHaveLength(1);
  const record = records[0]!.record;
  expect(parseSignedRecord(record).ok).toBe(true);
  expect(record.language).toBe('en');
  expect(record.shop).toEqual({ id: shop.id, name: OPTIK_LINDE.shopName });
  expect(record.capture.staffId).toBe(jana.id);
  // The record names the edited English words, by their own hash.
  expect(record.shown.email).toEqual({
    id: shop.texts.email.id,
    version: shop.texts.email.version,
    language: 'en',
    text: editedEmailEn,
    sha256: sha256Hex(editedEmailEn),
  });
  expect(record.shown.email.sha256).not.toBe(sha256Hex(template));
  expect(record.shown.notice).toMatchObject({ language: 'en', sha256: sha256Hex(shop.texts.notice.en) });
  expect(record.shown.health).toMatchObject({ language: 'en', sha256: sha256Hex(shop.texts.health.en) });
  expect(record.choices.email).toEqual({ granted: true, contact: ANNA.email });
  expect(record.choices.letter.granted).toBe(false);
  expect(record.choices.sms.granted).toBe(false);
  expect(record.health).toEqual({ granted: true });
});
