/**
 * Test data for the owner's GDPR tools: customers who sign records on a tablet and upload them
 * through /api/v1/records, so that the real ingestion builds the ledger. Used by the tests beside
 * server/owner and server/gdpr only.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { Channel } from '../../shared/channels';
import { fixtureRecord } from '../../shared/record.fixture';
import { postalAddress, type Contact, type SignedRecord } from '../../shared/record';
import type { NewConsentEvent } from '../store/store';
import { uploadRecords, type TestApp } from '../test-app';

export interface Person extends Contact {
  key: string;
}

/** A record this person signed, with these channels switched on. */
export function recordOf(person: Person, channels: Channel[], overrides: { signedAt?: string; orderNumber?: string } = {}): SignedRecord {
  const { key, ...customer } = person;
  const base = fixtureRecord();
  const id = randomUUID();
  return fixtureRecord({
    id,
    // Before the test clock's now (10:00 UTC), as a record synced later would be.
    signedAt: overrides.signedAt ?? '2026-11-29T09:15:30.123Z',
    customer,
    order: { ...base.order, id: `order-${key}-${id.slice(0, 8)}`, number: overrides.orderNumber ?? `2026-${key}` },
    choices: {
      letter: { granted: channels.includes('letter'), contact: postalAddress(customer) },
      email: { granted: channels.includes('email'), contact: customer.email || null },
      sms: { granted: channels.includes('sms'), contact: customer.mobile || null },
    },
  });
}

/** The tablet uploads these records; every one must be stored. */
export async function sync(t: TestApp, token: string, records: SignedRecord[]): Promise<void> {
  const res = await uploadRecords(t, token, records);
  expect(res.status).toBe(200);
  const body = (await res.json()) as { results: Array<{ status: string }> };
  expect(body.results.map((r) => r.status)).toEqual(records.map(() => 'stored'));
}

/** The customer the ledger made for this e-mail address. */
export async function customerIdOf(t: TestApp, email: string): Promise<string> {
  const [found] = await t.store.customers.search({ query: email, limit: 5 });
  expect(found, `a customer for ${email}`).toBeDefined();
  return found!.id;
}

/** The customer clicks the confirmation link of the thank-you e-mail (as H2's link page appends it). */
export async function confirmEmail(t: TestApp, customerId: string, email: string): Promise<void> {
  const at = t.clock.now.toISOString();
  const event: NewConsentEvent = {
    customerId,
    channel: 'email',
    action: 'confirmed',
    route: 'email-link',
    at,
    recordedAt: at,
    recordId: null,
    noticeVersion: null,
    textVersion: null,
    textSha256: null,
    contact: email,
    deviceId: null,
    staffId: null,
    sourceId: `confirm-${randomUUID()}`,
    note: '',
  };
  expect(await t.store.consents.append({ events: [event] })).toBe(1);
}

export const ANNA: Person = {
  key: 'anna',
  name: 'Anna "Anni" Schäfer; geb. Müller',
  street: 'Goethestraße 12',
  postalCode: '80336',
  city: 'München',
  email: 'anna.schaefer@example.com',
  mobile: '+491712345678',
};
export const BERND: Person = { key: 'bernd', name: 'Bernd Weiß', street: 'Am Hof 3\nHinterhaus', postalCode: '50667', city: 'Köln', email: 'bernd@example.com', mobile: '+491719999999' };
export const CLARA: Person = { key: 'clara', name: 'Clara Öztürk', street: 'Ringstraße 9', postalCode: '10115', city: 'Berlin', email: 'clara@example.com', mobile: '' };
export const EVIL: Person = { key: 'evil', name: '=HYPERLINK("http://evil.example","Klick")', street: '@Straße 1', postalCode: '12345', city: '-Stadt', email: 'evil@example.com', mobile: '' };
export const XAVER: Person = {
  key: 'xaver',
  name: 'Xaver Löschmann',
  street: 'Tilgungsweg 17',
  postalCode: '20095',
  city: 'Hamburg',
  email: 'xaver.loeschmann@example.com',
  mobile: '+491705550123',
};
