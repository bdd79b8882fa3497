/**
 * Today's signed records with their choices and whether the server has them (or reported a
 * conflict to the owner), and the PDF receipt of each on demand. A record minimised after its sync
 * has no receipt on the tablet any more.
 * Only the newest page is read and shown, by index, however many there are; staff page back.
 */
import { useEffect, useState } from 'preact/hooks';
import { CHANNELS } from '../../shared/channels';
import type { ShopConfig } from '../../shared/shop';
import { minimiseAfterDays } from '../../shared/sync-plan';
import type { SignedRecord } from '../../shared/record';
import { countRecordsSince, listRecordsSince, type ListedRecord } from '../data/records';
import { useI18n } from '../i18n';
import { onSyncMessage } from '../sync/sync-events';
import { minimisedWords, recordSyncKey } from '../sync/sync-words';
import { downloadReceipt } from './receipt-download';

/** Records per page: a busy day must not load and render every record (`npm run bench`, figure 6). */
const PAGE = 50;

function startOfToday(now = new Date()): Date {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate());
}

export function RecordList(props: { shop: ShopConfig }) {
  const { t, language } = useI18n();
  const [rows, setRows] = useState<ListedRecord[] | null>(null);
  const [total, setTotal] = useState(0);
  const [shown, setShown] = useState(PAGE);
  const [busyId, setBusyId] = useState('');
  const [failure, setFailure] = useState('');

  useEffect(() => {
    const load = () => {
      const since = startOfToday();
      void Promise.all([listRecordsSince(since, shown), countRecordsSince(since)]).then(([page, count]) => {
        setRows(page);
        setTotal(count);
      });
    };
    load();
    return onSyncMessage((message) => message.type === 'finished' && load());
  }, [shown]);

  async function receipt(row: ListedRecord, record: SignedRecord) {
    setBusyId(row.id);
    setFailure('');
    try {
      await downloadReceipt({ record, shop: props.shop });
    } catch {
      setFailure(t('staff.today.receiptFailed'));
    } finally {
      setBusyId('');
    }
  }

  if (rows === null) return <p aria-busy="true">{t('common.loading')}</p>;
  const time = new Intl.DateTimeFormat(language === 'de' ? 'de-DE' : 'en-GB', { hour: '2-digit', minute: '2-digit' });
  return (
    <>
      {failure && <p class="banner banner--error" role="alert">{failure}</p>}
      {rows.length === 0 ? (
        <p class="empty">{t('staff.today.none')}</p>
      ) : (
        <ul class="row-list">
          {rows.map((row) => {
            const { record } = row;
            const titleId = `record-${row.id}-title`;
            const synced = t(recordSyncKey(row));
            if (!record) {
              return (
                <li key={row.id} class="card row">
                  <div class="row-main">
                    <h3 id={titleId} class="row-title">
                      <time dateTime={row.signedAt}>{time.format(new Date(row.signedAt))}</time> · {row.orderNumber}
                    </h3>
                    <p class="row-detail">{t(...minimisedWords(row, minimiseAfterDays(props.shop)))}</p>
                  </div>
                </li>
              );
            }
            return (
              <li key={row.id} class="card row">
                <div class="row-main">
                  <h3 id={titleId} class="row-title">
                    <time dateTime={record.signedAt}>{time.format(new Date(record.signedAt))}</time> · {record.order.number} · {record.customer.name}
                  </h3>
                  <ul class="choice-list">
                    {CHANNELS.map((channel) => (
                      <li key={channel} class={record.choices[channel].granted ? 'choice choice--yes' : 'choice'}>
                        {t(`pdf.channel.${channel}`)}: {record.choices[channel].granted ? t('common.yes') : t('common.no')}
                      </li>
                    ))}
                    {record.health && (
                      <li class={record.health.granted ? 'choice choice--yes' : 'choice'}>
                        {t('staff.today.health')}: {record.health.granted ? t('common.yes') : t('common.no')}
                      </li>
                    )}
                  </ul>
                  <p class="row-detail">{synced}</p>
                </div>
                <button type="button" aria-describedby={titleId} disabled={busyId !== ''} aria-busy={busyId === row.id} onClick={() => void receipt(row, record)}>
                  {t('staff.today.receipt')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {rows.length < total && (
        <button type="button" onClick={() => setShown((n) => n + PAGE)}>
          {t('staff.today.more', { count: total - rows.length })}
        </button>
      )}
    </>
  );
}
