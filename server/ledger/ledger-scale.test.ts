/**
 * The ledger at a shop's scale: 2,000 records with returning customers, and 10,000 customers for
 * the owner's lists. These tests check that the results are right at that size; how fast it is
 * belongs to `npm run bench`, never to a timed unit test, so the times are only printed.
 */
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { postalAddress } from '../../shared/record';
import { enrolTablet, makeTestApp, newRecord } from '../test-app';
import type { RecordToSave } from '../store/store';

describe('ledger speed', () => {
  it('takes in 2,000 new records with returning customers: one customer each, their grants and e-mails', async () => {
    const t = await makeTestApp();
    const tablet = await enrolTablet(t);
    const template = newRecord();
    // 1,500 customers: a quarter of the records come from returning customers.
    const batches: RecordToSave[][] = [];
    for (let b = 0; b < 20; b++) {
      const batch: RecordToSave[] = [];
      for (let i = 0; i < 100; i++) {
        const n = b * 100 + i;
        const who = n % 4 === 3 ? n - 3 : n;
        const customer = { ...template.customer, name: `Kunde ${who}`, email: n % 10 === 9 ? '' : `kunde${who}@example.com`, mobile: `+4917${String(10_000_000 + who)}` };
        const record = { ...template, id: randomUUID(), customer, choices: { letter: { granted: n % 3 === 0, contact: postalAddress(customer) }, email: { granted: n % 2 === 0 && customer.email !== '', contact: customer.email }, sms: { granted: n % 5 === 0, contact: customer.mobile } } };
        batch.push({ id: record.id, hash: record.hash, signedAt: record.signedAt, orderId: `order-${n}`, body: JSON.stringify(record), record });
      }
      batches.push(batch);
    }
    const started = performance.now();
    for (const records of batches) await t.store.records.save({ deviceId: tablet.deviceId, receivedAt: t.clock.now.toISOString(), records });
    const seconds = (performance.now() - started) / 1000;
    console.info(`ledger: 2,000 records stored with the ledger in ${(seconds * 1000).toFixed(0)} ms = ${(2000 / seconds).toFixed(0)} records/s`);

    const db = new Database(t.file, { readonly: true });
    const counts = db.prepare('SELECT (SELECT COUNT(*) FROM customers) AS c, (SELECT COUNT(*) FROM record_customers) AS rc, (SELECT COUNT(*) FROM mail_outbox) AS m').get();
    db.close();
    expect(counts).toEqual({ c: 1500, rc: 2000, m: 1800 });
  }, 60_000);

  it('lists the active consents of 10,000 customers, and searches them', async () => {
    const t = await makeTestApp();
    const db = new Database(t.file);
    const insertCustomer = db.prepare("INSERT INTO customers (id, name, email, mobile, created_at, updated_at) VALUES (?, ?, ?, ?, '2026-01-01T00:00:00.000Z', ?)");
    const insertEvent = db.prepare("INSERT INTO consent_events (customer_id, channel, action, route, at, recorded_at, contact) VALUES (?, ?, ?, 'signature', ?, ?, ?)");
    const at = (day: number) => new Date(Date.UTC(2026, 0, 1 + day)).toISOString();
    db.transaction(() => {
      for (let n = 0; n < 10_000; n++) {
        const id = randomUUID();
        const email = `kunde${n}@example.com`;
        insertCustomer.run(id, `Kunde ${String(n).padStart(5, '0')}`, email, `+4917${10_000_000 + n}`, at(n % 300));
        insertEvent.run(id, 'email', 'granted', at(n % 300), at(n % 300), email);
        if (n % 3 !== 0) insertEvent.run(id, 'email', 'confirmed', at((n % 300) + 1), at((n % 300) + 1), '');
        if (n % 7 === 0) insertEvent.run(id, 'email', 'withdrawn', at((n % 300) + 2), at((n % 300) + 2), '');
        insertEvent.run(id, 'sms', 'granted', at(n % 300), at(n % 300), `+4917${10_000_000 + n}`);
      }
    })();
    db.close();

    const time = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
      const started = performance.now();
      const result = await run();
      const ms = performance.now() - started;
      console.info(`ledger: ${what} in ${ms.toFixed(0)} ms`);
      return result;
    };
    const email = await time('active e-mail consents of 10,000 customers', () => t.store.consents.active({ channel: 'email' }));
    // Confirmed (n % 3 ≠ 0) and not withdrawn (n % 7 ≠ 0).
    const expected = Array.from({ length: 10_000 }, (_, n) => n).filter((n) => n % 3 !== 0 && n % 7 !== 0);
    expect(email).toHaveLength(expected.length);
    expect(email.slice(0, 3).map((a) => a.customer.name)).toEqual(expected.slice(0, 3).map((n) => `Kunde ${String(n).padStart(5, '0')}`));
    const sms = await time('active SMS consents of 10,000 customers', () => t.store.consents.active({ channel: 'sms' }));
    expect(sms).toHaveLength(10_000);
    const found = await time('a search over 10,000 customers', () => t.store.customers.search({ query: 'kunde 0999', limit: 50 }));
    expect(found.map((c) => c.name).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `Kunde 0999${i}`));
    await time('the 50 most recent of 10,000 customers', () => t.store.customers.search({ query: '', limit: 50 }));
  }, 60_000);
});
