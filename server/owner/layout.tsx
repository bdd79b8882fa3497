/** @jsxImportSource hono/jsx */
/**
 * The frame of every owner page: plain HTML that works on a phone, without scripts (the CSP allows
 * none inline, and none are needed), with the section links, the language switch and log-out.
 */
import type { Context } from 'hono';
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { OwnerLanguage, OwnerText } from './strings';

export type OwnerEnv = { Variables: { lang: OwnerLanguage; t: OwnerText; loggedIn: boolean } };

export type Section = 'home' | 'devices' | 'records' | 'conflicts' | 'notices' | 'apiKeys' | 'mail' | 'customers' | 'privacy' | 'settings';

const SECTIONS: Array<[Section, string]> = [
  ['home', '/owner'],
  ['devices', '/owner/devices'],
  ['records', '/owner/records'],
  ['conflicts', '/owner/conflicts'],
  ['notices', '/owner/notices'],
  ['apiKeys', '/owner/api-keys'],
  ['mail', '/owner/mail'],
  ['customers', '/owner/customers'],
  ['privacy', '/owner/privacy'],
  ['settings', '/owner/settings'],
];

const CSS = `
:root { color-scheme: light dark; --accent: #0b5cad; --line: #8884; --warn: #b3261e; --ok: #1b6e2d; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
header { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; padding: .75rem 1rem; border-bottom: 1px solid var(--line); }
header .brand { font-weight: 700; text-decoration: none; color: inherit; }
nav ul { display: flex; flex-wrap: wrap; gap: .25rem .75rem; list-style: none; margin: 0; padding: 0; }
nav a[aria-current="page"] { font-weight: 700; }
header .end { margin-left: auto; display: flex; gap: .75rem; align-items: center; }
main { max-width: 75rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: clamp(1.5rem, 6vw, 2rem); hyphens: auto; }
h2 { font-size: clamp(1.2rem, 4.5vw, 1.5rem); }
a { color: var(--accent); }
label { display: block; margin: .75rem 0 .25rem; font-weight: 600; }
input, textarea { width: 100%; max-width: 40rem; padding: .6rem; font: inherit; border: 1px solid #888; border-radius: .4rem; }
textarea { min-height: 10rem; max-width: none; }
button { font: inherit; padding: .6rem 1rem; min-height: 44px; border-radius: .4rem; border: 1px solid var(--accent); background: var(--accent); color: #fff; cursor: pointer; margin-top: .75rem; }
input + button, textarea + button { display: block; }
button.link { background: none; color: var(--accent); border: none; padding: 0; min-height: 0; margin: 0; text-decoration: underline; }
button.danger { background: var(--warn); border-color: var(--warn); }
.message { padding: .75rem 1rem; border-radius: .4rem; border: 1px solid var(--line); margin: 1rem 0; }
.message.error { border-color: var(--warn); color: var(--warn); }
.message.ok { border-color: var(--ok); color: var(--ok); }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1.5rem; }
th, td { text-align: left; padding: .4rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
.scroll { overflow-x: auto; max-width: 100%; margin: .5rem 0 1.5rem; }
.scroll > table { margin: 0; }
td.time { white-space: nowrap; }
/* The customer list's contact column: a phone number or an e-mail address never breaks inside ("+49 / 171 2345678"). */
#customers td:nth-child(2) { white-space: nowrap; }
td.wrap { min-width: 12rem; }
.option-help { display: block; margin-left: 1.75rem; font-size: .9rem; opacity: .8; }
.field-error { display: block; margin-top: .25rem; color: var(--warn); font-weight: 600; }
.zone { margin-top: 2rem; font-size: .9rem; opacity: .8; }
code, .mono { font-family: ui-monospace, "SF Mono", Menlo, Consolas, monospace; word-break: break-all; }
.code { font-size: 2rem; letter-spacing: .1em; font-weight: 700; }
.qr { width: min(18rem, 100%); background: #fff; padding: .5rem; }
.qr svg { display: block; width: 100%; height: auto; }
.stats { display: grid; grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr)); gap: 1rem; padding: 0; list-style: none; }
.stats li { border: 1px solid var(--line); border-radius: .4rem; padding: .75rem; }
.stats strong { display: block; font-size: 1.75rem; }
section { margin: 2rem 0; }
.legend { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; list-style: none; padding: 0; }
fieldset { border: 1px solid var(--line); border-radius: .4rem; margin: .75rem 0; }
label:has(> input[type="radio"], > input[type="checkbox"]) { font-weight: 400; }
input[type="radio"], input[type="checkbox"] { width: auto; }
select { font: inherit; padding: .5rem; min-height: 44px; border-radius: .4rem; max-width: 100%; }
`;

export interface PageOptions {
  title: string;
  section?: Section;
  status?: ContentfulStatusCode;
  /** A message at the top: an error, or a confirmation. */
  message?: { kind: 'error' | 'ok'; text: string } | null;
  body: Child;
}

export function renderPage(c: Context<OwnerEnv>, { title, section, status = 200, message, body }: PageOptions): Response {
  const t = c.get('t');
  const loggedIn = c.get('loggedIn');
  // The language switch reloads a page that GET can show; after a POST it goes to the section.
  const here = c.req.method === 'GET' ? c.req.path : (SECTIONS.find(([s]) => s === section)?.[1] ?? '/owner');
  const page = (
    <html lang={c.get('lang')}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <link rel="icon" href="/icons/icon.svg" type="image/svg+xml" />
        <title>{`${title} · ${t.product}`}</title>
        <style>{raw(CSS)}</style>
      </head>
      <body>
        <header>
          <a class="brand" href="/owner">
            {t.product}
          </a>
          {loggedIn && (
            <nav aria-label={t.nav.label}>
              <ul>
                {SECTIONS.map(([s, href]) => (
                  <li>
                    <a href={href} aria-current={s === section ? 'page' : undefined}>
                      {t.nav[s]}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          )}
          <div class="end">
            <a href={`${here}?lang=${t.switchTo.code}`} lang={t.switchTo.code} hreflang={t.switchTo.code}>
              {t.switchTo.label}
            </a>
            {loggedIn && (
              <form method="post" action="/owner/logout">
                <button type="submit" class="link">
                  {t.nav.logout}
                </button>
              </form>
            )}
          </div>
        </header>
        <main>
          <h1>{title}</h1>
          {message && (
            <p class={`message ${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'}>
              {message.text}
            </p>
          )}
          {body}
          {loggedIn && <p class="zone">{t.timesIn(t.timeZone)}</p>}
        </main>
      </body>
    </html>
  );
  return c.html(`<!doctype html>${page}`, status);
}
