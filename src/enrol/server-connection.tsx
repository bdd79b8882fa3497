/**
 * The Status tab's "Shop-Server" card: which server identity this tablet has, a revocation in
 * plain words, and the code form to connect later (set up without a server) or again.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ShopConfig } from '../../shared/shop';
import type { EnrolmentResult } from '../data/enrolment';
import { watchSyncOverview, type SyncOverview } from '../data/sync-watch';
import { formatDateTime, useI18n, type MessageKey } from '../i18n';
import { requestSync } from '../sync/request-sync';
import { EnrolForm } from './enrol-form';
import './enrol.css';

export function ServerConnection(props: { enrolCode?: string; onShopChange: (shop: ShopConfig) => void }) {
  const { t, language } = useI18n();
  const [overview, setOverview] = useState<SyncOverview | null>(null);
  const [message, setMessage] = useState<MessageKey | ''>('');
  useEffect(() => watchSyncOverview(setOverview), []);

  function enrolled(result: EnrolmentResult) {
    if (result.shop) props.onShopChange(result.shop);
    setMessage('enrol.done');
    // What waited while the tablet had no (valid) connection goes now, in the background.
    requestSync({ reason: 'manual' }).catch(() => undefined);
  }

  if (!overview) return null;
  const { device, state } = overview;
  const refused = state.refused !== null;
  const form = <EnrolForm idPrefix="status-enrol" initialCode={props.enrolCode} initialName={device?.name} onEnrolled={enrolled} />;

  return (
    <section class="card" aria-labelledby="status-server">
      <h3 id="status-server">{t('enrol.status.title')}</h3>
      {!device ? (
        <>
          <p>{t('enrol.status.none')}</p>
          {form}
        </>
      ) : (
        <>
          <p>{t('enrol.status.connected', { name: device.name, date: formatDateTime(language, device.enrolledAt) })}</p>
          <dl class="enrol-facts">
            <dt>{t('enrol.status.deviceId')}</dt>
            <dd><code>{device.deviceId}</code></dd>
          </dl>
          {device.revokedAt && <p class="banner banner--error" role="alert">{t('sync.error.revoked')}</p>}
          {!device.revokedAt && refused && <p class="banner banner--error" role="alert">{t('sync.refused')}</p>}
          <details class="enrol-again" open={Boolean(device.revokedAt || refused || props.enrolCode)}>
            <summary>{t('enrol.status.again')}</summary>
            {form}
          </details>
        </>
      )}
      <p role="status" class={message ? 'banner banner--ok' : 'visually-hidden'}>{message && t(message)}</p>
    </section>
  );
}
