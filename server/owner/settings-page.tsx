/** @jsxImportSource hono/jsx */
/**
 * /owner/settings: how a new record or a counter withdrawal finds a known customer (by e-mail, by
 * mobile, or by either). Anything but the three values is refused with a message, nothing saved.
 * Below it, changing the owner's password (password-change.tsx).
 */
import { Hono, type Context } from 'hono';
import type { CustomerMatch, Store } from '../store/store';
import { readForm } from './form';
import { renderPage, type OwnerEnv } from './layout';
import type { BeginAttempt } from './password-attempts';
import { createPasswordChange, PasswordErrorSummary, PasswordForm, type PasswordErrors } from './password-change';

export const CUSTOMER_MATCHES: readonly CustomerMatch[] = ['email', 'mobile', 'email-or-mobile'];
const isMatch = (value: string): value is CustomerMatch => (CUSTOMER_MATCHES as readonly string[]).includes(value);

type Message = { kind: 'error' | 'ok'; text: string } | null;

export function createSettingsPage({ store, now, attempts }: { store: Store; now: () => Date; attempts: BeginAttempt }): Hono<OwnerEnv> {
  const page = (c: Context<OwnerEnv>, current: CustomerMatch, message: Message, status: 200 | 401 | 409 | 422 | 429 = 200, passwordErrors: PasswordErrors = {}) => {
    const t = c.get('t').settings;
    // Wrong fields: the message lists them, each a link to its field.
    const summary = message?.kind === 'error' && Object.keys(passwordErrors).length > 0;
    return renderPage(c, {
      title: t.title,
      section: 'settings',
      status,
      message: summary ? null : message,
      body: (
        <>
          {summary && <PasswordErrorSummary text={message.text} errors={passwordErrors} />}
          <form method="post" action="/owner/settings">
            <fieldset>
              <legend>{t.match}</legend>
              <p>{t.matchIntro}</p>
              {CUSTOMER_MATCHES.map((value) => (
                <label>
                  <input type="radio" name="customerMatch" value={value} checked={value === current} aria-describedby={`match-${value}`} /> {t.options[value]}
                  <small id={`match-${value}`} class="option-help">
                    {t.optionHelp[value]}
                  </small>
                </label>
              ))}
              <p>{t.namesNote}</p>
            </fieldset>
            <button type="submit">{t.save}</button>
          </form>
          <PasswordForm c={c} errors={passwordErrors} />
        </>
      ),
    });
  };

  const confirmation = (c: Context<OwnerEnv>): Message => {
    if (c.req.query('saved') !== undefined) return { kind: 'ok', text: c.get('t').settings.saved };
    if (c.req.query('password') !== undefined) return { kind: 'ok', text: c.get('t').password.changed };
    return null;
  };

  return new Hono<OwnerEnv>()
    .get('/', async (c) => page(c, await store.settings.customerMatch(), confirmation(c)))
    .post('/', async (c) => {
      const field = await readForm(c);
      const value = field('customerMatch');
      if (!isMatch(value)) return page(c, await store.settings.customerMatch(), { kind: 'error', text: c.get('t').settings.invalid }, 422);
      await store.settings.setCustomerMatch({ match: value });
      return c.redirect('/owner/settings?saved', 303);
    })
    .route(
      '/password',
      createPasswordChange({
        store,
        now,
        attempts,
        render: async (c, { errors, message, status }) => page(c, await store.settings.customerMatch(), message, status, errors),
      }),
    );
}
