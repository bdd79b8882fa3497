/**
 * What staff must be able to see at a glance: whether the browser may evict our data, how much
 * waits for the server (records, withdrawals and objections) and since when, the shop server this
 * tablet is enrolled with, and which device and version this is.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ShopConfig } from '../../shared/shop';
import { syncWarnDays } from '../../shared/sync-plan';
import { counterEventStatus, type CounterEventStatus } from '../data/consent-events';
import { getDeviceId } from '../data/device';
import { persistenceState, requestPersistentStorage, storageEstimate, type PersistenceState } from '../data/storage';
import { outboxStatus, type OutboxStatus } from '../data/sync-queue';
import { ServerConnection } from '../enrol/server-connection';
import { useI18n } from '../i18n';
import { conflictWords, oldestOf, sinceWords, waitingWords } from '../sync/sync-words';
import { APP_VERSION } from '../version';

interface Status {
  persistence: PersistenceState;
  outbox: OutboxStatus;
  counter: CounterEventStatus;
  deviceId: string;
  storage: { usage: number; quota: number } | null;
}

async function loadStatus(): Promise<Status> {
  const [persistence, outbox, counter, deviceId, storage] = await Promise.all([persistenceState(), outboxStatus(), counterEventStatus(), getDeviceId(), storageEstimate()]);
  return { persistence, outbox, counter, deviceId, storage };
}

export function StatusPanel(props: { shop: ShopConfig; enrolCode?: string; onShopChange: (shop: ShopConfig) => void }) {
  const { t, language } = useI18n();
  // Safari may delete a site's storage after 7 days unused; the shop sets how early to warn.
  const warnDays = syncWarnDays(props.shop);
  const [status, setStatus] = useState<Status | null>(null);
  const [asking, setAsking] = useState(false);

  const refresh = () => void loadStatus().then(setStatus);
  useEffect(refresh, []);

  async function askAgain() {
    setAsking(true);
    await requestPersistentStorage();
    setAsking(false);
    refresh();
  }

  if (!status) return <p aria-busy="true">{t('common.loading')}</p>;
  const locale = language === 'de' ? 'de-DE' : 'en-GB';
  const bytes = (n: number) => new Intl.NumberFormat(locale, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format(n / 1_000_000);
  const { outbox, counter } = status;
  const waiting = waitingWords({ records: outbox.waiting, counterEvents: counter.pending + counter.rejected });
  const oldest = oldestOf(outbox.oldestQueuedAt, counter.oldestAt);
  const conflicts = conflictWords(outbox.conflict);
  const ageMs = oldest ? Date.now() - new Date(oldest).getTime() : 0;

  return (
    <div class="status">
      <section class="card" aria-labelledby="status-storage">
        <h3 id="status-storage">{t('staff.status.storage')}</h3>
        <p class={status.persistence === 'granted' ? 'status-ok' : 'status-warn'}>{t(`staff.status.${status.persistence}`)}</p>
        {status.persistence === 'denied' && (
          <button type="button" disabled={asking} onClick={() => void askAgain()}>
            {t('staff.status.askAgain')}
          </button>
        )}
      </section>

      <section class="card" aria-labelledby="status-outbox">
        <h3 id="status-outbox">{t('staff.status.outbox')}</h3>
        {waiting.map(([key, params]) => (
          <p key={key}>{t(key, params)}</p>
        ))}
        {conflicts && <p>{t(...conflicts)}</p>}
        {/* The same words as close of day ("Der älteste wartet seit …"). */}
        {oldest && <p>{t('sync.oldest', { since: t(...sinceWords(ageMs)) })}</p>}
        {ageMs > warnDays * 86_400_000 && <p class="banner" role="alert">{t('staff.status.oldWarning', { days: warnDays })}</p>}
      </section>

      <ServerConnection enrolCode={props.enrolCode} onShopChange={props.onShopChange} />

      <section class="card" aria-labelledby="status-device">
        <h3 id="status-device">{t('staff.status.device')}</h3>
        <dl class="status-facts">
          <dt>{t('staff.status.deviceId')}</dt>
          <dd><code>{status.deviceId}</code></dd>
          <dt>{t('staff.status.version')}</dt>
          <dd><code>{APP_VERSION}</code></dd>
          <dt>{t('staff.status.usage')}</dt>
          <dd>{status.storage ? t('staff.status.usageValue', { used: bytes(status.storage.usage), quota: bytes(status.storage.quota) }) : t('staff.status.unknown')}</dd>
        </dl>
        <button type="button" onClick={refresh}>{t('staff.status.refresh')}</button>
      </section>
    </div>
  );
}
