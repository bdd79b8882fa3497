/** @jsxImportSource hono/jsx */
/**
 * "Change the password" on the settings page: the current password and the new one twice. A wrong
 * current password counts as a failed login (password-attempts.ts). Each problem is named beside
 * its field, listed with links at the top, and nothing is changed; on success every other session
 * ends and this one goes on.
 */
import { Hono, type Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Store } from '../store/store';
import { SESSION_COOKIE } from './cookies';
import { readForm } from './form';
import type { OwnerEnv } from './layout';
import { changeOwnerPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, newPasswordProblem } from './owner-account';
import type { BeginAttempt } from './password-attempts';

export type PasswordField = 'current' | 'password' | 'repeat';
/** The problem beside each field, in the page's language. */
export type PasswordErrors = Partial<Record<PasswordField, string>>;

/** Renders the whole settings page with this form's state (the page owns the rest of it). */
export type RenderSettings = (c: Context<OwnerEnv>, o: { errors: PasswordErrors; message: { kind: 'error'; text: string }; status: 401 | 409 | 422 | 429 }) => Promise<Response>;

const FIELDS: Array<[PasswordField, string, 'current-password' | 'new-password']> = [
  ['current', 'pw-current', 'current-password'],
  ['password', 'pw-new', 'new-password'],
  ['repeat', 'pw-repeat', 'new-password'],
];

/**
 * The message at the top when fields are wrong, each problem a link to its field: on a laptop's
 * screen the form lies below the fold.
 */
export function PasswordErrorSummary({ text, errors }: { text: string; errors: PasswordErrors }) {
  return (
    <div class="message error" role="alert">
      <p>{text}</p>
      <ul>
        {FIELDS.filter(([name]) => errors[name]).map(([name, id]) => (
          <li>
            <a href={`#${id}`}>{errors[name]}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The form; the passwords typed are never sent back into the page. The first wrong field gets the focus. */
export function PasswordForm({ c, errors }: { c: Context<OwnerEnv>; errors: PasswordErrors }) {
  const t = c.get('t').password;
  const firstWrong = FIELDS.find(([name]) => errors[name])?.[0];
  return (
    <section aria-labelledby="pw-title">
      <h2 id="pw-title">{t.title}</h2>
      <p>{t.intro}</p>
      <form method="post" action="/owner/settings/password">
        {FIELDS.map(([name, id, autocomplete]) => (
          <>
            <label for={id}>{t[name]}</label>
            <input
              id={id}
              name={name}
              type="password"
              required
              minlength={name === 'current' ? undefined : MIN_PASSWORD_LENGTH}
              maxlength={MAX_PASSWORD_LENGTH}
              autocomplete={autocomplete}
              aria-invalid={errors[name] ? 'true' : undefined}
              aria-describedby={errors[name] ? `${id}-error` : undefined}
              autofocus={name === firstWrong}
            />
            {errors[name] && (
              <small id={`${id}-error`} class="field-error">
                {errors[name]}
              </small>
            )}
          </>
        ))}
        <button type="submit">{t.submit}</button>
      </form>
      <p>{t.forgotten}</p>
    </section>
  );
}

export function createPasswordChange({ store, now, attempts, render }: { store: Store; now: () => Date; attempts: BeginAttempt; render: RenderSettings }): Hono<OwnerEnv> {
  // Reloading a refused form's address (or opening it) leads to the form, not to a 404.
  return new Hono<OwnerEnv>().get('/', (c) => c.redirect('/owner/settings', 303)).post('/', async (c) => {
    const t = c.get('t').password;
    const refuse = (errors: PasswordErrors, status: 401 | 409 | 422) => render(c, { errors, message: { kind: 'error', text: t.notChanged }, status });
    // The limit comes first, so that a blocked address learns nothing about any field.
    const begun = attempts(c, (text) => render(c, { errors: {}, message: { kind: 'error', text }, status: 429 }));
    if ('refused' in begun) return begun.refused;
    const { attempt } = begun;
    try {
      const field = await readForm(c);
      const password = field('password');
      const problem = newPasswordProblem({ password, repeat: field('repeat') });
      if (problem) return refuse(problem === 'mismatch' ? { repeat: t.mismatch } : { password: t[problem] }, 422);

      const outcome = await changeOwnerPassword({ store, current: field('current'), password, sessionToken: getCookie(c, SESSION_COOKIE) ?? '', now: now() });
      if (outcome.ok) return c.redirect('/owner/settings?password', 303);
      if (outcome.reason === 'current') {
        attempt.fail();
        return refuse({ current: t.wrongCurrent }, 401);
      }
      if (outcome.reason === 'same') return refuse({ password: t.same }, 422);
      return render(c, { errors: {}, message: { kind: 'error', text: t.changedElsewhere }, status: 409 });
    } finally {
      attempt.release();
    }
  });
}
