/**
 * The health-data consent (Art. 9) in the ledger, through the real app on a real SQLite file: a
 * yes in a signed record is a grant (route signature, with the text shown), a withdrawal comes from
 * the counter (route counter) or the owner (route owner), an objection naming it is refused, the
 * customer page shows it as a row of its own, and Art. 15 and 17 include it.
 */
import { randomUUID } from 'node:crypto';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { consentState, consentStates, type CounterEvent } from '../../shared/consent';
import { fixtureRecord, fixtureShop } from '../../shared/record.fixture';
import type { SignedRecord } from '../../shared/record';
import { ANNA, BERND, customerIdOf, recordOf, sync, type Person } from '../gdpr/gdpr-fixtures';
import type { Channel } from '../../shared/channels';
import { bearer, databaseDigest, enrolTablet, makeTestApp, postForm, postJson, setUpOwner, type TestApp } from '../test-app';

const get = (t: TestApp, path: string, cookie: string) => t.app.request(path, { headers: { cookie } });

/** The record this person signed, with these channels and this answer to the health question. */
function recordWithHealth(person: Person, channels: Channel[], granted: boolean | null): SignedRecord {
  const { hash: _hash, ...unsigned } = recordOf(person, channels);
  return fixtureRecord({ ...unsigned, health: granted === null ? null : { granted }, shown: { ...unsigned.shown, health: granted === null ? null : unsigned.shown.health } });
}

async function shop() {
  const t = await makeTestApp({ shop: fixtureShop({ askHealth: true }) });
  const cookie = await setUpOwner(t);
  const tablet = await enrolTablet(t);
  return { t, cookie, tablet };
}

const counterEvent = (overrides: Partial<CounterEvent>): CounterEvent => ({
  id: randomUUID(),
  at: '2026-11-29T10:30:00.000Z',
  action: 'withdrawn',
  channels: ['health'],
  customer: { name: '', street: '', postalCode: '', city: '', email: ANNA.email, mobile: '', ...overrides.customer },
  staffId: 'staff-2',
  note: 'im Geschäft',
  ...overrides,
});

describe('the health consent in the ledger', () => {
  it('is granted by a signed yes, with the text shown, in the same upload; a no or no question writes nothing', async () => {
    const { t, tablet } = await shop();
    const anna = recordWithHealth(ANNA, ['email'], true);
    await sync(t, tablet.token, [anna, recordWithHealth(BERND, ['letter'], false)]);
    const annaId = await customerIdOf(t, ANNA.email);
    const history = await t.store.consents.history({ customerId: annaId });
    expect(history.map((e) => `${e.channel}/${e.action}`)).toEqual(['email/granted', 'health/granted']);
    expect(history[1]).toMatchObject({
      route: 'signature',
      at: anna.signedAt,
      recordId: anna.id,
      noticeVersion: anna.shown.notice.version,
      textVersion: anna.shown.health!.version,
      textSha256: anna.shown.health!.sha256,
      contact: '',
      deviceId: tablet.deviceId,
      staffId: anna.capture.staffId,
      sourceId: anna.id,
    });
    expect(consentState('health', history)).toBe('active');
    // Never among the marketing channels.
    expect(consentStates(history)).toEqual({ letter: 'none', email: 'pending', sms: 'none' });

    const berndId = await customerIdOf(t, BERND.email);
    expect((await t.store.consents.history({ customerId: berndId })).map((e) => e.channel)).toEqual(['letter']);
    const carl: Person = { key: 'carl', name: 'Carl Ohnefrage', street: 'Weg 2', postalCode: '10115', city: 'Berlin', email: 'carl@example.com', mobile: '' };
    await sync(t, tablet.token, [recordWithHealth(carl, [], null)]);
    expect(await t.store.consents.history({ customerId: await customerIdOf(t, carl.email) })).toEqual([]);

    // The same record again stores nothing twice.
    const res = await postJson(t.app, '/api/v1/records', { records: [anna] }, bearer(tablet.token));
    expect(res.status).toBe(200);
    expect(await t.store.consents.history({ customerId: annaId })).toHaveLength(2);
  });

  it('is withdrawn at the counter (route counter, no contact value); an objection naming it is refused whole', async () => {
    const { t, tablet } = await shop();
    await sync(t, tablet.token, [recordWithHealth(ANNA, ['sms'], true)]);
    const annaId = await customerIdOf(t, ANNA.email);

    const before = databaseDigest(t.file);
    const refused = await postJson(t.app, '/api/v1/consent-events', { events: [counterEvent({ action: 'objected', channels: ['sms', 'health'] })] }, bearer(tablet.token));
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { issues: unknown[] }).issues).toEqual([{ path: 'events.0.channels', message: 'error.objectionHealth' }]);
    expect(databaseDigest(t.file)).toBe(before);

    const event = counterEvent({});
    const res = await postJson(t.app, '/api/v1/consent-events', { events: [event] }, bearer(tablet.token));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { results: unknown[] }).results).toEqual([{ id: event.id, status: 'stored', customerId: annaId }]);
    const history = await t.store.consents.history({ customerId: annaId });
    expect(history.at(-1)).toMatchObject({ channel: 'health', action: 'withdrawn', route: 'counter', contact: '', staffId: 'staff-2', sourceId: event.id, note: 'im Geschäft', deviceId: tablet.deviceId });
    expect(consentState('health', history)).toBe('withdrawn');
    expect(consentState('sms', history)).toBe('active');
  });

  it('has its own row on the customer page, is withdrawn by the owner, and never objected to', async () => {
    const { t, cookie, tablet } = await shop();
    await sync(t, tablet.token, [recordWithHealth(ANNA, ['letter'], true)]);
    const annaId = await customerIdOf(t, ANNA.email);
    const base = `/owner/customers/${annaId}`;

    const page = await (await get(t, base, cookie)).text();
    expect(page).toMatch(/<tr data-channel="health"><th scope="row">Gesundheitsdaten \(Art\. 9\)<\/th><td>Aktiv<\/td><\/tr>/);
    expect(page).toContain('Einwilligung Gesundheitsdaten widerrufen');
    // The marketing form's channel list stays marketing.
    expect(page.match(/<select id="channel"[\s\S]*?<\/select>/)![0]).not.toContain('health');
    expect(page).not.toContain('id="health-hint"');

    const objection = await postForm(t.app, `${base}/consents`, { channel: 'health', action: 'objected' }, { cookie });
    expect(objection.status).toBe(422);
    expect(await objection.text()).toContain('Einen Widerspruch gibt es nur gegen Werbung');

    const ok = await postForm(t.app, `${base}/consents`, { channel: 'health', action: 'withdrawn', note: 'per Brief' }, { cookie });
    expect(ok.status).toBe(303);
    const after = await (await get(t, ok.headers.get('location')!, cookie)).text();
    expect(after).toContain('Gesundheitsdaten: Der Widerruf ist eingetragen.');
    expect(after).toMatch(/<tr data-channel="health"><th scope="row">Gesundheitsdaten \(Art\. 9\)<\/th><td>Widerrufen<\/td><\/tr>/);
    expect(after).toContain('countersign speichert diese Werte nicht.');
    expect(after).not.toContain('id="health-withdrawal"');
    const english = await (await get(t, `${base}?lang=en`, cookie)).text();
    expect(english).toContain('Health data (Art. 9)');
    expect(english).toContain('countersign does not store these values.');

    const history = await t.store.consents.history({ customerId: annaId });
    expect(history.at(-1)).toMatchObject({ channel: 'health', action: 'withdrawn', route: 'owner', contact: '', note: 'per Brief' });
    expect(consentState('letter', history)).toBe('active');
    const again = await postForm(t.app, `${base}/consents`, { channel: 'health', action: 'withdrawn' }, { cookie });
    expect(again.status).toBe(422);
    expect(await again.text()).toContain('Gesundheitsdaten: Es gibt keine erteilte Einwilligung, die widerrufen werden könnte.');
  });

  it('is in the Art. 15 archive, and Art. 17 always withdraws it, whatever marketing consent is kept', async () => {
    const { t, cookie, tablet } = await shop();
    await sync(t, tablet.token, [recordWithHealth(ANNA, ['letter'], true)]);
    const annaId = await customerIdOf(t, ANNA.email);
    const base = `/owner/customers/${annaId}`;

    const zip = unzipSync(new Uint8Array(await (await get(t, `${base}/access.zip`, cookie)).arrayBuffer()));
    const data = JSON.parse(strFromU8(zip['daten.json']!));
    expect(data.consents).toContainEqual({ channel: 'health', state: 'active' });
    expect(data.ledger.map((e: { channel: string }) => e.channel)).toEqual(['letter', 'health']);
    expect(strFromU8(zip['LIESMICH.txt']!)).toContain('Gesundheitsdaten');

    const erased = await postForm(t.app, `${base}/erase`, { confirm: 'yes', 'keep-letter': 'on' }, { cookie });
    expect(erased.status).toBe(200);
    const history = await t.store.consents.history({ customerId: annaId });
    expect(consentState('letter', history)).toBe('active');
    expect(consentState('health', history)).toBe('withdrawn');
    // What is left of health is erasure's own withdrawal, without a contact value.
    expect(history.filter((e) => e.channel === 'health').map((e) => `${e.action}/${e.route}/${e.contact}`)).toEqual(['withdrawn/owner/']);
    expect((await t.store.erasure.holds({ customerId: annaId })).map((h) => h.itemId)).not.toContain(`${annaId}:health`);
    expect(await (await get(t, base, cookie)).text()).toContain('id="health-hint"');
  });
});
