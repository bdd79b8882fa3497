/**
 * The health-data consent (Art. 9) is no marketing consent: it never appears in a mailing CSV, has
 * no CSV of its own, and stays out of the opt-in chart and the customer list's channel columns,
 * through the real app on a real SQLite file.
 */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CHANNELS, type Channel } from '../../shared/channels';
import { fixtureRecord, fixtureShop } from '../../shared/record.fixture';
import type { SignedRecord } from '../../shared/record';
import { ANNA, BERND, CLARA, customerIdOf, recordOf, sync, type Person } from '../gdpr/gdpr-fixtures';
import { enrolTablet, makeTestApp, postForm, setUpOwner, type TestApp } from '../test-app';

const get = (t: TestApp, path: string, cookie: string) => t.app.request(path, { headers: { cookie } });

/** The record this person signed, with these channels and a yes to the health question. */
function recordWithHealth(person: Person, channels: Channel[]): SignedRecord {
  const { hash: _hash, ...unsigned } = recordOf(person, channels);
  return fixtureRecord({ ...unsigned, health: { granted: true } });
}

describe('the health consent and the marketing exports', () => {
  it('never appears in any CSV, has none of its own, and stays out of the opt-in chart', async () => {
    const t = await makeTestApp({ shop: fixtureShop({ askHealth: true }) });
    const cookie = await setUpOwner(t);
    const tablet = await enrolTablet(t);
    // Clara consents to health only; Anna to health and every channel; Bernd to letters only.
    await sync(t, tablet.token, [recordWithHealth(CLARA, []), recordWithHealth(ANNA, ['letter', 'email', 'sms']), recordOf(BERND, ['letter'])]);
    const clara = await customerIdOf(t, CLARA.email);
    const anna = await customerIdOf(t, ANNA.email);
    // Anna withdraws health at the owner's: a withdrawn health consent changes no marketing row either.
    expect((await postForm(t.app, `/owner/customers/${anna}/consents`, { channel: 'health', action: 'withdrawn' }, { cookie })).status).toBe(303);
    expect((await t.store.consents.history({ customerId: clara })).map((e) => e.channel)).toEqual(['health']);

    const seen: string[] = [];
    for (const channel of CHANNELS) {
      for (const lang of ['de', 'en']) {
        const res = await get(t, `/owner/exports/${channel}.csv?lang=${lang}`, cookie);
        expect(res.status).toBe(200);
        const text = await res.text();
        expect(text).not.toMatch(/health|gesundheit|brillenwert|prescription|art\. 9/i);
        expect(text).not.toContain(clara);
        const rows = parse(text, { delimiter: ';', bom: true }) as string[][];
        seen.push(...rows.slice(1).map((r) => `${channel}:${r[0]}`));
      }
    }
    // Exactly the marketing consents, by name (e-mail waits for its confirmation).
    expect([...new Set(seen)].sort()).toEqual([`letter:${ANNA.name}`, `letter:${BERND.name}`, `sms:${ANNA.name}`]);
    for (const file of ['health.csv', 'HEALTH.csv']) expect((await get(t, `/owner/exports/${file}`, cookie)).status).toBe(404);

    const rates = await t.store.consents.rates();
    expect(new Set(rates.map((r) => r.channel))).toEqual(new Set(CHANNELS));
    const home = await (await get(t, '/owner', cookie)).text();
    expect(home).not.toContain('data-channel="health"');
    const list = await (await get(t, '/owner/customers', cookie)).text();
    expect(list).not.toMatch(/Gesundheit/);
    const found = await t.store.customers.search({ query: CLARA.email, limit: 1 });
    expect(Object.keys(found[0]!.states)).toEqual([...CHANNELS]);
  });
});
