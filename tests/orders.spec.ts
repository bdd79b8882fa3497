/**
 * Orders end to end: the shop's own software pushes an order with an API key the owner made, the
 * tablet pulls it with its sync, staff pick it (nothing typed), the customer signs it, and after
 * the next sync the server's real SQLite file shows the order signed and linked to the record.
 * The real GET /api/v1/orders is used here (most specs stub it with an empty list).
 */
import { expect, test } from '@playwright/test';
import type { SignedRecord } from '../shared/record';
import type { PendingOrder } from '../shared/shop';
import { handTabletToCustomer, orderRow, readStore } from './support/actions';
import { customerSignsConfirmsAndHandsBack } from './support/kiosk-checks';
import { closeOfDay, enrolTablet, openCloseOfDay, ownerSetupSecret, ownPort, readServerDatabase, serverRecord, syncNow, testCleanups, waitingText } from './support/sync';
import { setUpOwnerArea } from './support/owner-area';

test.describe.configure({ timeout: 60_000 });

const { cleanup, ownServer } = testCleanups();

const OWNER_PASSWORD = 'Theke-Passwort-2026';

/** An order as the shop's till sends it (shared/shop.ts PendingOrder). */
const TILL_ORDER: PendingOrder = {
  order: {
    id: 'till-4711',
    number: 'K-2026-4711',
    items: [
      { description: 'Gleitsichtgläser Komfort', quantity: 2, unitPriceCents: 31900 },
      { description: 'Etui', quantity: 1, unitPriceCents: 900 },
    ],
    totalCents: 64700,
    depositCents: 15000,
    currency: 'EUR',
    pickupDate: '2026-12-15',
  },
  customer: { name: 'Theo Kasse', street: 'Lindenallee 3', postalCode: '50668', city: 'Köln', email: 'theo.kasse@example.com', mobile: '+491711112222' },
  createdAt: '2026-11-29T08:30:00.000Z',
};

interface ServerOrderRow {
  id: string;
  status: string;
  signed_record_id: string | null;
}

function serverOrder(dataDir: string, id: string): ServerOrderRow | undefined {
  return readServerDatabase(dataDir, (db) => db.prepare('SELECT id, status, signed_record_id FROM orders WHERE id = ?').get(id) as ServerOrderRow | undefined);
}

test("an order pushed by the shop's software is pulled, picked, signed, and marked signed on the server", async ({ page, browser, request }, testInfo) => {
  const { server } = await ownServer(ownPort(testInfo, 4), 'orders');
  await enrolTablet(page, { url: server.url, name: 'Theke Aufträge' });

  // The owner makes an API key for the till; it is shown once.
  const owner = await browser.newPage();
  cleanup(() => owner.close());
  await setUpOwnerArea(owner, server.url, ownerSetupSecret(server), OWNER_PASSWORD);
  await owner.goto(`${server.url}/owner/api-keys`);
  await owner.getByLabel(/^Name/).fill('Kassensystem');
  await owner.getByRole('button', { name: 'Schlüssel erzeugen' }).click();
  const key = (await owner.locator('#api-key').textContent())?.trim() ?? '';
  expect(key).toMatch(/^csk_/);

  // The till pushes the order; without the key it is refused.
  const url = `${server.url}/api/v1/orders`;
  expect((await request.post(url, { data: TILL_ORDER })).status()).toBe(401);
  const pushed = await request.post(url, { headers: { authorization: `Bearer ${key}` }, data: TILL_ORDER });
  expect(pushed.status()).toBe(201);
  expect(await pushed.json()).toEqual({ id: TILL_ORDER.order.id, created: true });
  expect(serverOrder(server.dataDir, TILL_ORDER.order.id)).toEqual({ id: TILL_ORDER.order.id, status: 'open', signed_record_id: null });

  // Close of day: "Sync now" pulls it; staff find it among the open orders, nothing typed.
  await openCloseOfDay(page);
  await syncNow(page);
  await expect.poll(async () => (await readStore<{ id: string; status: string }>(page, 'orders')).find((o) => o.id === TILL_ORDER.order.id)?.status).toBe('open');
  await page.getByRole('tab', { name: 'Aufträge' }).click();
  const row = orderRow(page, 'Theo Kasse');
  await expect(row).toContainText('K-2026-4711');

  // Staff hand it over; the customer sees the till's order, signs and confirms.
  const kiosk = await handTabletToCustomer(page, 'Theo Kasse');
  await expect(kiosk).toContainText('Gleitsichtgläser Komfort');
  await expect(kiosk).toContainText('K-2026-4711');
  await customerSignsConfirmsAndHandsBack(page);
  const record = (await readStore<{ orderId: string; record?: SignedRecord }>(page, 'records')).find((r) => r.orderId === TILL_ORDER.order.id)?.record;
  expect(record?.order).toEqual(TILL_ORDER.order);
  expect(record?.customer.name).toBe('Theo Kasse');

  // After the sync the server holds the record, and the order is signed and linked to it.
  await openCloseOfDay(page);
  await syncNow(page);
  await expect(closeOfDay(page)).toContainText(waitingText(0));
  await expect.poll(() => serverRecord(server.dataDir, record!.id)?.hash).toBe(record!.hash);
  expect(serverRecord(server.dataDir, record!.id)?.order_id).toBe(TILL_ORDER.order.id);
  expect(serverOrder(server.dataDir, TILL_ORDER.order.id)).toEqual({ id: TILL_ORDER.order.id, status: 'signed', signed_record_id: record!.id });

  // The server no longer offers it, and the tablet does not show it again.
  await page.getByRole('tab', { name: 'Aufträge' }).click();
  await expect(orderRow(page, 'Theo Kasse')).toHaveCount(0);
});
