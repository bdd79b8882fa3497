/** @jsxImportSource hono/jsx */
/**
 * The customer's one-click pages at /c: GET /c/optout?t=… withdraws the consent of one channel,
 * GET /c/confirm?t=… confirms the e-mail address (double opt-in). No login and no second click:
 * the signed token is the credential. Marking the token used and appending the consent event are
 * one transaction, so a replayed link writes nothing. A bad token changes nothing and says why.
 * POST /c/optout is the same as GET, for mail programs' one-click unsubscribe (RFC 8058).
 */
import { Hono, type Context } from 'hono';
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
footer { margin-top: 2rem; border-top: 1px solid #8884; padding-top: 1rem; font-size: .95rem; }
`;

export function createLinkPages({ store, now }: { store: Store; now: () => Date }): Hono {
  const app = new Hono();
  app.use(async (c, next) => {
    await next();
    // The token is in the address: never cached, never sent on as a referrer, never indexed.
    c.header('Cache-Control', 'no-store');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Robots-Tag', 'noindex');
  });
  app.get('/optout', (c) => handleLink(c, 'optout'));
  app.post('/optout', (c) => handleLink(c, 'optout'));
  app.get('/confirm', (c) => handleLink(c, 'confirm'));

  async function handleLink(c: Context, purpose: LinkPurpose): Promise<Response> {
    // Hono answers HEAD with the GET handler; a link checker peeking at the link must not use it.
    if (c.req.method === 'HEAD') return c.html('');
    const [key, shop] = await Promise.all([storedLinkKey(store), store.shop.get()]);
    const asked = c.req.query('lang');
    const pick = (fallback: Language): Language => (LANGUAGES.includes(asked as Language) ? (asked as Language) : fallback);
    // No key yet means no link was ever sent: every token is foreign.
    const checked = key ? verifyToken({ key, token: c.req.query('t') ?? '', purpose, now: now() }) : ({ ok: false, reason: 'garbled' } as const);
    if (!checked.ok && checked.reason !== 'expired') {
      const t = LINK_STRINGS[pick('de')];
      return page(c, { lang: pick('de'), shop, status: 400, title: t.invalidTitle, text: t.invalid });
    }
    const record = await recordOf(store, checked.payload);
    const lang = pick(record?.language ?? 'de');
    const t = LINK_STRINGS[lang];
    if (!checked.ok) {
      return page(c, { lang, shop, status: 410, title: t.expiredTitle, text: purpose === 'optout' ? t.optoutExpired : t.confirmExpired, contact: true });
    }

    const { payload } = checked;
    const customer = await store.customers.get({ id: payload.customerId });
    if (!customer) return page(c, { lang, shop, status: 400, title: t.invalidTitle, text: t.invalid });
    const at = now().toISOString();
    const event: NewConsentEvent = {
      customerId: payload.customerId,
      channel: payload.channel,
      action: purpose === 'optout' ? 'withdrawn' : 'confirmed',
      route: 'email-link',
      at,
      recordedAt: at,
      recordId: record ? payload.recordId : null,
      noticeVersion: null,
      textVersion: null,
      textSha256: null,
      contact: record?.choices[payload.channel].contact ?? '',
      deviceId: null,
      staffId: null,
      sourceId: payload.jti,
      note: '',
    };
    const used = !(await store.tokens.useAndAppend({ tokenId: payload.jti, purpose, now: at, events: [event] }));
    const shopName = shop?.name ?? '';
    if (purpose === 'optout') {
      if (used) return page(c, { lang, shop, title: t.usedTitle, text: t.optoutUsed });
      return page(c, { lang, shop, title: t.optoutDoneTitle, text: t.optoutDone(t.channel[payload.channel], shopName) });
    }
    if (used) return page(c, { lang, shop, title: t.usedTitle, text: t.confirmUsed });
    // A confirmation after a withdrawal, or of an address since replaced, is kept in the ledger but
    // does not make the channel active (shared/consent.ts).
    const history = await store.consents.history({ customerId: payload.customerId });
    const state = consentState('email', history);
    if (state === 'active') return page(c, { lang, shop, title: t.confirmDoneTitle, text: t.confirmDone(shopName) });
    if (state === 'withdrawn' || state === 'objected') return page(c, { lang, shop, title: t.confirmDoneTitle, text: t.confirmAfterWithdrawal });
    return page(c, { lang, shop, title: t.confirmOtherAddressTitle, text: t.confirmOtherAddress });
  }

  return app;
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
  { lang, shop, status = 200, title, text, contact = false }: { lang: Language; shop: ShopConfig | null; status?: ContentfulStatusCode; title: string; text: string; contact?: boolean },
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
        <title>{shop ? `${title} · ${shop.name}` : title}</title>
        <style>{raw(CSS)}</style>
      </head>
      <body>
        <main>
          {shop && <p class="shop">{shop.name}</p>}
          <h1>{title}</h1>
          <p role={status >= 400 ? 'alert' : 'status'}>{text}</p>
          {reach}
        </main>
      </body>
    </html>
  );
  return c.html(`<!doctype html>${html}`, status);
}
