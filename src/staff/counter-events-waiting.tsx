/**
 * Close of day's note on refused withdrawals and objections: how many the server refused (their
 * reasons are on the "Widerruf" tab), and a way to send them again. How many wait in all is said
 * in close of day's first line, with the records.
 */
import { useState } from 'preact/hooks';
import { retryRejectedCounterEvents, type CounterEventStatus } from '../data/consent-events';
import { useI18n } from '../i18n';
import { requestSync } from '../sync/request-sync';

export function CounterEventsRefused(props: { status: CounterEventStatus }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  if (props.status.rejected === 0) return null;

  async function retry() {
    setBusy(true);
    try {
      await retryRejectedCounterEvents();
      await requestSync({ reason: 'manual' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="counter-events-waiting">
      <p class="status-warn">{t('sync.counter.rejected', { count: props.status.rejected })}</p>
      <button type="button" disabled={busy} aria-busy={busy} onClick={() => void retry()}>
        {t('sync.counter.retry')}
      </button>
    </div>
  );
}
