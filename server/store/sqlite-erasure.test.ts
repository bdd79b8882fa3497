/**
 * The erasure section of the SQLite store on a real file: all or nothing, only a consent in use can
 * be kept, erasing twice changes nothing more, and the clean-up keeps an item through its last day.
 * The owner's pages and the whole-file check are in server/owner/gdpr-erasure.test.ts.
 */
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { fixtureShop } from '../../shared/record.fixture';
import { BERND, confirmEmail, customerIdOf, recordOf, sync, XAVER } from '../gdpr/gdpr-fixtures';
import { orderConfirmationKeepUntil, retentionEnded } from '../gdpr/retention';
import { databaseDigest, enrolTablet, makeTestApp } from '../test-app';

async function xaverSigned() {
  const t = await makeTestApp({ shop: fixtureShop() });
  const tablet = await enrolTablet(t);
  const record = recordOf(XAVER, ['letter', 'email']);
  await sync(t, tablet.token, [record, recordOf(BERND, ['sms'])]);
  return { t, record, xaver: await customerIdOf(t, XAVER.email) };
}

describe('retention rules', () => {
  it('keeps a signed record until 31 December of the sixth year after signing, through that day', () => {
    expect(orderConfirmationKeepUntil('2026-01-01T00:00:00.000Z')).toBe('2032-12-31');
    expect(orderConfirmationKeepUntil('2026-12-31T22:59:59.000Z')).toBe('2032-12-31');
    expect(() => orderConfirmationKeepUntil('not a time')).toThrow(RangeError);
    expect(retentionEnded('2032-12-31', '2032-12-31T23:59:59.000Z')).toBe(false);
    expect(retentionEnded('2032-12-31', '2033-01-01T00:00:00.000Z')).toBe(true);
    expect(retentionEnded(null, '2099-01-01T00:00:00.000Z')).toBe(false);
  });
});

describe('store.erasure', { timeout: 30_000 }, () => {
  it('answers null for an unknown customer and writes nothing', async () => {
    const { t } = await xaverSigned();
    const before = databaseDigest(t.file);
    expect(await t.store.erasure.erase({ customerId: 'nobody', now: t.clock.now.toISOString(), keepConsents: [] })).toBeNull();
    expect(databaseDigest(t.file)).toBe(before);
  });

  it('erases all or nothing: a failure at the last step leaves the customer as they were', async () => {
    const { t, xaver } = await xaverSigned();
    // Another connection takes the erasure log away, so the transaction fails at its very end.
    const other = new Database(t.file);
    other.exec('DROP TABLE erasures');
    other.close();
    const before = databaseDigest(t.file);
    await expect(t.store.erasure.erase({ customerId: xaver, now: t.clock.now.toISOString(), keepConsents: [] })).rejects.toThrow(/erasures/);
    expect(databaseDigest(t.file)).toBe(before);
    expect((await t.store.customers.get({ id: xaver }))?.name).toBe(XAVER.name);
  });

  it('keeps only a consent in use: a pending e-mail is withdrawn even when asked to keep it', async () => {
    const { t, xaver } = await xaverSigned();
    const summary = await t.store.erasure.erase({ customerId: xaver, now: t.clock.now.toISOString(), keepConsents: ['email', 'letter', 'sms'] });
    // Letter is active and kept; e-mail was never confirmed; SMS was never given.
    expect(summary!.kept.map((h) => [h.itemKind, h.itemId.split(':').pop()])).toEqual([
      ['order-confirmation', expect.any(String)],
      ['consent-proof', 'letter'],
    ]);
    expect(summary!.removed.consentsWithdrawn).toBe(1);
    const customer = (await t.store.customers.get({ id: xaver }))!;
    // A letter needs name and postal address; e-mail and mobile go.
    expect(customer).toMatchObject({ name: XAVER.name, street: XAVER.street, postalCode: XAVER.postalCode, city: XAVER.city, email: '', mobile: '' });
    const history = await t.store.consents.history({ customerId: xaver });
    expect(history.map((e) => `${e.channel}:${e.action}:${e.route}`)).toEqual(['letter:granted:signature', 'email:withdrawn:owner']);
  });

  it('changes nothing more when a customer is erased twice, and leaves the other customers alone', async () => {
    const { t, xaver } = await xaverSigned();
    const bernd = await customerIdOf(t, BERND.email);
    await confirmEmail(t, xaver, XAVER.email);
    await t.store.erasure.erase({ customerId: xaver, now: t.clock.now.toISOString(), keepConsents: ['email'] });
    const holds = await t.store.erasure.holds({ customerId: xaver });
    const history = await t.store.consents.history({ customerId: xaver });
    t.advance(60_000);
    const again = await t.store.erasure.erase({ customerId: xaver, now: t.clock.now.toISOString(), keepConsents: ['email'] });
    expect(again!.removed).toMatchObject({ consentEvents: 0, consentsWithdrawn: 0, records: 0, mails: 0, contactFields: 0 });
    expect(await t.store.erasure.holds({ customerId: xaver })).toEqual(holds);
    expect(await t.store.consents.history({ customerId: xaver })).toEqual(history);
    expect((await t.store.customers.get({ id: xaver }))?.erasedAt).toBe(holds[0]!.createdAt);
    // Erased a third time without keeping the e-mail: its proof and hold go too.
    await t.store.erasure.erase({ customerId: xaver, now: t.clock.now.toISOString(), keepConsents: [] });
    expect((await t.store.erasure.holds({ customerId: xaver })).map((h) => h.itemKind)).toEqual(['order-confirmation']);
    expect((await t.store.consents.history({ customerId: xaver })).map((e) => `${e.channel}:${e.action}:${e.route}:${e.contact}`)).toEqual([
      'letter:withdrawn:owner:',
      'email:withdrawn:owner:',
    ]);
    expect((await t.store.customers.get({ id: xaver }))?.email).toBe('');
    expect((await t.store.customers.get({ id: bernd }))?.name).toBe(BERND.name);
    expect((await t.store.consents.history({ customerId: bernd })).map((e) => e.action)).toEqual(['granted']);
    expect(await t.store.erasure.mails({ customerId: bernd })).toHaveLength(1);
  });

  it('lets a kept consent\'s proof and contact go once that consent is withdrawn, and keeps the others', async () => {
    const { t, xaver } = await xaverSigned();
    await confirmEmail(t, xaver, XAVER.email);
    await t.store.erasure.erase({ customerId: xaver, now: t.clock.now.toISOString(), keepConsents: ['letter', 'email'] });
    expect(await t.store.erasure.purgeExpired({ now: t.clock.now.toISOString() })).toBe(0);
    t.advance(60_000);
    const at = t.clock.now.toISOString();
    await t.store.consents.append({
      events: [{ customerId: xaver, channel: 'letter', action: 'withdrawn', route: 'email-link', at, recordedAt: at, recordId: null, noticeVersion: null, textVersion: null, textSha256: null, contact: '', deviceId: null, staffId: null, sourceId: 'letter-link', note: '' }],
    });
    expect(await t.store.erasure.purgeExpired({ now: at })).toBe(1);
    expect((await t.store.erasure.holds({ customerId: xaver })).map((h) => [h.itemKind, h.itemId.split(':').pop()])).toEqual([
      ['order-confirmation', expect.any(String)],
      ['consent-proof', 'email'],
    ]);
    expect(await t.store.customers.get({ id: xaver })).toMatchObject({ name: '', street: '', postalCode: '', city: '', email: XAVER.email, mobile: '' });
    const history = await t.store.consents.history({ customerId: xaver });
    expect(history.filter((e) => e.channel === 'letter').map((e) => `${e.action}:${e.route}:${e.note}:${e.contact}`)).toEqual(['withdrawn:owner:Art. 17:']);
    expect(await t.store.consents.active({ channel: 'letter' })).toEqual([]);
    expect((await t.store.consents.active({ channel: 'email' })).map((a) => a.contact)).toEqual([XAVER.email]);
    // Nothing more goes while the e-mail consent is still relied on.
    expect(await t.store.erasure.purgeExpired({ now: at })).toBe(0);
  });

  it('lets a counter withdrawal reach the consent kept at erasure, storing nothing staff typed about the person again', async () => {
    const { t, xaver } = await xaverSigned();
    await confirmEmail(t, xaver, XAVER.email);
    await t.store.erasure.erase({ customerId: xaver, now: t.clock.now.toISOString(), keepConsents: ['email'] });
    const customers = await t.store.customers.search({ query: XAVER.email, limit: 5 });
    expect(customers.map((c) => [c.id, c.name, c.states.email])).toEqual([[xaver, '', 'active']]);
    t.advance(60_000);
    const read = (sql: string, ...params: unknown[]) => {
      const db = new Database(t.file, { readonly: true });
      try {
        return db.prepare(sql).all(...params);
      } finally {
        db.close();
      }
    };
    const [device] = read('SELECT id FROM devices') as Array<{ id: string }>;
    const [result] = await t.store.counterEvents.save({
      deviceId: device!.id,
      receivedAt: t.clock.now.toISOString(),
      events: [{ id: randomUUID(), at: t.clock.now.toISOString(), action: 'withdrawn', channels: ['email'], customer: { name: XAVER.name, street: XAVER.street, postalCode: XAVER.postalCode, city: XAVER.city, email: XAVER.email.toUpperCase(), mobile: '' }, staffId: 'staff-1', note: '' }],
    });
    expect(result!.customerId).toBe(xaver);
    expect(await t.store.customers.get({ id: xaver })).toMatchObject({ name: '', street: '', postalCode: '', city: '', email: XAVER.email });
    expect(await t.store.consents.active({ channel: 'email' })).toEqual([]);
    expect(read('SELECT id FROM customers WHERE email = ?', XAVER.email)).toEqual([{ id: xaver }]);
  });

  it('purges a kept record the day after its end date, not on it', async () => {
    const { t, xaver, record } = await xaverSigned();
    await t.store.erasure.erase({ customerId: xaver, now: t.clock.now.toISOString(), keepConsents: [] });
    expect(await t.store.erasure.purgeExpired({ now: '2032-12-31T23:59:59.000Z' })).toBe(0);
    expect(await t.store.records.body({ id: record.id })).not.toBeNull();
    expect(await t.store.erasure.purgeExpired({ now: '2033-01-01T00:00:00.000Z' })).toBe(1);
    expect(await t.store.records.body({ id: record.id })).toBeNull();
    expect(await t.store.erasure.holds({ customerId: xaver })).toEqual([]);
    expect(await t.store.customers.records({ customerId: xaver })).toEqual([]);
  });
});
