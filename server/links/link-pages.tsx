/** @jsxImportSource hono/jsx */
/**
 * The customer's pages at /c. GET /c/optout?t=… withdraws the consent of one channel with one
 * click (POST too, for mail programs' one-click unsubscribe, RFC 8058). GET /c/confirm?t=… only
 * shows a button; its POST confirms the e-mail address (double opt-in), so that a mail scanner
 * opening the link proves nothing in the customer's name. The signed token is the credential.
 * Marking the token used and appending the consent event are one transaction, so a replayed link
 * writes nothing; an opt-out of a channel already off only uses the token. A bad token changes
 * nothing and says why, on GET and POST alike.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { LANGUAGES, type Language } from '../../shared/channels';
import { consentState } from '../../shared/consent';
import type { SignedRecord } from '../../shared/record';
import type { ShopConfig } from '../../shared/shop';
import type { NewConsentEvent, Store } from '../store/store';
import { storedLinkKey, verifyToken, type LinkPayload, type LinkPurpose } from './link-tokens';
import { LINK_STRINGS, type LinkStrings } from './link-strings';

const CSS = `
:root { color-scheme: light dark; }
body { margin: 0; font: 18px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 36rem; margin: 0 auto; padding: 2rem 1rem; }
h1 { font-size: 1.6rem; }
.shop { font-weight: 700; }
button { font: inherit; padding: .75rem 1.25rem; min-height: 48px; border-radius: .4rem; border: 1px solid #0b5cad; background: #0b5cad; color: #fff; cursor: pointer; }
footer { margin-top: 2rem; border-top: 1px solid #8884; padding-top: 1rem; font-size: .95rem; }
`;

/** The confirmation form's body: the token and its field name, with room to spare. */
const MAX_CONFIRM_FORM_BYTES = 8 * 1024;

/** An opt-out acts only while the channel is in use; otherwise it just uses up its token. */
const OPTOUT_WHILE = ['active', 'pending'] as const;

type Checked = { ok: true; c: Context; lang: Language; t: LinkStrings; shop: ShopConfig | null; payload: LinkPayload; record: SignedRecord | null };

export function createLinkPages({ store, now }: { store: Store; now: () => Date }): Hono {
  const app = new Hono();
  app.use(async (c, next) => {
    await next();
    // The token is in the address: never cached, never sent on as a referrer, never indexed.
    c.header('Cache-Control', 'no-store');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Robots-Tag', 'noindex');
  });
  // Opting out acts on GET: one click, as Art. 7(3) demands; a mail scanner opting out errs on the safe side.
  app.get('/optout', (c) => optOut(c, c.req.query('t')));
  app.post('/optout', (c) => optOut(c, c.req.query('t')));
  app.get('/confirm', (c) => askToConfirm(c));
  // The form holds one token (a few hundred bytes): a bigger body is refused before it is read,
  // so that no one can make this public page hold megabytes in memory.
  app.post(
    '/confirm',
    bodyLimit({
      maxSize: MAX_CONFIRM_FORM_BYTES,
      onError: async (c) => {
        const asked = c.req.query('lang');
        const lang: Language = LANGUAGES.includes(asked as Language) ? (asked as Language) : 'de';
        const t = LINK_STRINGS[lang];
        return page(c, { lang, shop: await store.shop.get(), status: 413, title: t.invalidTitle, text: t.invalid });
      },
    }),
    async (c) => confirm(c, await formToken(c)),
  );

  /** The token checked, the record and language found; or the page that says why not (400, 410). */
  async function check(c: Context, purpose: LinkPurpose, token: string | undefined): Promise<Checked | { ok: false; response: Response }> {
    const [key, shop] = await Promise.all([storedLinkKey(store), store.shop.get()]);
    const asked = c.req.query('lang');
    const pick = (fallback: Language): Language => (LANGUAGES.includes(asked as Language) ? (asked as Language) : fallback);
    // No key yet means no link was ever sent: every token is foreign.
    const checked = key ? verifyToken({ key, token: token ?? '', purpose, now: now() }) : ({ ok: false, reason: 'garbled' } as const);
    if (!checked.ok && checked.reason !== 'expired') {
      const t = LINK_STRINGS[pick('de')];
      return { ok: false, response: page(c, { lang: pick('de'), shop, status: 400, title: t.invalidTitle, text: t.invalid }) };
    }
    const record = await recordOf(store, checked.payload);
    const lang = pick(record?.language ?? 'de');
    const t = LINK_STRINGS[lang];
    if (!checked.ok) {
      const text = purpose === 'optout' ? t.optoutExpired : t.confirmExpired;
      return { ok: false, response: page(c, { lang, shop, status: 410, title: t.expiredTitle, text, contact: true }) };
    }
    return { ok: true, c, lang, t, shop, payload: checked.payload, record };
  }

  async function optOut(c: Context, token: string | undefined): Promise<Response> {
    // Hono answers HEAD with the GET handler; a link checker peeking at the link must not use it.
    if (c.req.method === 'HEAD') return c.html('');
    const checked = await check(c, 'optout', token);
    if (!checked.ok) return checked.response;
    const { lang, t, shop, payload, record } = checked;
    const customer = await store.customers.get({ id: payload.customerId });
    if (!customer) return page(c, { lang, shop, status: 400, title: t.invalidTitle, text: t.invalid });
    const erased = customer.erasedAt !== null;
    const at = now().toISOString();
    // The kept record still names the customer; after erasure the ledger must not learn it again.
    const contact = erased ? '' : (record?.choices[payload.channel].contact ?? '');
    const use = await store.tokens.useAndAppend({ tokenId: payload.jti, purpose: 'optout', now: at, events: [linkEvent(payload, record, 'withdrawn', at, contact)], onlyWhile: OPTOUT_WHILE });
    const shopName = shop?.name ?? '';
    if (use === 'replayed') return page(c, { lang, shop, title: t.usedTitle, text: t.optoutUsed });
    if (use === 'appended') return page(c, { lang, shop, title: t.optoutDoneTitle, text: t.optoutDone(t.channel[payload.channel], shopName) });
    if (erased) return page(c, { lang, shop, title: t.erasedTitle, text: t.erased });
    return page(c, { lang, shop, title: t.alreadyOffTitle, text: t.alreadyOff(t.channel[payload.channel], shopName) });
  }

  async function askToConfirm(c: Context): Promise<Response> {
    if (c.req.method === 'HEAD') return c.html('');
    const token = c.req.query('t');
    const checked = await check(c, 'confirm', token);
    if (!checked.ok) return checked.response;
    const { lang, t, shop, payload } = checked;
    if (!(await store.customers.get({ id: payload.customerId }))) return page(c, { lang, shop, status: 400, title: t.invalidTitle, text: t.invalid });
    if (await store.tokens.used({ tokenId: payload.jti })) return page(c, { lang, shop, title: t.usedTitle, text: t.confirmUsed });
    const form = (
      <form method="post" action={`/c/confirm?lang=${lang}`}>
        <input type="hidden" name="t" value={token ?? ''} />
        <button type="submit">{t.confirmButton}</button>
      </form>
    );
    return page(c, { lang, shop, title: t.confirmAskTitle, text: t.confirmAsk(shop?.name ?? ''), action: form });
  }

  async function confirm(c: Context, token: string | undefined): Promise<Response> {
    const checked = await check(c, 'confirm', token);
    if (!checked.ok) return checked.response;
    const { lang, t, shop, payload, record } = checked;
    const customer = await store.customers.get({ id: payload.customerId });
    if (!customer) return page(c, { lang, shop, status: 400, title: t.invalidTitle, text: t.invalid });
    const erased = customer.erasedAt !== null;
    const at = now().toISOString();
    const contact = erased ? '' : (record?.choices.email.contact ?? '');
    // After erasure nothing new is written about the customer: erasure withdrew what was pending.
    const use = await store.tokens.useAndAppend({
      tokenId: payload.jti,
      purpose: 'confirm',
      now: at,
      events: [linkEvent(payload, record, 'confirmed', at, contact)],
      ...(erased ? { onlyWhile: ['pending'] as const } : {}),
    });
    if (use === 'replayed') return page(c, { lang, shop, title: t.usedTitle, text: t.confirmUsed });
    if (use === 'unchanged') return page(c, { lang, shop, title: t.erasedTitle, text: t.erased });
    // A confirmation after a withdrawal, or of an address since replaced, is kept in the ledger but
    // does not make the channel active (shared/consent.ts).
    const history = await store.consents.history({ customerId: payload.customerId });
    const state = consentState('email', history);
    if (state === 'active') return page(c, { lang, shop, title: t.confirmDoneTitle, text: t.confirmDone(shop?.name ?? '') });
    if (state === 'withdrawn' || state === 'objected') return page(c, { lang, shop, title: t.confirmDoneTitle, text: t.confirmAfterWithdrawal });
    return page(c, { lang, shop, title: t.confirmOtherAddressTitle, text: t.confirmOtherAddress });
  }

  return app;
}

/** The token from the confirmation form; a body that is not a form counts as no token. */
async function formToken(c: Context): Promise<string | undefined> {
  try {
    const body = await c.req.parseBody();
    return typeof body.t === 'string' ? body.t : undefined;
  } catch {
    return undefined;
  }
}

function linkEvent(payload: LinkPayload, record: SignedRecord | null, action: 'withdrawn' | 'confirmed', at: string, contact: string): NewConsentEvent {
  return {
    customerId: payload.customerId,
    channel: payload.channel,
    action,
    route: 'email-link',
    at,
    recordedAt: at,
    recordId: record ? payload.recordId : null,
    noticeVersion: null,
    textVersion: null,
    textSha256: null,
    contact,
    deviceId: null,
    staffId: null,
    sourceId: payload.jti,
    note: '',
  };
}

/** The record the link came with, or null when it is gone (erased) or unreadable. */
async function recordOf(store: Store, payload: LinkPayload): Promise<SignedRecord | null> {
  const body = await store.records.body({ id: payload.recordId });
  if (!body) return null;
  try {
    return JSON.parse(body) as SignedRecord;
  } catch {
    return null;
  }
}

function page(
  c: Context,
  {
    lang,
    shop,
    status = 200,
    title,
    text,
    contact = false,
    action,
  }: { lang: Language; shop: ShopConfig | null; status?: ContentfulStatusCode; title: string; text: string; contact?: boolean; action?: Child },
): Response {
  const t: LinkStrings = LINK_STRINGS[lang];
  const reach: Child = shop && (
    <footer>
      {contact && <h2>{t.contact}</h2>}
      <p>
        <span class="shop">{shop.name}</span>
        <br />
        {shop.street}, {shop.postalCode} {shop.city}
        <br />
        {t.email}: <a href={`mailto:${shop.controller.email}`}>{shop.controller.email}</a>
        {shop.controller.phone && (
          <>
            <br />
            {t.phone}: {shop.controller.phone}
          </>
        )}
      </p>
    </footer>
  );
  const html = (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <link rel="icon" href="/icons/icon.svg" type="image/svg+xml" />
        <title>{shop ? `${title} · ${shop.name}` : title}</title>
        <style>{raw(CSS)}</style>
      </head>
      <body>
        <main>
          {shop && <p class="shop">{shop.name}</p>}
          <h1>{title}</h1>
          <p role={status >= 400 ? 'alert' : 'status'}>{text}</p>
          {action}
          {reach}
        </main>
      </body>
    </html>
  );
  return c.html(`<!doctype html>${html}`, status);
}
