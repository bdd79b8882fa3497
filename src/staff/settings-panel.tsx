/** The two kiosk settings staff may change day to day; everything else is fixed at setup. */
import { useState } from 'preact/hooks';
import type { ShopConfig } from '../../shared/shop';
import { updateShop } from '../data/setup';
import { useI18n } from '../i18n';
import { KioskFields } from '../setup/kiosk-fields';
import { parseSeconds } from '../setup/setup-draft';

export function SettingsPanel(props: { shop: ShopConfig; onShopChange: (shop: ShopConfig) => void }) {
  const { t } = useI18n();
  const [askHealth, setAskHealth] = useState(props.shop.askHealth);
  const [seconds, setSeconds] = useState(String(props.shop.inactivitySeconds));
  const [error, setError] = useState('');
  const [message, setMessage] = useState('');

  async function save(event: Event) {
    event.preventDefault();
    setMessage('');
    const inactivitySeconds = parseSeconds(seconds);
    if (!Number.isInteger(inactivitySeconds) || inactivitySeconds < 30 || inactivitySeconds > 600) {
      setError('setup.inactivityRange');
      return;
    }
    setError('');
    const shop: ShopConfig = { ...props.shop, askHealth, inactivitySeconds };
    try {
      await updateShop(shop);
      props.onShopChange(shop);
      setMessage(t('staff.settings.saved'));
    } catch {
      setMessage(t('error.storage'));
    }
  }

  return (
    <form class="card" noValidate onSubmit={(e) => void save(e)} aria-labelledby="settings-title">
      <h2 id="settings-title">{t('staff.settings.title')}</h2>
      <KioskFields
        idPrefix="settings"
        askHealth={askHealth}
        inactivitySeconds={seconds}
        error={error}
        onChange={(patch) => {
          setMessage('');
          if (patch.askHealth !== undefined) setAskHealth(patch.askHealth);
          if (patch.inactivitySeconds !== undefined) setSeconds(patch.inactivitySeconds);
        }}
      />
      <p role="status" class="settings-message">{message}</p>
      <div class="actions">
        <button type="submit" class="primary">{t('staff.settings.save')}</button>
      </div>
    </form>
  );
}
