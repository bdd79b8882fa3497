/** @jsxImportSource hono/jsx */
/**
 * /owner/settings: how a new record or a counter withdrawal finds a known customer (by e-mail, by
 * mobile, or by either). Anything but the three values is refused with a message, nothing saved.
 */
import { Hono, type Context } from 'hono';
import type { CustomerMatch, Store } from '../store/store';
import { readForm } from './form';
import { renderPage, type OwnerEnv } from './layout';

export const CUSTOMER_MATCHES: readonly CustomerMatch[] = ['email', 'mobile', 'email-or-mobile'];
const isMatch = (value: string): value is CustomerMatch => (CUSTOMER_MATCHES as readonly string[]).includes(value);

export function createSettingsPage({ store }: { store: Store }): Hono<OwnerEnv> {
  const page = (c: Context<OwnerEnv>, current: CustomerMatch, message: { kind: 'error' | 'ok'; text: string } | null, status: 200 | 422 = 200) => {
    const t = c.get('t').settings;
    return renderPage(c, {
      title: t.title,
      section: 'settings',
      status,
      message,
      body: (
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
      ),
    });
  };

  return new Hono<OwnerEnv>()
    .get('/', async (c) => page(c, await store.settings.customerMatch(), c.req.query('saved') !== undefined ? { kind: 'ok', text: c.get('t').settings.saved } : null))
    .post('/', async (c) => {
      const field = await readForm(c);
      const value = field('customerMatch');
      if (!isMatch(value)) return page(c, await store.settings.customerMatch(), { kind: 'error', text: c.get('t').settings.invalid }, 422);
      await store.settings.setCustomerMatch({ match: value });
      return c.redirect('/owner/settings?saved', 303);
    });
}
