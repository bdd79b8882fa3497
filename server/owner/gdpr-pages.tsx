/** @jsxImportSource hono/jsx */
/**
 * The owner's GDPR duties. /owner/privacy: the CSV exports per channel and the Art. 30 record as a
 * PDF. /owner/customers/<id>/access.zip: Art. 15. /owner/customers/<id>/erase: Art. 17 after a
 * confirmation page that lists what will go and what must stay (with reason and end date); the
 * answer lists what was kept.
 */
import { Hono, type Context } from 'hono';
import { CHANNELS, type Channel } from '../../shared/channels';
import { consentStates } from '../../shared/consent';
import type { Config } from '../config';
import { buildAccessArchive } from '../gdpr/access-archive';
import { eraseCustomer } from '../gdpr/erase-customer';
import { buildProcessingRecord } from '../gdpr/processing-record';
import { makeProcessingRecordPdf } from '../gdpr/processing-record-pdf';
import { orderConfirmationKeepUntil, retentionEnded } from '../gdpr/retention';
import { mailDir } from '../mail/mail-settings';
import type { Store } from '../store/store';
import { customerName, HoldsTable, isChannel, orderNumbersOf } from './customers-pages';
import { renderPage, type OwnerEnv } from './layout';
import { formatDay, type OwnerText } from './strings';

interface Options {
  config: Config;
  store: Store;
  now: () => Date;
}

const smtpHost = (config: Config): string | null => {
  try {
    return config.mail.smtpUrl ? new URL(config.mail.smtpUrl).hostname : null;
  } catch {
    return null;
  }
};

export function createPrivacyPages({ config, store, now }: Options): Hono<OwnerEnv> {
  return new Hono<OwnerEnv>()
    .get('/', async (c) => {
      const t = c.get('t');
      const [shop, ...active] = await Promise.all([store.shop.get(), ...CHANNELS.map((channel) => store.consents.active({ channel }))]);
      return renderPage(c, {
        title: t.privacy.title,
        section: 'privacy',
        body: (
          <>
            <section>
              <h2>{t.privacy.exports}</h2>
              <p>{t.privacy.exportsIntro}</p>
              <ul id="exports">
                {CHANNELS.map((channel, i) => (
                  <li>
                    <a href={`/owner/exports/${channel}.csv`} download>
                      {t.privacy.exportLink(t.channels[channel], active[i]!.length)}
                    </a>
                  </li>
                ))}
              </ul>
            </section>
            <section>
              <h2>{t.privacy.processing}</h2>
              {shop ? (
                <>
                  <p>{t.privacy.processingIntro}</p>
                  <ul>
                    <li><a href="/owner/privacy/processing-record.pdf?doc=de">{t.privacy.processingDe}</a></li>
                    <li><a href="/owner/privacy/processing-record.pdf?doc=en">{t.privacy.processingEn}</a></li>
                  </ul>
                </>
              ) : (
                <p>{t.privacy.noShop}</p>
              )}
            </section>
            <section>
              <p>{t.privacy.rightsIntro}</p>
            </section>
          </>
        ),
      });
    })
    .get('/processing-record.pdf', async (c) => {
      const t = c.get('t');
      const shop = await store.shop.get();
      if (!shop) return renderPage(c, { title: t.privacy.processing, section: 'privacy', status: 404, message: { kind: 'error', text: t.privacy.noShop }, body: null });
      // ?doc= picks the document's language without changing the owner area's own (?lang=).
      const asked = c.req.query('doc');
      const language = asked === 'de' || asked === 'en' ? asked : c.get('lang');
      const record = buildProcessingRecord({ shop, smtpHost: smtpHost(config), https: config.tls !== null || (config.publicUrl?.startsWith('https://') ?? false), now: now(), language, timeZone: config.timeZone });
      const pdf = await makeProcessingRecordPdf(record, language);
      const name = language === 'de' ? 'verzeichnis-verarbeitungstaetigkeiten' : 'record-of-processing-activities';
      return c.body(pdf.buffer as ArrayBuffer, 200, {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `attachment; filename="${name}-${now().toISOString().slice(0, 10)}.pdf"`,
      });
    });
}

export function createRightsPages({ config, store, now }: Options): Hono<OwnerEnv> {
  const unknown = (c: Context<OwnerEnv>) =>
    renderPage(c, {
      title: c.get('t').customers.title,
      section: 'customers',
      status: 404,
      message: { kind: 'error', text: c.get('t').customers.unknown },
      body: <p><a href="/owner/customers">{c.get('t').customers.back}</a></p>,
    });

  const confirmPage = async (c: Context<OwnerEnv>, customerId: string, error: string | null) => {
    const t = c.get('t');
    const customer = await store.customers.get({ id: customerId });
    if (!customer) return unknown(c);
    const [history, records] = await Promise.all([store.consents.history({ customerId }), store.customers.records({ customerId })]);
    const states = consentStates(history);
    const orderNumbers = await orderNumbersOf(store, records);
    const active = CHANNELS.filter((channel) => states[channel] === 'active');
    const today = now().toISOString();
    const kept = records.map((r) => ({ r, until: orderConfirmationKeepUntil(r.signedAt) })).filter(({ until }) => !retentionEnded(until, today));
    const base = `/owner/customers/${encodeURIComponent(customer.id)}`;
    return renderPage(c, {
      title: t.erasure.title,
      section: 'customers',
      status: error ? 422 : 200,
      message: error ? { kind: 'error', text: error } : null,
      body: (
        <form method="post" action={`${base}/erase`}>
          <p><strong>{t.erasure.question(customerName(customer, t))}</strong></p>
          <h2>{t.erasure.goes}</h2>
          <ul id="erase-goes">
            <li>{t.erasure.goesContact}</li>
            <li>{t.erasure.goesLedger(history.length)}</li>
            <li>{t.erasure.goesMails}</li>
            {records.length > kept.length && <li>{t.erasure.goesRecords(records.length - kept.length)}</li>}
          </ul>
          <h2>{t.erasure.stays}</h2>
          {kept.length === 0 ? (
            <p>{t.erasure.staysNone}</p>
          ) : (
            <>
              <ul id="erase-stays">
                {kept.map(({ r, until }) => (
                  <li>{t.erasure.staysRecord(orderNumbers.get(r.id) ?? r.orderId, formatDay(until, t))}</li>
                ))}
              </ul>
              <p class="message">{t.erasure.staysRecordNote}</p>
            </>
          )}
          <fieldset>
            <legend>{t.erasure.keep}</legend>
            {active.length > 0 && <p>{t.erasure.keepHelp}</p>}
            {active.length === 0 ? (
              <p>{t.erasure.keepNone}</p>
            ) : (
              active.map((channel) => (
                <label><input type="checkbox" name={`keep-${channel}`} value="on" /> {t.channels[channel]}</label>
              ))
            )}
          </fieldset>
          <label><input type="checkbox" name="confirm" value="yes" required /> {t.erasure.confirm}</label>
          <button type="submit" class="danger">{t.erasure.submit}</button> <a href={base}>{t.erasure.cancel}</a>
        </form>
      ),
    });
  };

  return new Hono<OwnerEnv>()
    .get('/:id/access.zip', async (c) => {
      const zip = await buildAccessArchive({ store, customerId: c.req.param('id'), now: now(), timeZone: config.timeZone });
      if (!zip) return unknown(c);
      return c.body(zip.buffer as ArrayBuffer, 200, {
        'Content-Type': 'application/zip',
        'Content-Disposition': `attachment; filename="auskunft-art15-${c.req.param('id').replace(/[^A-Za-z0-9_-]/g, '_')}.zip"`,
      });
    })
    .get('/:id/erase', (c) => confirmPage(c, c.req.param('id'), null))
    .post('/:id/erase', async (c) => {
      const t = c.get('t');
      const customerId = c.req.param('id');
      const customer = await store.customers.get({ id: customerId });
      if (!customer) return unknown(c);
      const body = await c.req.parseBody();
      const keepFields = Object.keys(body).filter((name) => name.startsWith('keep-'));
      const keep = keepFields.map((name) => name.slice('keep-'.length));
      if (!keep.every(isChannel)) return confirmPage(c, customerId, t.erasure.badKeep);
      if (body.confirm !== 'yes') return confirmPage(c, customerId, t.erasure.missingConfirm);
      const summary = await eraseCustomer({ store, mailDir: mailDir(config), customerId, keepConsents: keep as Channel[], now: now() });
      if (!summary) return unknown(c);
      const orderNumbers = await orderNumbersOf(store, await store.customers.records({ customerId }));
      return renderPage(c, {
        title: t.erasure.doneTitle,
        section: 'customers',
        message: { kind: 'ok', text: t.erasure.done(customerName(customer, t)) },
        body: <ErasureResult summary={summary} orderNumbers={orderNumbers} t={t} />,
      });
    });
}

function ErasureResult({ summary, orderNumbers, t }: { summary: NonNullable<Awaited<ReturnType<typeof eraseCustomer>>>; orderNumbers: Map<string, string>; t: OwnerText }) {
  const removed = Object.entries(summary.removed).filter(([, n]) => n > 0);
  return (
    <>
      <h2>{t.erasure.removed}</h2>
      <ul id="erase-removed">
        {removed.map(([kind, n]) => (
          <li>{t.erasure.removedKinds[kind]?.(n) ?? `${n} ${kind}`}</li>
        ))}
      </ul>
      <h2>{t.erasure.kept}</h2>
      <HoldsTable holds={summary.kept} orderNumbers={orderNumbers} t={t} />
      <p><a href="/owner/customers">{t.customers.back}</a></p>
    </>
  );
}
