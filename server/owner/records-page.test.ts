/**
 * The owner's records page names each record's order by the number the shop uses (as on the
 * receipt and the customer pages), not by the internal order id. Real SQLite file, app.request().
 */
import { describe, expect, it } from 'vitest';
import { fixtureRecord } from '../../shared/record.fixture';
import { enrolTablet, makeTestApp, newRecord, setUpOwner, uploadRecords } from '../test-app';

/** The cells of the table row that names a record id. */
const cellsOf = (html: string, recordId: string) =>
  (html.split('<tr>').find((row) => row.includes(recordId)) ?? '').split('</td>').map((cell) => cell.replace(/<[^>]+>/g, '').trim());

describe('the owner records page', () => {
  it('shows the order number in the "Auftrag" column, not the internal order id', async () => {
    const t = await makeTestApp();
    const tablet = await enrolTablet(t, 'Theke 1');
    const order = (id: string, number: string) => ({ ...fixtureRecord().order, id, number });
    const first = newRecord({ order: order('9b2f6c1e-4d3a-4f5b-8c7d-2e1f0a9b8c7d', '2026-1129-003') });
    const second = newRecord({ order: order('demo-order-2', 'DEMO-0002') });
    expect((await uploadRecords(t, tablet.token, [first, second])).status).toBe(200);
    const cookie = await setUpOwner(t);

    for (const path of ['/owner/records', '/owner/records?lang=en']) {
      const res = await t.app.request(path, { headers: { cookie } });
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toMatch(path.endsWith('en') ? /<th scope="col">Order<\/th>\s*<\/tr>/ : /<th scope="col">Auftrag<\/th>\s*<\/tr>/);
      // The last column, "Auftrag" / "Order".
      expect(cellsOf(html, first.id).at(-2), path).toBe('2026-1129-003');
      expect(cellsOf(html, second.id).at(-2), path).toBe('DEMO-0002');
      expect(html).not.toContain('9b2f6c1e-4d3a-4f5b-8c7d-2e1f0a9b8c7d');
      expect(html).not.toContain('demo-order-2');
    }
  });
});
