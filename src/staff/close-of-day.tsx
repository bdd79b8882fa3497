/**
 * "Tagesabschluss": what still waits for the server (records, and withdrawals and objections from
 * the counter) and since when, the last successful sync, "Jetzt synchronisieren" with a real
 * progress bar, the result in counts, and every error in plain words. The figures are live, read
 * from IndexedDB: a sync from a timer or the service worker updates them too.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Language } from '../../shared/channels';
import type { ShopConfig } from '../../shared/shop';
import { isSyncOverdue, syncWarnDays, type SyncState } from '../../shared/sync-plan';
import { watchCounterEventStatus, type CounterEventStatus } from '../data/consent-events';
import { persistenceState, type PersistenceState } from '../data/storage';
import { watchSyncOverview, type SyncOverview } from '../data/sync-watch';
import { formatDateTime, useI18n } from '../i18n';
import { requestSync } from '../sync/request-sync';
import { onSyncMessage } from '../sync/sync-events';
import { conflictWords, oldestOf, reconnectKey, resultWords, sinceWords, syncErrorKey, waitingWords } from '../sync/sync-words';
import { SyncProblems } from './close-of-day-problems';
import { CounterEventsRefused } from './counter-events-waiting';

interface Progress {
  done: number;
  total: number;
}

export function CloseOfDay(props: { shop: ShopConfig; onShowStatus: () => void }) {
  const { t, language } = useI18n();
  const [overview, setOverview] = useState<SyncOverview | null>(null);
  const [persistence, setPersistence] = useState<PersistenceState | null>(null);
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [failure, setFailure] = useState('');
  const [counter, setCounter] = useState<CounterEventStatus | null>(null);

  useEffect(() => watchSyncOverview(setOverview), []);
  useEffect(() => watchCounterEventStatus(setCounter), []);
  useEffect(() => void persistenceState().then(setPersistence), []);
  // A sync started elsewhere (timer, network back, service worker) shows its progress here too.
  useEffect(
    () =>
      onSyncMessage((message) => {
        if (message.type === 'progress') setProgress({ done: message.done, total: message.total });
        // A bar left standing after the run reads as a run still going (or records still going out).
        if (message.type === 'finished') setProgress(null);
      }),
    [],
  );

  async function syncNow() {
    setRunning(true);
    setFailure('');
    setProgress({ done: 0, total: 0 });
    try {
      const result = await requestSync({ reason: 'manual', onProgress: (done, total) => setProgress({ done, total }) });
      if (result.status === 'not_enrolled') setFailure(t('sync.error.notEnrolled'));
    } catch {
      setFailure(t('sync.error.other'));
    } finally {
      setRunning(false);
      setProgress(null);
    }
  }

  if (!overview || !counter) return <p aria-busy="true">{t('common.loading')}</p>;
  const { outbox, state, device } = overview;
  const now = new Date();
  const warnDays = syncWarnDays(props.shop);
  const oldest = oldestOf(outbox.oldestQueuedAt, counter.oldestAt);
  const since = oldest ? sinceWords(now.getTime() - new Date(oldest).getTime()) : null;
  const waiting = waitingWords({ records: outbox.waiting, counterEvents: counter.pending + counter.rejected });
  // Conflicts are not waiting (nor in the overdue warning): the owner has them, the tablet keeps them.
  const conflicts = conflictWords(outbox.conflict);
  // The last recorded run, whichever trigger started it, in words from what it did (IndexedDB's sync state).
  const words = resultWords(state.lastResult, { failed: state.lastError !== null, stillWaiting: outbox.waiting + counter.pending + counter.rejected });
  const nothingSent = words.length === 1 && words[0]![0] === 'sync.nothingToSend';
  // A revoked or refused tablet hears why nothing syncs by itself any more, whatever the last run said.
  const reconnect = reconnectKey(device, state);
  const error = reconnect ? t(reconnect) : state.lastError && state.lastError.code !== 'aborted' ? t(syncErrorKey(state.lastError.code)) : '';

  return (
    <div class="status">
      <h2>{t('sync.title')}</h2>
      <section class="card" aria-labelledby="sync-outbox">
        <h3 id="sync-outbox">{t('staff.status.outbox')}</h3>
        {waiting.map(([key, params]) => (
          <p key={key}>{t(key, params)}</p>
        ))}
        {since && <p>{t('sync.oldest', { since: t(...since) })}</p>}
        {conflicts && <p class="sync-conflicts">{t(...conflicts)}</p>}
        <CounterEventsRefused status={counter} />
        <p>{state.lastSuccessAt ? t('sync.lastSuccess', { time: formatCheckTime(language, state.lastSuccessAt) }) : t('sync.never')}</p>

        {!device && (
          <div class="banner">
            <p>{t('sync.error.notEnrolled')}</p>
            <button type="button" onClick={props.onShowStatus}>{t('sync.toStatus')}</button>
          </div>
        )}
        <div class="actions actions--start">
          <button type="button" class="primary" disabled={running || !device} aria-busy={running} onClick={() => void syncNow()}>
            {running ? t('sync.running') : t('sync.now')}
          </button>
        </div>
        {/* "0 of 0" says nothing: a run with nothing to send shows no bar. */}
        {progress && progress.total > 0 && (
          <div class="sync-progress-box">
            <label for="sync-progress">{t('sync.progress', { done: progress.done, total: progress.total })}</label>
            <progress id="sync-progress" class="sync-progress" value={progress.done} max={Math.max(progress.total, 1)} />
          </div>
        )}
        <div role="status">{!running && (nothingSent ? <NothingSent state={state} /> : <SyncSummary state={state} words={words} />)}</div>
        {(failure || error) && !running && (
          <div class="banner banner--error" role="alert">
            <p>{failure || error}</p>
            {device && (reconnect || ['device_revoked', 'invalid_token', 'unauthenticated'].includes(state.lastError?.code ?? '')) && (
              <button type="button" onClick={props.onShowStatus}>{t('sync.toStatus')}</button>
            )}
          </div>
        )}
      </section>

      {isSyncOverdue(oldest, now, warnDays) && (
        <p class="banner" role="alert">{t('sync.overdue', { days: warnDays })}</p>
      )}

      <SyncProblems key={`${outbox.conflict}-${outbox.rejected}-${state.lastAttemptAt}`} count={outbox.conflict + outbox.rejected} />

      <section class="card" aria-labelledby="sync-storage">
        <h3 id="sync-storage">{t('staff.status.storage')}</h3>
        {persistence && <p class={persistence === 'granted' ? 'status-ok' : 'status-warn'}>{t(persistence === 'granted' ? 'sync.storageOk' : 'sync.storageMissing')}</p>}
        <button type="button" onClick={props.onShowStatus}>{t('sync.toStatus')}</button>
      </section>
    </div>
  );
}

/** With seconds: a check a minute after the last one must show that it happened. */
function formatCheckTime(language: Language, iso: string): string {
  return new Intl.DateTimeFormat(language === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(iso));
}

/** Nothing was waiting: no table of zeros, but what the run brought from the server still counts. */
function NothingSent({ state }: { state: SyncState }) {
  const { t } = useI18n();
  const r = state.lastResult;
  return (
    <>
      <p>{t('sync.nothingToSend')}</p>
      {r && r.ordersAdded > 0 && (
        <p>
          {t('sync.result.orders')}: {r.ordersAdded}
        </p>
      )}
      {r?.shopUpdated && <p>{t('sync.result.shop')}</p>}
    </>
  );
}

/**
 * The last run: what the server acknowledged, never what was only tried, and what still waits on
 * this tablet (counted now, in IndexedDB); then the server's answers that are not zero.
 */
function SyncSummary({ state, words }: { state: SyncState; words: ReturnType<typeof resultWords> }) {
  const { t, language } = useI18n();
  const r = state.lastResult;
  if (!r) return null;
  const all: Array<[string, number]> = [
    [t('sync.result.stored'), r.stored],
    [t('sync.result.duplicate'), r.duplicate],
    [t('sync.result.conflict'), r.conflict],
    [t('sync.result.rejected'), r.rejected],
    [t('sync.result.orders'), r.ordersAdded],
  ];
  const rows = all.filter(([, value]) => value > 0);
  return (
    <>
      <h4>{t('sync.result', { time: formatDateTime(language, r.at) })}</h4>
      {words.length > 0 && <p class="sync-result-line">{words.map(([key, params]) => t(key, params)).join(' · ')}</p>}
      {rows.length > 0 && (
        <dl class="sync-result">
          {rows.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      )}
      {r.shopUpdated && <p>{t('sync.result.shop')}</p>}
    </>
  );
}
