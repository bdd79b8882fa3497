/**
 * Withdrawals and objections at the counter, as Playwright steps: staff open the "Widerruf" tab,
 * choose what the customer wants, the channels and who it is, and save. And what a tester reads
 * afterwards: the tablet's counter events in IndexedDB, the server's ledger in its SQLite file.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import type { CounterEventRow } from '../../src/data/db';
import { ANNA, createOrder, goToStep, handTabletToCustomer, readStore } from './actions';
import { customerSignsConfirmsAndHandsBack } from './kiosk-checks';
import { readServerDatabase } from './sync';

export type TabletCounterEventRow = CounterEventRow;

export interface WithdrawalInput {
  action: 'Widerruf der Einwilligung' | 'Widerspruch gegen Werbung';
  channels: Array<'Brief' | 'E-Mail' | 'SMS'>;
  /** Also withdraw the health-data consent (its own checkbox, apart from the channels). */
  health?: boolean;
  email?: string;
  mobile?: string;
  name?: string;
  street?: string;
  postalCode?: string;
  city?: string;
  note?: string;
}

/** The health-data consent's checkbox, apart from the marketing channels. */
export const HEALTH_CHECKBOX = 'Einwilligung Gesundheitsdaten (Brillenwerte) widerrufen';

/**
 * Staff (unlocked) type an order for this customer, who answers the health question "yes" (the
 * shop keeps the prescription values, Art. 9), signs and confirms; the tablet is handed back.
 */
export async function customerGrantsHealthConsent(page: Page, customer: { name: string; email: string }): Promise<void> {
  await createOrder(page, { ...ANNA, ...customer, mobile: '' });
  await handTabletToCustomer(page, customer.name);
  await goToStep(page, 'health');
  await page.getByRole('radio', { name: 'Ja, ich willige ein' }).check();
  await customerSignsConfirmsAndHandsBack(page);
}

/** The withdrawal form on the "Widerruf" tab (staff unlocked). */
export function withdrawalForm(page: Page): Locator {
  return page.locator('form.withdrawal-form');
}

/** The customer's details in the form, by their labels (the channel "E-Mail" is a checkbox of the same name). */
export function customerField(form: Locator, label: 'E-Mail' | 'Mobilnummer' | 'Name' | 'Straße und Hausnummer' | 'Postleitzahl' | 'Ort' | 'Notiz' | string): Locator {
  return form.getByRole('textbox', { name: label, exact: true });
}

export async function openWithdrawalTab(page: Page, tabName: string | RegExp = /^Widerruf/): Promise<Locator> {
  await page.getByRole('tab', { name: tabName }).click();
  const form = withdrawalForm(page);
  await expect(form).toBeVisible();
  return form;
}

/** Staff fill in the form as a person would (without saving). */
export async function fillWithdrawal(form: Locator, input: WithdrawalInput): Promise<void> {
  await form.getByRole('radio', { name: input.action }).check();
  for (const channel of input.channels) await form.getByRole('checkbox', { name: channel, exact: true }).check();
  if (input.health) await form.getByRole('checkbox', { name: HEALTH_CHECKBOX }).check();
  const fields: Array<[string, string | undefined]> = [
    ['E-Mail', input.email],
    ['Mobilnummer', input.mobile],
    ['Name', input.name],
    ['Straße und Hausnummer', input.street],
    ['Postleitzahl', input.postalCode],
    ['Ort', input.city],
    ['Notiz', input.note],
  ];
  for (const [label, value] of fields) if (value !== undefined) await customerField(form, label).fill(value);
}

/**
 * Staff (unlocked) open "Tagesabschluss". Unlike sync.ts's openCloseOfDay it never unlocks: right
 * after an unlock the PIN dialog's "Entsperren" may still be on screen for a frame.
 */
export async function openCloseOfDayTab(page: Page): Promise<void> {
  await page.getByRole('tab', { name: /Tagesabschluss/ }).click();
  await expect(page.getByRole('heading', { name: 'Tagesabschluss', level: 2 })).toBeVisible();
}

/** Fill in, save, and see the confirmation; the form is empty again for the next one. */
export async function recordWithdrawal(page: Page, input: WithdrawalInput): Promise<void> {
  const form = withdrawalForm(page);
  await fillWithdrawal(form, input);
  await form.getByRole('button', { name: 'Speichern' }).click();
  await expect(form.getByRole('status')).toHaveText(/^Gespeichert – wird beim nächsten Synchronisieren übertragen\.$|^Gespeichert und übertragen\.$/);
  await expect(customerField(form, 'Name')).toHaveValue('');
  await expect(customerField(form, 'E-Mail')).toHaveValue('');
  await expect(form.getByRole('radio', { checked: true })).toHaveCount(0);
  await expect(form.getByRole('checkbox', { checked: true })).toHaveCount(0);
}

/**
 * The "who is it?" problem is said once, at the customer's group, which names it in its accessible
 * description; no field of the group repeats it or is marked invalid for it.
 */
export async function expectMessageAtCustomerGroup(form: Locator, groupName: string, message: string): Promise<void> {
  const group = form.getByRole('group', { name: groupName });
  await expect(group).toHaveAccessibleDescription(new RegExp(message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  await expect(group.getByText(message, { exact: true })).toBeVisible();
  await expect(form.getByText(message, { exact: true }), 'said once').toHaveCount(1);
  for (const field of await group.getByRole('textbox').all()) await expect(field).toHaveAttribute('aria-invalid', 'false');
}

/** The "Zuletzt auf diesem Tablet erfasst" list's entries. */
export function recentWithdrawals(page: Page): Locator {
  return page.locator('.withdrawal-list > li');
}

export async function tabletCounterEvents(page: Page): Promise<TabletCounterEventRow[]> {
  return readStore<TabletCounterEventRow>(page, 'counterEvents');
}

/** The ledger's rows for these counter events (one per channel), oldest first. */
export interface ServerConsentEventRow {
  customer_id: string;
  channel: string;
  action: string;
  route: string;
  at: string;
  recorded_at: string;
  device_id: string | null;
  staff_id: string | null;
  source_id: string | null;
  note: string;
  contact: string;
}

export function serverConsentEvents(dataDir: string, sourceIds?: readonly string[]): ServerConsentEventRow[] {
  return readServerDatabase(dataDir, (db) => {
    const columns = 'customer_id, channel, action, route, at, recorded_at, device_id, staff_id, source_id, note, contact';
    if (!sourceIds) return db.prepare(`SELECT ${columns} FROM consent_events ORDER BY id`).all() as ServerConsentEventRow[];
    if (sourceIds.length === 0) return [];
    return db.prepare(`SELECT ${columns} FROM consent_events WHERE source_id IN (${sourceIds.map(() => '?').join(',')}) ORDER BY id`).all(...sourceIds) as ServerConsentEventRow[];
  });
}

export interface ServerCustomerRow {
  id: string;
  name: string;
  street: string;
  postal_code: string;
  city: string;
  email: string;
  mobile: string;
}

export function serverCustomer(dataDir: string, id: string): ServerCustomerRow | undefined {
  return readServerDatabase(dataDir, (db) => db.prepare('SELECT id, name, street, postal_code, city, email, mobile FROM customers WHERE id = ?').get(id) as ServerCustomerRow | undefined);
}

export function countServerCustomers(dataDir: string): number {
  return readServerDatabase(dataDir, (db) => (db.prepare('SELECT COUNT(*) AS n FROM customers').get() as { n: number }).n);
}

/** The id of the demo shop's one staff member, as the tablet stores it. */
export async function staffId(page: Page): Promise<string> {
  const staff = await readStore<{ id: string; name: string }>(page, 'staff');
  expect(staff, 'the demo shop has one staff member').toHaveLength(1);
  return staff[0]!.id;
}
