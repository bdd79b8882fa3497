/** Today's signed records with their choices, and the PDF receipt of each on demand. */
import { useEffect, useState } from 'preact/hooks';
import { CHANNELS } from '../../shared/channels';
import type { ShopConfig } from '../../shared/shop';
import { listRecordsSince } from '../data/records';
import { useI18n } from '../i18n';
import { downloadReceipt } from './receipt-download';

type RecordRow = Awaited<ReturnType<typeof listRecordsSince>>[number];

function startOfToday(now = new Date()): Date {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate());
}

export function RecordList(props: { shop: ShopConfig }) {
  const { t, language } = useI18n();
  const [rows, setRows] = useState<RecordRow[] | null>(null);
  const [busyId, setBusyId] = useState('');
  const [failure, setFailure] = useState('');

  useEffect(() => {
    void listRecordsSince(startOfToday()).then(setRows);
  }, []);

  async function receipt(row: RecordRow) {
    setBusyId(row.id);
    setFailure('');
    try {
      await downloadReceipt({ record: row.record, shop: props.shop });
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
                </div>
                <button type="button" aria-describedby={titleId} disabled={busyId !== ''} aria-busy={busyId === row.id} onClick={() => void receipt(row)}>
                  {t('staff.today.receipt')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
