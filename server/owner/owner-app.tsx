/** @jsxImportSource hono/jsx */
/**
 * The owner area at /owner: server-rendered pages, German first with an English switch (?lang=en,
 * then remembered in a cookie). Everything but set-up and login needs the owner's session cookie;
 * every form must come from this site (same-origin check). One sub-app per section.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie, setCookie } from 'hono/cookie';
import type { Config } from '../config';
import type { Mailer } from '../mail/mailer';
import { requireSameOrigin } from '../http/same-origin';
import type { Store } from '../store/store';
import { createApiKeysPages } from './api-keys-pages';
import { createConflictsPage } from './conflicts-page';
import { isHttps, LANG_COOKIE, SESSION_COOKIE } from './cookies';
import { createCustomersPages } from './customers-pages';
import { createDevicesPages } from './devices-pages';
import { createExports } from './exports';
import { createPrivacyPages, createRightsPages } from './gdpr-pages';
import { createHomePage } from './home-page';
import { renderPage, type OwnerEnv } from './layout';
import { createMailPage } from './mail-page';
import { createNoticesPages } from './notices-pages';
import { checkOwnerSession, isOwnerSetUp } from './owner-account';
import { createPasswordAttempts } from './password-attempts';
import { createRecordsPage } from './records-page';
import { createSessionPages } from './session-pages';
import { createSettingsPage } from './settings-page';
import { OWNER_LANGUAGES, ownerText, type OwnerLanguage } from './strings';

/** Forms hold text only; the longest is a notice in two languages. */
const MAX_FORM_BYTES = 512 * 1024;

export interface OwnerAppOptions {
  config: Config;
  store: Store;
  now: () => Date;
  /** Woken when the owner retries a failed e-mail. */
  mailer?: Mailer | null;
}

const isLanguage = (value: string | undefined): value is OwnerLanguage => OWNER_LANGUAGES.includes(value as OwnerLanguage);

export function createOwnerApp({ config, store, now, mailer = null }: OwnerAppOptions): Hono<OwnerEnv> {
  const app = new Hono<OwnerEnv>();

  app.use(async (c, next) => {
    const asked = c.req.query('lang');
    const remembered = getCookie(c, LANG_COOKIE);
    const lang: OwnerLanguage = isLanguage(asked) ? asked : isLanguage(remembered) ? remembered : 'de';
    if (isLanguage(asked)) {
      setCookie(c, LANG_COOKIE, asked, { path: '/owner', httpOnly: true, sameSite: 'Lax', secure: isHttps(c, config), maxAge: 365 * 86_400 });
    }
    c.set('lang', lang);
    c.set('t', ownerText(lang, config.timeZone));
    c.set('loggedIn', false);
    await next();
    c.header('Cache-Control', 'no-store');
  });

  app.use(
    requireSameOrigin({
      config,
      refuse: (context) => {
        const c = context as unknown as Context<OwnerEnv>;
        return renderPage(c, { title: c.get('t').product, status: 403, message: { kind: 'error', text: c.get('t').csrf }, body: null });
      },
    }),
  );
  app.use(
    bodyLimit({
      maxSize: MAX_FORM_BYTES,
      onError: (c) => c.text('The form is too large.', 413),
    }),
  );

  app.use(async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    const loggedIn = token ? await checkOwnerSession({ store, token, now: now() }) : false;
    c.set('loggedIn', loggedIn);
    if (!loggedIn && !['/owner/setup', '/owner/login', '/owner/logout'].includes(c.req.path)) {
      return c.redirect((await isOwnerSetUp({ store })) ? '/owner/login' : '/owner/setup', 303);
    }
    await next();
  });

  // One limiter for login, set-up and password change: a guess counts the same on each.
  const attempts = createPasswordAttempts({ config, now });
  app.route('/', createSessionPages({ config, store, now, attempts }));
  app.route('/', createHomePage({ store }));
  app.route('/devices', createDevicesPages({ config, store, now }));
  app.route('/records', createRecordsPage({ store }));
  app.route('/conflicts', createConflictsPage({ store }));
  app.route('/notices', createNoticesPages({ store, now }));
  app.route('/api-keys', createApiKeysPages({ store, now }));
  app.route('/mail', createMailPage({ store, now, mailer }));
  app.route('/customers', createCustomersPages({ store, now }));
  app.route('/customers', createRightsPages({ config, store, now }));
  app.route('/exports', createExports({ store, now }));
  app.route('/privacy', createPrivacyPages({ config, store, now }));
  app.route('/settings', createSettingsPage({ store, now, attempts }));

  app.all('*', (c) => renderPage(c, { title: c.get('t').notFound, status: 404, body: <p><a href="/owner">{c.get('t').nav.home}</a></p> }));
  return app;
}
