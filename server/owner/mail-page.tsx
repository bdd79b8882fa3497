/** @jsxImportSource hono/jsx */
/**
 * /owner/mail: the thank-you e-mails, newest first: sent, waiting for their next attempt, or
 * failed for good with the last error. A failed one can be tried again (a plain POST form; the
 * owner area's same-origin check guards it), which puts it back in the queue and wakes the mailer.
 */
import { Hono } from 'hono';
import type { Mailer } from '../mail/mailer';
import type { MailRow, MailStatus, Store } from '../store/store';
import { renderPage, type OwnerEnv } from './layout';
import { formatTime, type OwnerLanguage } from './strings';

const de = {
  title: 'E-Mails',
  intro: 'Nach jeder Synchronisierung bekommt jede Kundin und jeder Kunde mit E-Mail-Adresse eine Dankes-E-Mail mit Abholtermin, Beleg und den Links zum Widerruf. Fehlgeschlagene Versuche werden automatisch wiederholt (nach 1 Min., 5 Min., 30 Min., 2 Std. und 12 Std.); danach können Sie sie hier erneut versuchen.',
  counts: (c: Record<MailStatus, number>) => `${c.sent} gesendet · ${c.queued} in der Warteschlange · ${c.failed} fehlgeschlagen`,
  none: 'Noch keine E-Mails.',
  recipient: 'Empfänger',
  record: 'Datensatz',
  status: 'Status',
  attempts: 'Versuche',
  lastError: 'Letzter Fehler',
  next: 'Nächster Versuch',
  status_: { queued: 'in der Warteschlange', sent: 'gesendet', failed: 'fehlgeschlagen' } satisfies Record<MailStatus, string>,
  sentAt: (when: string) => `gesendet am ${when}`,
  retry: 'Erneut versuchen',
  retried: 'Die E-Mail ist wieder in der Warteschlange und wird gleich gesendet.',
  notRetried: 'Diese E-Mail ist nicht fehlgeschlagen (oder gibt es nicht mehr); nichts geändert.',
  failedWarning: (n: number) => (n === 1 ? '1 E-Mail ist fehlgeschlagen.' : `${n} E-Mails sind fehlgeschlagen.`),
  filterAll: 'Alle',
  filterFailed: 'Nur fehlgeschlagene',
  homeFailed: 'Fehlgeschlagene E-Mails',
};
type MailPageStrings = typeof de;
const en: MailPageStrings = {
  title: 'E-mails',
  intro: 'After each sync, every customer with an e-mail address gets a thank-you e-mail with the pickup date, the receipt and the links to withdraw consent. Failed attempts are repeated by themselves (after 1 min, 5 min, 30 min, 2 h and 12 h); after that you can try again here.',
  counts: (c) => `${c.sent} sent · ${c.queued} queued · ${c.failed} failed`,
  none: 'No e-mails yet.',
  recipient: 'Recipient',
  record: 'Record',
  status: 'Status',
  attempts: 'Attempts',
  lastError: 'Last error',
  next: 'Next attempt',
  status_: { queued: 'queued', sent: 'sent', failed: 'failed' },
  sentAt: (when) => `sent on ${when}`,
  retry: 'Try again',
  retried: 'The e-mail is back in the queue and goes out in a moment.',
  notRetried: 'This e-mail has not failed (or is gone); nothing changed.',
  failedWarning: (n) => (n === 1 ? '1 e-mail has failed.' : `${n} e-mails have failed.`),
  filterAll: 'All',
  filterFailed: 'Failed only',
  homeFailed: 'Failed e-mails',
};
export const MAIL_PAGE_STRINGS: Record<OwnerLanguage, MailPageStrings> = { de, en };

export function createMailPage({ store, now, mailer }: { store: Store; now: () => Date; mailer: Mailer | null }): Hono<OwnerEnv> {
  return new Hono<OwnerEnv>()
    .get('/', async (c) => {
      const t = c.get('t');
      const m = MAIL_PAGE_STRINGS[c.get('lang')];
      const onlyFailed = c.req.query('status') === 'failed';
      const [rows, counts] = await Promise.all([store.mail.list({ status: onlyFailed ? 'failed' : undefined, limit: 300 }), store.mail.counts()]);
      const done = c.req.query('retried');
      const message = done === 'ok' ? { kind: 'ok' as const, text: m.retried } : done === 'no' ? { kind: 'error' as const, text: m.notRetried } : counts.failed > 0 ? { kind: 'error' as const, text: m.failedWarning(counts.failed) } : null;
      return renderPage(c, {
        title: m.title,
        section: 'mail',
        message,
        body: (
          <>
            <p>{m.intro}</p>
            <p id="mail-counts">{m.counts(counts)}</p>
            <p>
              {onlyFailed ? <a href="/owner/mail">{m.filterAll}</a> : <a href="/owner/mail?status=failed">{m.filterFailed}</a>}
            </p>
            {rows.length === 0 ? (
              <p>{m.none}</p>
            ) : (
              <div class="scroll">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{m.recipient}</th>
                      <th scope="col">{m.record}</th>
                      <th scope="col">{m.status}</th>
                      <th scope="col">{m.attempts}</th>
                      <th scope="col">{m.lastError}</th>
                      <th scope="col">{m.next}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((row) => (
                      <MailTableRow row={row} m={m} time={(iso) => formatTime(iso, t)} />
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        ),
      });
    })
    .post('/:id/retry', async (c) => {
      const id = Number(c.req.param('id'));
      const ok = Number.isSafeInteger(id) && id > 0 && (await store.mail.retry({ id, now: now().toISOString() }));
      if (ok) void mailer?.kick();
      return c.redirect(`/owner/mail?retried=${ok ? 'ok' : 'no'}`, 303);
    });
}

function MailTableRow({ row, m, time }: { row: MailRow; m: MailPageStrings; time: (iso: string | null) => string }) {
  const failed = row.status === 'failed';
  return (
    <tr data-mail-id={row.id} data-status={row.status} style={failed ? 'background: #b3261e1a' : undefined}>
      <td>{row.recipient}</td>
      <td class="mono">{row.recordId}</td>
      <td>
        {failed ? <strong style="color: var(--warn)">{m.status_.failed}</strong> : row.status === 'sent' ? m.sentAt(time(row.sentAt)) : m.status_.queued}
        {failed && (
          <form method="post" action={`/owner/mail/${row.id}/retry`}>
            <button type="submit">{m.retry}</button>
          </form>
        )}
      </td>
      <td>{row.attempts}</td>
      <td>{row.lastError ?? '—'}</td>
      <td>{row.status === 'queued' ? time(row.nextAttemptAt ?? row.createdAt) : '—'}</td>
    </tr>
  );
}
