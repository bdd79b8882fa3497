/**
 * The whole counter, end to end in Chromium: staff create an order and hand the tablet over, the
 * customer turns on e-mail only and signs, the record lands in IndexedDB whole and survives a
 * reload, and its PDF receipt, read back from its bytes, proves what was signed.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { parseSignedRecord, recordHash, type SignedRecord } from '../shared/record';
import type { ShopConfig } from '../shared/shop';
import { SIGNATURE_STROKES } from './fixtures/signature-strokes';
import {
  ANNA,
  confirmAndSave,
  createOrder,
  customerChoosesAndSigns,
  downloadReceipt,
  goToStep,
  handTabletBack,
  handTabletToCustomer,
  readStore,
  setUpDemoShop,
  unlockAsStaff,
} from './support/actions';
import { readPdf } from './support/read-pdf';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const appVersion = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;

test('an order is handed over, signed with e-mail only, stored whole, and proven by its receipt', async ({ page }) => {
  await setUpDemoShop(page);
  await unlockAsStaff(page);
  const orderNumber = await createOrder(page, ANNA);
  const kiosk = await handTabletToCustomer(page, ANNA.name);

  // 1. The order, read-only, with its total: 2 × 89,50 € + 149,00 € = 328,00 €.
  await expect(kiosk).toContainText('Einstärkengläser, entspiegelt');
  await expect(kiosk).toContainText('328,00 €');
  await expect(kiosk.getByRole('textbox')).toHaveCount(0);

  // 2. The privacy notice, exactly the shop's text.
  await goToStep(page, 'notice');
  await expect(kiosk).toContainText('Datenschutzhinweise nach Art. 13 DSGVO');

  // 3. The contact details, prefilled.
  await goToStep(page, 'contact');
  await expect(kiosk.getByLabel('Name', { exact: true })).toHaveValue(ANNA.name);

  // 4. Every channel is off until the customer turns it on.
  await goToStep(page, 'channels');
  for (const name of ['Brief', 'E-Mail', 'SMS']) await expect(page.getByRole('switch', { name })).toHaveAttribute('aria-checked', 'false');
  await customerChoosesAndSigns(page, ['E-Mail']);
  await confirmAndSave(page);

  const [shopRow] = await readStore<{ key: string; value: ShopConfig }>(page, 'settings').then((rows) => rows.filter((r) => r.key === 'shop'));
  const [deviceRow] = await readStore<{ key: string; value: string }>(page, 'settings').then((rows) => rows.filter((r) => r.key === 'deviceId'));
  const shop = shopRow!.value;
  const rows = await readStore<{ id: string; record: SignedRecord }>(page, 'records');
  expect(rows).toHaveLength(1);
  const record = rows[0]!.record;

  // The record proves who, when, what was shown, what was chosen, and how it was captured.
  expect(parseSignedRecord(record).ok).toBe(true);
  expect(recordHash(record)).toBe(record.hash);
  expect(record.id).toMatch(/^[0-9a-f-]{36}$/);
  expect(Date.now() - Date.parse(record.signedAt)).toBeLessThan(120_000);
  expect(record.order.number).toBe(orderNumber);
  expect(record.order.totalCents).toBe(32_800);
  expect(record.order.depositCents).toBe(10_000);
  expect(record.customer).toEqual({
    name: ANNA.name, street: ANNA.street, postalCode: ANNA.postalCode, city: ANNA.city,
    email: ANNA.email, mobile: '+491712345678',
  });
  expect(record.choices).toEqual({
    letter: { granted: false, contact: 'Anna Schäfer, Goethestraße 12, 80336 München' },
    email: { granted: true, contact: 'anna.schaefer@example.com' },
    sms: { granted: false, contact: '+491712345678' },
  });
  expect(record.shown.notice).toEqual({ id: shop.texts.notice.id, version: shop.texts.notice.version, language: 'de', text: shop.texts.notice.de, sha256: sha256(shop.texts.notice.de) });
  for (const channel of ['letter', 'email', 'sms'] as const) expect(record.shown[channel].sha256).toBe(sha256(shop.texts[channel].de));
  expect(record.health).toEqual({ granted: false });
  expect(record.capture).toMatchObject({ deviceId: deviceRow!.value, staffId: 'demo', appVersion });
  expect(record.signature.png).toMatch(/^data:image\/png;base64,.{500,}/);
  expect(record.signature.strokes).toHaveLength(SIGNATURE_STROKES.length);
  const points = record.signature.strokes.flatMap((s) => s.points);
  expect(points.length).toBeGreaterThan(100);
  expect(new Set(points.map((p) => p.pressure)).size).toBeGreaterThan(10);
  expect(points.every((p, i) => i === 0 || p.time >= points[i - 1]!.time)).toBe(true);

  // It went into the outbox with the record; the enrolled tablet then syncs it, and only the
  // server's acknowledgement takes it out again.
  await expect
    .poll(async () => {
      const [waiting] = await readStore<{ recordId: string }>(page, 'outbox');
      const [row] = await readStore<{ syncedAt?: string }>(page, 'records');
      const [receipt] = await readStore<{ syncedAt?: string }>(page, 'receipts');
      return waiting ? `waiting ${waiting.recordId}` : (receipt ?? row)?.syncedAt ? 'synced' : 'lost';
    })
    .toMatch(new RegExp(`^(waiting ${record.id}|synced)$`));

  // 4. After the hand-back and a reload, the record is still there, unchanged.
  await handTabletBack(page);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Entsperren' })).toBeVisible();
  expect((await readStore<{ record: SignedRecord }>(page, 'records')).map((r) => r.record)).toEqual([record]);

  // 6. The receipt, read back from its bytes, holds the record id, the choices and the notice hash.
  await unlockAsStaff(page);
  const pdf = await readPdf(await downloadReceipt(page, ANNA.name));
  const text = pdf.text.replace(/\s+/g, '');
  expect(text).toContain(record.id.replace(/\s+/g, ''));
  expect(text).toContain(record.hash);
  expect(text).toContain(record.shown.notice.sha256);
  expect(pdf.text).toContain('anna.schaefer@example.com');
  expect(pdf.text).toMatch(/E-Mail[^\n]*Ja/);
  expect(pdf.text).toMatch(/SMS[^\n]*Nein/);
  expect(pdf.images).toBeGreaterThanOrEqual(1);
});
