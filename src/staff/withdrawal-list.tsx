/**
 * The tablet's own latest withdrawals and objections, newest first, each with whether the server
 * has it. Once minimised after its sync, an event shows no contact details any more. A mobile
 * number reads as everywhere else ("+49 171 2345678"), with shared/phone.ts loaded on demand.
 */
import { useEffect, useState } from 'preact/hooks';
import type { SyncError } from '../../shared/sync-plan';
import type { CounterEventRow } from '../data/consent-events';
import { formatDateTime, useI18n, type I18n } from '../i18n';
import { topicKey } from './withdrawal-draft';

export function WithdrawalList(props: { rows: CounterEventRow[] | null }) {
  const { t, tm, language } = useI18n();
  const readable = useReadableMobile();
  if (props.rows === null) return <p aria-busy="true">{t('common.loading')}</p>;
  if (props.rows.length === 0) return <p class="empty">{t('staff.withdrawal.none')}</p>;
  return (
    <ul class="row-list withdrawal-list">
      {props.rows.map((row) => {
        const who = row.event ? whoOf(row.event.customer, readable) : t('staff.withdrawal.minimised');
        const state =
          row.state === 'rejected'
            ? rejectionText(row.lastError, { t, tm })
            : t(row.state === 'synced' ? 'sync.record.synced' : 'sync.record.waiting');
        return (
          <li key={row.id} class="withdrawal-row" data-state={row.state}>
            <p class="row-title">
              <strong>{t(`staff.withdrawal.action.${row.action}`)}</strong> · {row.channels.map((c) => t(topicKey(c))).join(', ')}
            </p>
            <p class="row-detail">
              <time dateTime={row.at}>{formatDateTime(language, row.at)}</time> · {who}
            </p>
            {row.event?.note && <p class="row-detail">{t('staff.withdrawal.noteShown', { note: row.event.note })}</p>}
            <p class={`withdrawal-state withdrawal-state--${row.state}`}>{state}</p>
          </li>
        );
      })}
    </ul>
  );
}

function whoOf(c: { name: string; street: string; postalCode: string; city: string; email: string; mobile: string }, readable: (e164: string) => string): string {
  const address = [c.street, [c.postalCode, c.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  return [c.name, c.email, c.mobile && readable(c.mobile), c.email || c.mobile ? '' : address].filter(Boolean).join(' · ');
}

/** shared/phone.ts's formatMobile once loaded (libphonenumber stays out of the start chunk); E.164 as stored until then. */
function useReadableMobile(): (e164: string) => string {
  const [format, setFormat] = useState<{ mobile: (e164: string) => string } | null>(null);
  useEffect(() => {
    let live = true;
    void import('../../shared/phone').then(({ formatMobile }) => live && setFormat({ mobile: formatMobile }));
    return () => void (live = false);
  }, []);
  return format?.mobile ?? ((e164) => e164);
}

function rejectionText(error: SyncError | undefined, { t, tm }: Pick<I18n, 't' | 'tm'>): string {
  const reasons = [...new Set((error?.issues ?? []).map((issue) => tm(issue.message)))];
  return t('staff.withdrawal.state.rejected', { reason: reasons.join(' ') || tm('error.invalid') });
}
