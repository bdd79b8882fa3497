/**
 * The whole counter, end to end in Chromium: staff create an order and hand the tablet over, the
 * customer turns on e-mail only and signs, the record lands in IndexedDB whole and survives a
 * reload, and its PDF receipt, read back from its bytes, proves what was signed.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { canonicalJson } from '../shared/canonical';
import { parseSignedRecord, recordHash, type SignedRecord } from '../shared/record';
import type { ShopConfig, TextKind } from '../shared/shop';
import { DEMO_SHOP_ID } from '../server/demo';
import { SIGNATURE_STROKES } from './fixtures/signature-strokes';
import {
  ANNA,
  confirmAndSave,
  createOrder,
  downloadReceipt,
  goToStep,
  handTabletBack,
  handTabletToCustomer,
  readStore,
  setUpDemoShop,
  signOnPad,
  unlockAsStaff,
} from './support/actions';
import { readPdf } from './support/read-pdf';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const appVersion = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
/** "89,50" as typed into the order form, in cents. */
const cents = (price: string) => Math.round(Number(price.replace(',', '.')) * 100);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** An asymmetric matcher standing in for a field of type T in an expected record. */
const shaped = <T>(matcher: unknown): T => matcher as T;

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
  // Staff typed "0171 2345678"; the customer reads it as everywhere else, +49 171 2345678.
  await expect(kiosk.getByLabel('Mobilnummer')).toHaveValue('+49 171 2345678');

  // 4. Every channel is off until the customer turns it on.
  await goToStep(page, 'channels');
  for (const name of ['Brief', 'E-Mail', 'SMS']) await expect(page.getByRole('switch', { name })).toHaveAttribute('aria-checked', 'false');
  await page.getByRole('switch', { name: 'E-Mail' }).click();

  // 5. The demo shop asks the health question; the customer leaves it unticked. 6. The signature.
  await goToStep(page, 'health');
  await goToStep(page, 'signature');
  const pad = page.getByTestId('signature-pad');
  const padBox = (await pad.boundingBox())!;
  await signOnPad(page, pad);
  await page.getByRole('button', { name: 'Weiter' }).click();
  await expect(kiosk).toHaveAttribute('data-step', 'confirm');
  await confirmAndSave(page);

  const [shopRow] = await readStore<{ key: string; value: ShopConfig }>(page, 'settings').then((rows) => rows.filter((r) => r.key === 'shop'));
  const [deviceRow] = await readStore<{ key: string; value: string }>(page, 'settings').then((rows) => rows.filter((r) => r.key === 'deviceId'));
  const shop = shopRow!.value;
  const rows = await readStore<{ id: string; record: SignedRecord }>(page, 'records');
  expect(rows).toHaveLength(1);
  const record = rows[0]!.record;

  const [orderRow] = await readStore<{ id: string; recordId?: string }>(page, 'orders').then((rows) => rows.filter((r) => r.recordId === record.id));
  const userAgent = await page.evaluate(() => navigator.userAgent);

  // 4. The record proves who, when, what was shown, what was chosen, and how it was captured: the
  // whole of it, built from the order typed above, the demo shop and this tablet. Only what cannot
  // be known in advance (id, time, user agent, ink, image, hash) is checked for its shape here.
  const shownText = (kind: TextKind) => {
    const text = shop.texts[kind];
    return { id: text.id, version: text.version, language: 'de' as const, text: text.de, sha256: sha256(text.de) };
  };
  const expected: SignedRecord = {
    schemaVersion: 1,
    id: shaped<string>(expect.stringMatching(UUID)),
    signedAt: shaped<string>(expect.stringMatching(ISO_TIME)),
    timeZone: 'Europe/Berlin',
    language: 'de',
    shop: { id: DEMO_SHOP_ID, name: 'Optik Demo' },
    order: {
      id: orderRow!.id,
      number: orderNumber,
      items: ANNA.items.map((item) => ({ description: item.description, quantity: item.quantity, unitPriceCents: cents(item.price) })),
      totalCents: 32_800,
      depositCents: cents(ANNA.deposit!),
      currency: 'EUR',
      pickupDate: ANNA.pickupDate,
    },
    customer: { name: ANNA.name, street: ANNA.street, postalCode: ANNA.postalCode, city: ANNA.city, email: ANNA.email!, mobile: '+491712345678' },
    shown: { notice: shownText('notice'), letter: shownText('letter'), email: shownText('email'), sms: shownText('sms'), health: shownText('health') },
    choices: {
      letter: { granted: false, contact: `${ANNA.name}, ${ANNA.street}, ${ANNA.postalCode} ${ANNA.city}` },
      email: { granted: true, contact: ANNA.email! },
      sms: { granted: false, contact: '+491712345678' },
    },
    health: { granted: false },
    capture: { deviceId: deviceRow!.value, staffId: 'demo', appVersion, userAgent: shaped<string>(expect.any(String)) },
    signature: {
      width: Math.round(padBox.width * 100) / 100,
      height: Math.round(padBox.height * 100) / 100,
      strokes: shaped<SignedRecord['signature']['strokes']>(expect.any(Array)),
      png: shaped<string>(expect.stringMatching(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/)),
    },
    hash: shaped<string>(expect.stringMatching(/^[0-9a-f]{64}$/)),
  };
  expect(shop).toMatchObject({ id: DEMO_SHOP_ID, askHealth: true });
  expect(record).toEqual(expected);

  // ...and the parts checked for their shape.
  expect(parseSignedRecord(record).ok).toBe(true);
  expect(Math.abs(Date.now() - Date.parse(record.signedAt))).toBeLessThan(120_000);
  expect(record.capture.userAgent).toBe(userAgent);
  expect([...Buffer.from(record.signature.png.split(',')[1]!, 'base64').subarray(0, 8)]).toEqual(PNG_MAGIC);
  const { hash, ...unsigned } = record;
  expect(sha256(canonicalJson(unsigned))).toBe(hash);
  expect(recordHash(record)).toBe(hash);
  expect(record.signature.strokes).toHaveLength(SIGNATURE_STROKES.length);
  for (const stroke of record.signature.strokes) {
    expect(stroke.points.length).toBeGreaterThan(0);
    for (const p of stroke.points) for (const key of ['x', 'y', 'time', 'pressure'] as const) expect(Number.isFinite(p[key]), key).toBe(true);
  }
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
  expect(pdf.text).toMatch(/Brief[^\n]*Nein/);
  // Each choice on its own line, with the contact value it applies to.
  const oneLine = pdf.text.replace(/\s+/g, ' ');
  expect(oneLine).toContain('Brief: Nein, nicht eingewilligt – Anna Schäfer, Goethestraße 12, 80336 München');
  expect(oneLine).toContain('E-Mail: Ja, eingewilligt – anna.schaefer@example.com');
  expect(oneLine).toContain('SMS: Nein, nicht eingewilligt – +49 171 2345678');
  expect(oneLine).toContain('Mobil: +49 171 2345678');
  expect(oneLine).not.toContain('+491712345678');
  expect(pdf.images).toBeGreaterThanOrEqual(1);
});
