/**
 * Close of day's line on withdrawals and objections: how many still wait for the server, how many
 * it refused (their reasons are on the "Widerruf" tab), and a way to send the refused ones again.
 */
import { useEffect, useState } from 'preact/hooks';
import { retryRejectedCounterEvents, watchCounterEventStatus, type CounterEventStatus } from '../data/consent-events';
import { useI18n } from '../i18n';
import { requestSync } from '../sync/request-sync';

export function CounterEventsWaiting() {
  const { t } = useI18n();
  const [status, setStatus] = useState<CounterEventStatus | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => watchCounterEventStatus(setStatus), []);
  if (!status) return null;

  async function retry() {
    setBusy(true);
    try {
      await retryRejectedCounterEvents();
      await requestSync({ reason: 'manual' });
    } finally {
      setBusy(false);
    }
  }

  const waiting = status.pending + status.rejected;
  return (
    <div class="counter-events-waiting">
      <p>{waiting === 0 ? t('sync.counter.none') : t(waiting === 1 ? 'sync.counter.waitingOne' : 'sync.counter.waitingMany', { count: waiting })}</p>
      {status.rejected > 0 && (
        <>
          <p class="status-warn">{t('sync.counter.rejected', { count: status.rejected })}</p>
          <button type="button" disabled={busy} aria-busy={busy} onClick={() => void retry()}>
            {t('sync.counter.retry')}
          </button>
        </>
      )}
    </div>
  );
}
