/**
 * Above the staff tabs: the server revoked or no longer knows this tablet, so nothing syncs by
 * itself until staff connect it again under Status. Live, so it goes as soon as that is done.
 */
import { useEffect, useState } from 'preact/hooks';
import { watchSyncOverview, type SyncOverview } from '../data/sync-watch';
import { useI18n } from '../i18n';
import { reconnectKey } from '../sync/sync-words';

export function ReconnectBanner(props: { onShowStatus: () => void }) {
  const { t } = useI18n();
  const [overview, setOverview] = useState<SyncOverview | null>(null);
  useEffect(() => watchSyncOverview(setOverview), []);
  const key = overview ? reconnectKey(overview.device, overview.state) : null;
  if (!key) return null;
  return (
    <div class="banner banner--error" role="alert">
      <p>{t(key)}</p>
      <button type="button" onClick={props.onShowStatus}>{t('sync.toStatus')}</button>
    </div>
  );
}
