/** @jsxImportSource hono/jsx */
/** GET /owner: the counts that matter at a glance, and a warning when there are conflicts. */
import { Hono } from 'hono';
import type { Store } from '../store/store';
import { renderPage, type OwnerEnv } from './layout';
import { MAIL_PAGE_STRINGS } from './mail-page';
import { OptInChart } from './optin-chart';

export function createHomePage({ store }: { store: Store }): Hono<OwnerEnv> {
  return new Hono<OwnerEnv>().get('/', async (c) => {
    const t = c.get('t');
    const [devices, records, conflicts, openOrders, mails] = await Promise.all([
      store.devices.list(),
      store.records.count(),
      store.records.countConflicts(),
      store.orders.listOpen(),
      store.mail.counts(),
    ]);
    const rates = await store.consents.rates();
    const stats: Array<[string, number, string | null]> = [
      [t.home.devices, devices.filter((d) => !d.revokedAt).length, '/owner/devices'],
      [t.home.records, records, '/owner/records'],
      [t.home.conflicts, conflicts, '/owner/conflicts'],
      [t.home.openOrders, openOrders.length, null],
      [MAIL_PAGE_STRINGS[c.get('lang')].homeFailed, mails.failed, '/owner/mail?status=failed'],
    ];
    return renderPage(c, {
      title: t.home.title,
      section: 'home',
      message: conflicts > 0 ? { kind: 'error', text: t.home.conflictsWarning } : null,
      body: (
        <>
        <ul class="stats">
          {stats.map(([label, n, href]) => (
            <li>
              {href ? (
                <a href={href}>
                  <strong>{n}</strong>
                  {label}
                </a>
              ) : (
                <>
                  <strong>{n}</strong>
                  {label}
                </>
              )}
            </li>
          ))}
        </ul>
        <OptInChart rates={rates} t={t} />
        </>
      ),
    });
  });
}
