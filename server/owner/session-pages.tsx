/** @jsxImportSource hono/jsx */
/**
 * First set-up (the secret from the terminal and a new password), login and logout. Wrong secrets
 * and passwords count as failures in the owner's one limiter (password-attempts.ts): five a minute
 * per client address, thirty over all of them, then 429 for the rest of the minute.
 */
import { Hono, type Context } from 'hono';
import type { Child } from 'hono/jsx';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Config } from '../config';
import type { Store } from '../store/store';
import { readForm } from './form';
import { renderPage, type OwnerEnv } from './layout';
import { isHttps, SESSION_COOKIE } from './cookies';
import { isOwnerSetUp, isSetupSecretMissing, logInOwner, logOutOwner, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, newPasswordProblem, SESSION_HOURS, setUpOwner } from './owner-account';
import type { BeginAttempt } from './password-attempts';

export function createSessionPages({ config, store, now, attempts }: { config: Config; store: Store; now: () => Date; attempts: BeginAttempt }): Hono<OwnerEnv> {
  const startSession = (c: Context<OwnerEnv>, token: string) => {
    setCookie(c, SESSION_COOKIE, token, { path: '/owner', httpOnly: true, sameSite: 'Strict', secure: isHttps(c, config), maxAge: SESSION_HOURS * 3600 });
    return c.redirect('/owner', 303);
  };

  /** One attempt reserved before the slow check (scrypt); or the 429 page with the form. */
  const beginAttempt = (c: Context<OwnerEnv>, title: string, form: () => Child): ReturnType<BeginAttempt> =>
    attempts(c, (text) => renderPage(c, { title, status: 429, message: { kind: 'error', text }, body: form() }));

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

  /** After npm run owner:reset the running server has no secret to offer until it restarts: then only that is said. */
  const restartPage = (c: Context<OwnerEnv>, status: 200 | 409) =>
    renderPage(c, { title: c.get('t').setup.title, status, message: { kind: 'error', text: c.get('t').setupRestart }, body: null });

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
      if (await isSetupSecretMissing({ store })) return restartPage(c, 200);
      return renderPage(c, { title: c.get('t').setup.title, body: setupForm(c) });
    })
    .post('/setup', async (c) => {
      const t = c.get('t').setup;
      if (await isOwnerSetUp({ store })) return c.redirect('/owner/login', 303);
      // A form opened before the reset: no secret can be right, so no attempt is counted.
      if (await isSetupSecretMissing({ store })) return restartPage(c, 409);
      const begun = beginAttempt(c, t.title, () => setupForm(c));
      if ('refused' in begun) return begun.refused;
      const { attempt } = begun;
      try {
        const field = await readForm(c);
        const password = field('password');
        const problem = newPasswordProblem({ password, repeat: field('repeat') });
        if (problem) return renderPage(c, { title: t.title, status: 422, message: { kind: 'error', text: t[problem] }, body: setupForm(c) });

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
