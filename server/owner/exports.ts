/**
 * GET /owner/exports/<channel>.csv: the customers with an active consent on one channel, for a
 * mailing. Semicolon-separated with a UTF-8 byte-order mark and CRLF, which is what German Excel
 * opens with umlauts intact; csv-stringify quotes every value holding ;, " or a line break. Mobile
 * numbers are written spaced (+49 172 5551234) so that Excel keeps them as text.
 */
import { stringify } from 'csv-stringify/sync';
import { Hono } from 'hono';
import { CHANNELS, type Channel } from '../../shared/channels';
import { formatMobile } from '../../shared/phone';
import type { ActiveConsent, Store } from '../store/store';
import { renderPage, type OwnerEnv } from './layout';
import type { OwnerStrings } from './strings';

const isChannel = (value: string): value is Channel => (CHANNELS as readonly string[]).includes(value);

// A mobile number as formatMobile writes it ("+49 172 5551234"): a plus, digits and single spaces, no formula.
const SPACED_MOBILE = /^\+[1-9]\d{0,3}( \d{1,12}){1,4}$/;

/**
 * Guards against CSV formula injection ("CSV injection"): a cell that starts with =, +, -, @, a tab
 * or a carriage return may be run as a formula by Excel or LibreOffice, so a name such as
 * "=HYPERLINK(…)" typed on the tablet gets a leading apostrophe and is shown as text.
 */
export function defuseFormula(value: string): string {
  if (SPACED_MOBILE.test(value)) return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Bare E.164 ("+491725551234") is a number to Excel (4,91726E+11); the spaced form stays text. */
export function spreadsheetMobile(e164: string): string {
  return formatMobile(e164);
}

/** The CSV text (with BOM) of the active consents of one channel, in the owner's language. */
export function activeConsentsCsv({ consents, channel, t }: { consents: readonly ActiveConsent[]; channel: Channel; t: OwnerStrings }): string {
  const h = t.csv;
  const contactHeader = { letter: [h.name, h.street, h.postalCode, h.city], email: [h.name, h.email], sms: [h.name, h.mobile] }[channel];
  const rows = consents.map(({ customer, contact, since }) => {
    const contactCells = {
      letter: [customer.name, customer.street, customer.postalCode, customer.city],
      email: [customer.name, contact],
      sms: [customer.name, spreadsheetMobile(contact)],
    }[channel];
    return [...contactCells, customer.language, since.slice(0, 10), customer.id].map(defuseFormula);
  });
  return stringify([[...contactHeader, h.language, h.since, h.customerId], ...rows], {
    delimiter: ';',
    bom: true,
    record_delimiter: 'windows',
    // csv-stringify quotes ; and " by itself, but a bare line break only with this.
    quoted_match: /[\r\n]/,
  });
}

export function createExports({ store, now }: { store: Store; now: () => Date }): Hono<OwnerEnv> {
  return new Hono<OwnerEnv>().get('/:file', async (c) => {
    const t = c.get('t');
    const channel = c.req.param('file').replace(/\.csv$/, '');
    if (!isChannel(channel)) {
      return renderPage(c, { title: t.privacy.exports, section: 'privacy', status: 404, message: { kind: 'error', text: t.privacy.badChannel }, body: null });
    }
    const consents = await store.consents.active({ channel });
    const filename = t.csv.file(channel, now().toISOString().slice(0, 10));
    return c.body(activeConsentsCsv({ consents, channel, t }), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename}"`,
    });
  });
}
