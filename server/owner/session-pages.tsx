/** @jsxImportSource hono/jsx */
/**
 * First set-up (the secret from the terminal and a new password), login and logout. Wrong secrets
 * and passwords count as failures: five a minute per client address, then 429 for the rest of it.
 * Checks still running count too, so parallel guesses get no more than five.
 */
import { Hono, type Context } from 'hono';
import type { Child } from 'hono/jsx';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Config } from '../config';
import { clientIp } from '../http/client';
import { createFailureLimiter, type Attempt } from '../http/rate-limit';
import type { Store } from '../store/store';
import { readForm } from './form';
import { renderPage, type OwnerEnv } from './layout';
import { isHttps, SESSION_COOKIE } from './cookies';
import { isOwnerSetUp, logInOwner, logOutOwner, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, SESSION_HOURS, setUpOwner } from './owner-account';

export const MAX_FAILURES_PER_MINUTE = 5;

export function createSessionPages({ config, store, now }: { config: Config; store: Store; now: () => Date }): Hono<OwnerEnv> {
  const limiter = createFailureLimiter({ max: MAX_FAILURES_PER_MINUTE, windowMs: 60_000 });

  const startSession = (c: Context<OwnerEnv>, token: string) => {
    setCookie(c, SESSION_COOKIE, token, { path: '/owner', httpOnly: true, sameSite: 'Strict', secure: isHttps(c, config), maxAge: SESSION_HOURS * 3600 });
    return c.redirect('/owner', 303);
  };

  /**
   * Reserves one attempt for this address before the slow check (scrypt), so parallel requests
   * count at once; or, when it has used up its failures, the 429 page.
   */
  const beginAttempt = (c: Context<OwnerEnv>, title: string, form: () => Child): { attempt: Attempt } | { refused: Response } => {
    const ip = clientIp(c, config);
    const at = now().getTime();
    const attempt = limiter.begin(ip, at);
    if (attempt) return { attempt };
    const seconds = limiter.retryAfter(ip, at);
    c.header('Retry-After', String(seconds));
    return { refused: renderPage(c, { title, status: 429, message: { kind: 'error', text: c.get('t').tooMany(seconds) }, body: form() }) };
  };

  const setupForm = (c: Context<OwnerEnv>) => {
    const t = c.get('t').setup;
    return (
      <>
        <p>{t.intro}</p>
        <form method="post" action="/owner/setup">
          <label for="secret">{t.secret}</label>
          <input id="secret" name="secret" required autocomplete="off" autocapitalize="characters" spellcheck={false} />
          <label for="password">{t.password}</label>
          <input id="password" name="password" type="password" required minlength={MIN_PASSWORD_LENGTH} maxlength={MAX_PASSWORD_LENGTH} autocomplete="new-password" />
          <label for="repeat">{t.repeat}</label>
          <input id="repeat" name="repeat" type="password" required minlength={MIN_PASSWORD_LENGTH} maxlength={MAX_PASSWORD_LENGTH} autocomplete="new-password" />
          <button type="submit">{t.submit}</button>
        </form>
      </>
    );
  };

  const loginForm = (c: Context<OwnerEnv>) => {
    const t = c.get('t').login;
    return (
      <form method="post" action="/owner/login">
        <label for="password">{t.password}</label>
        <input id="password" name="password" type="password" required autocomplete="current-password" autofocus />
        <button type="submit">{t.submit}</button>
      </form>
    );
  };

  return new Hono<OwnerEnv>()
    .get('/setup', async (c) => {
      if (await isOwnerSetUp({ store })) return c.redirect('/owner/login', 303);
      return renderPage(c, { title: c.get('t').setup.title, body: setupForm(c) });
    })
    .post('/setup', async (c) => {
      const t = c.get('t').setup;
      if (await isOwnerSetUp({ store })) return c.redirect('/owner/login', 303);
      const begun = beginAttempt(c, t.title, () => setupForm(c));
      if ('refused' in begun) return begun.refused;
      const { attempt } = begun;
      try {
        const field = await readForm(c);
        const password = field('password');
        const problem =
          password.length < MIN_PASSWORD_LENGTH ? t.tooShort : password.length > MAX_PASSWORD_LENGTH ? t.tooLong : password !== field('repeat') ? t.mismatch : null;
        if (problem) return renderPage(c, { title: t.title, status: 422, message: { kind: 'error', text: problem }, body: setupForm(c) });

        const outcome = await setUpOwner({ store, secret: field('secret'), password, now: now() });
        if (outcome.ok) return startSession(c, outcome.sessionToken);
        if (outcome.reason === 'done') return c.redirect('/owner/login', 303);
        attempt.fail();
        return renderPage(c, { title: t.title, status: 401, message: { kind: 'error', text: t.wrongSecret }, body: setupForm(c) });
      } finally {
        attempt.release();
      }
    })
    .get('/login', async (c) => {
      if (!(await isOwnerSetUp({ store }))) return c.redirect('/owner/setup', 303);
      if (c.get('loggedIn')) return c.redirect('/owner', 303);
      const message = c.req.query('out') !== undefined ? { kind: 'ok' as const, text: c.get('t').login.loggedOut } : null;
      return renderPage(c, { title: c.get('t').login.title, message, body: loginForm(c) });
    })
    .post('/login', async (c) => {
      const t = c.get('t').login;
      if (!(await isOwnerSetUp({ store }))) return c.redirect('/owner/setup', 303);
      const begun = beginAttempt(c, t.title, () => loginForm(c));
      if ('refused' in begun) return begun.refused;
      const { attempt } = begun;
      try {
        const field = await readForm(c);
        const token = await logInOwner({ store, password: field('password'), now: now() });
        if (token) return startSession(c, token);
        attempt.fail();
        return renderPage(c, { title: t.title, status: 401, message: { kind: 'error', text: t.wrong }, body: loginForm(c) });
      } finally {
        attempt.release();
      }
    })
    .post('/logout', async (c) => {
      const token = getCookie(c, SESSION_COOKIE);
      if (token) await logOutOwner({ store, token });
      deleteCookie(c, SESSION_COOKIE, { path: '/owner', secure: isHttps(c, config) });
      return c.redirect('/owner/login?out', 303);
    });
}
