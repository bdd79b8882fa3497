/** @jsxImportSource hono/jsx */
/**
 * /owner/customers: search by name, e-mail or mobile (empty: the most recently changed), and one
 * page per customer with the contact details, each channel's state, the whole consent ledger, the
 * signed records with their PDF receipts, and a form for the owner to record a withdrawal or an
 * objection (a phone call counts: withdrawing must be as easy as consenting). The health-data
 * consent (Art. 9) has a row and a withdrawal form of its own (customer-consents.tsx). Art. 15 and
 * 17 are linked from here and live in gdpr-pages.tsx.
 */
import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { CHANNELS, type Channel } from '../../shared/channels';
import { isConsentTopic, topicStates, type ConsentTopic } from '../../shared/consent';
import { formatMobile } from '../../shared/phone';
import { parseSignedRecord, postalAddress } from '../../shared/record';
import { makeReceiptPdf } from '../../src/pdf/receipt-pdf';
import type { CustomerRow, RecordSummary, RetentionHoldRow, Store } from '../store/store';
import { ConsentLedger, ConsentStates, OwnerConsentForms } from './customer-consents';
import { readForm } from './form';
import { renderPage, type OwnerEnv } from './layout';
import { RecordDevice } from './records-page';
import { formatDay, formatTime, type OwnerText } from './strings';

const SEARCH_LIMIT = 50;
const MAX_NOTE = 500;

export const isChannel = (value: string): value is Channel => (CHANNELS as readonly string[]).includes(value);

export const customerName = (customer: CustomerRow, t: OwnerText) => customer.name || t.customers.unnamed;

/** The contact value a channel's consent applies to, as the tablet records it (none for health). */
export function channelContact(customer: CustomerRow, channel: ConsentTopic): string {
  if (channel === 'health') return '';
  if (channel === 'email') return customer.email;
  if (channel === 'sms') return customer.mobile;
  return customer.street ? postalAddress(customer) : '';
}

/** Each record's order number as printed on the receipt (the order id when the body has none). */
export async function orderNumbersOf(store: Store, records: readonly RecordSummary[]): Promise<Map<string, string>> {
  const numbers = new Map<string, string>();
  for (const r of records) {
    const body = await store.records.body({ id: r.id });
    const number = body ? (JSON.parse(body) as { order?: { number?: unknown } }).order?.number : undefined;
    numbers.set(r.id, typeof number === 'string' ? number : r.orderId);
  }
  return numbers;
}

/** The kept items of an erased customer, each with its reason and end date. */
export function HoldsTable({ holds, orderNumbers, t }: { holds: RetentionHoldRow[]; orderNumbers: ReadonlyMap<string, string>; t: OwnerText }) {
  if (holds.length === 0) return <p>{t.erasure.keptNone}</p>;
  return (
    <div class="scroll">
      <table id="holds">
        <thead>
          <tr>
            <th scope="col">{t.erasure.item}</th>
            <th scope="col">{t.erasure.reason}</th>
            <th scope="col">{t.erasure.until}</th>
          </tr>
        </thead>
        <tbody>
          {holds.map((h) => (
            <tr>
              <td>
                {h.itemKind === 'order-confirmation'
                  ? t.erasure.orderConfirmation(orderNumbers.get(h.itemId) ?? h.itemId)
                  : t.erasure.consentProof(t.channels[(h.itemId.split(':').pop() ?? '') as Channel] ?? h.itemId)}
              </td>
              <td>
                <span lang="de">{h.reason}</span>
                {t.erasure.reasonGloss[h.itemKind] && (
                  <>
                    <br />
                    <small>{t.erasure.reasonGloss[h.itemKind]}</small>
                  </>
                )}
              </td>
              <td class="time">{h.keepUntil ? formatDay(h.keepUntil, t) : t.erasure.whileUsed}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function createCustomersPages({ store, now }: { store: Store; now: () => Date }): Hono<OwnerEnv> {
  const notFound = (c: Context<OwnerEnv>, text: string) =>
    renderPage(c, { title: c.get('t').customers.title, section: 'customers', status: 404, message: { kind: 'error', text }, body: <p><a href="/owner/customers">{c.get('t').customers.back}</a></p> });

  const customerPage = async (c: Context<OwnerEnv>, customer: CustomerRow, message: { kind: 'error' | 'ok'; text: string } | null, status: 200 | 422 = 200) => {
    const t = c.get('t');
    const [history, records, holds, shop] = await Promise.all([
      store.consents.history({ customerId: customer.id }),
      store.customers.records({ customerId: customer.id }),
      store.erasure.holds({ customerId: customer.id }),
      store.shop.get(),
    ]);
    const states = topicStates(history);
    const showHealth = shop?.askHealth === true || history.some((e) => e.channel === 'health');
    const orderNumbers = await orderNumbersOf(store, records);
    const base = `/owner/customers/${encodeURIComponent(customer.id)}`;
    const address = customer.street ? `${customer.street}, ${customer.postalCode} ${customer.city}` : '—';
    return renderPage(c, {
      title: customerName(customer, t),
      section: 'customers',
      status,
      message,
      body: (
        <>
          <p>
            <a href="/owner/customers">{t.customers.back}</a>
          </p>
          {customer.erasedAt && <p class="message">{t.customers.erasedAt(formatTime(customer.erasedAt, t))}</p>}
          <section>
            <h2>{t.customers.details}</h2>
            <div class="scroll">
              <table id="details">
                <tbody>
                  <tr><th scope="row">{t.customers.address}</th><td>{address}</td></tr>
                  <tr><th scope="row">{t.customers.email}</th><td>{customer.email || '—'}</td></tr>
                  <tr><th scope="row">{t.customers.mobile}</th><td>{customer.mobile ? formatMobile(customer.mobile) : '—'}</td></tr>
                  <tr><th scope="row">{t.customers.language}</th><td>{t.customers.languages[customer.language] ?? customer.language}</td></tr>
                  <tr><th scope="row">{t.customers.created}</th><td>{formatTime(customer.createdAt, t)}</td></tr>
                </tbody>
              </table>
            </div>
          </section>
          <section>
            <h2>{t.customers.states}</h2>
            <ConsentStates states={states} showHealth={showHealth} t={t} />
          </section>
          <section>
            <h2>{t.customers.ledger}</h2>
            <ConsentLedger history={history} orderNumbers={orderNumbers} t={t} />
          </section>
          <section>
            <h2>{t.customers.recordsTitle}</h2>
            {records.length === 0 ? (
              <p>{t.customers.recordsNone}</p>
            ) : (
              <div class="scroll">
                <table id="records">
                  <thead>
                    <tr><th scope="col">{t.customers.signed}</th><th scope="col">{t.customers.order}</th><th scope="col">{t.records.device}</th><th scope="col">{t.customers.receipt}</th></tr>
                  </thead>
                  <tbody>
                    {records.map((r) => (
                      <tr>
                        <td class="time">{formatTime(r.signedAt, t)}</td>
                        <td>{orderNumbers.get(r.id)}</td>
                        <td><RecordDevice record={r} t={t} /></td>
                        <td><a href={`${base}/records/${encodeURIComponent(r.id)}/receipt.pdf`}>{t.customers.receipt}</a></td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          {holds.length > 0 && (
            <section>
              <h2>{t.customers.holds}</h2>
              <HoldsTable holds={holds} orderNumbers={orderNumbers} t={t} />
            </section>
          )}
          <OwnerConsentForms action={`${base}/consents`} states={states} t={t} />
          <section>
            <h2>{t.customers.rights}</h2>
            <ul>
              <li><a href={`${base}/access.zip`}>{t.customers.access}</a></li>
              <li><a href={`${base}/erase`}>{t.customers.erase}</a></li>
            </ul>
          </section>
        </>
      ),
    });
  };

  return new Hono<OwnerEnv>()
    .get('/', async (c) => {
      const t = c.get('t');
      const query = (c.req.query('q') ?? '').trim().slice(0, 200);
      const found = await store.customers.search({ query, limit: SEARCH_LIMIT });
      return renderPage(c, {
        title: t.customers.title,
        section: 'customers',
        body: (
          <>
            <form method="get" action="/owner/customers" role="search">
              <label for="q">{t.customers.search}</label>
              <input id="q" name="q" type="search" value={query} autocomplete="off" />
              <button type="submit">{t.customers.submit}</button>
            </form>
            <h2>{query ? t.customers.results(found.length, query) : t.customers.recent}</h2>
            {found.length === 0 ? (
              <p>{query ? t.customers.none : t.customers.noneYet}</p>
            ) : (
              <div class="scroll">
                <table id="customers">
                  <thead>
                    <tr>
                      <th scope="col">{t.customers.name}</th>
                      <th scope="col">{t.customers.contact}</th>
                      {CHANNELS.map((channel) => <th scope="col">{t.channels[channel]}</th>)}
                      <th scope="col">{t.customers.records}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {found.map((s) => (
                      <tr>
                        <td>
                          <a href={`/owner/customers/${encodeURIComponent(s.id)}`}>{customerName(s, t)}</a>
                          {s.erasedAt && <> ({t.customers.erased})</>}
                        </td>
                        <td>{[s.email, s.mobile && formatMobile(s.mobile)].filter(Boolean).join(', ') || '—'}</td>
                        {CHANNELS.map((channel) => <td>{t.states[s.states[channel]]}</td>)}
                        <td>{s.recordCount}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        ),
      });
    })
    .get('/:id', async (c) => {
      const customer = await store.customers.get({ id: c.req.param('id') });
      if (!customer) return notFound(c, c.get('t').customers.unknown);
      const recorded = c.req.query('recorded')?.split(':');
      const t = c.get('t');
      const done = recorded && isConsentTopic(recorded[0] ?? '') && (recorded[1] === 'withdrawn' || recorded[1] === 'objected');
      if (done && recorded[0] === 'health' && recorded[1] === 'withdrawn') return customerPage(c, customer, { kind: 'ok', text: t.healthConsent.done });
      return customerPage(c, customer, done ? { kind: 'ok', text: t.customers.ownerDone(t.channels[recorded[0] as Channel], t.actions[recorded[1] as 'withdrawn']) } : null);
    })
    .post('/:id/consents', async (c) => {
      const t = c.get('t');
      const customer = await store.customers.get({ id: c.req.param('id') });
      if (!customer) return notFound(c, t.customers.unknown);
      const field = await readForm(c);
      const channel = field('channel');
      const action = field('action');
      const note = field('note').trim();
      const refuse = (text: string) => customerPage(c, customer, { kind: 'error', text }, 422);
      if (!isConsentTopic(channel)) return refuse(t.customers.badChannel);
      if (action !== 'withdrawn' && action !== 'objected') return refuse(t.customers.badAction);
      // Art. 21(2) is about advertising: the health consent is withdrawn, never objected to.
      if (channel === 'health' && action !== 'withdrawn') return refuse(t.healthConsent.noObjection);
      if (note.length > MAX_NOTE) return refuse(t.customers.noteTooLong);
      if (action === 'withdrawn') {
        const state = topicStates(await store.consents.history({ customerId: customer.id }))[channel];
        if (state !== 'active' && state !== 'pending') return refuse(channel === 'health' ? t.healthConsent.nothingToWithdraw : t.customers.nothingToWithdraw(t.channels[channel]));
      }
      const at = now().toISOString();
      await store.consents.append({
        events: [
          {
            customerId: customer.id,
            channel,
            action,
            route: 'owner',
            at,
            recordedAt: at,
            recordId: null,
            noticeVersion: null,
            textVersion: null,
            textSha256: null,
            contact: channelContact(customer, channel),
            deviceId: null,
            staffId: null,
            sourceId: `owner:${randomUUID()}`,
            note,
          },
        ],
      });
      return c.redirect(`/owner/customers/${encodeURIComponent(customer.id)}?recorded=${channel}:${action}`, 303);
    })
    .get('/:id/records/:recordId/receipt.pdf', async (c) => {
      const t = c.get('t');
      const customerId = c.req.param('id');
      const recordId = c.req.param('recordId');
      const records = await store.customers.records({ customerId });
      const body = records.some((r) => r.id === recordId) ? await store.records.body({ id: recordId }) : null;
      const parsed = body ? parseSignedRecord(JSON.parse(body)) : null;
      if (!parsed?.ok) return notFound(c, t.customers.unknownRecord);
      const shop = await store.shop.get();
      if (!shop) return notFound(c, t.customers.noShop);
      const pdf = await makeReceiptPdf({ record: parsed.value, shop, language: parsed.value.language });
      return c.body(pdf.buffer as ArrayBuffer, 200, {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `inline; filename="beleg-${parsed.value.order.number.replace(/[^A-Za-z0-9_-]/g, '_')}.pdf"`,
      });
    });
}
