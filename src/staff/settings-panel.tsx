/**
 * The settings staff may change day to day: the kiosk's two, and how long the tablet keeps
 * synced records whole and when it warns about unsynced ones. Everything else is fixed at setup.
 */
import { useState } from 'preact/hooks';
import type { ShopConfig } from '../../shared/shop';
import { minimiseAfterDays, syncWarnDays } from '../../shared/sync-plan';
import { updateShopSettings } from '../data/setup';
import { useI18n } from '../i18n';
import { Field } from '../ui/field';
import { KioskFields } from '../setup/kiosk-fields';
import { parseSeconds } from '../setup/setup-draft';

/** A whole number in [min, max] typed into a field, or NaN. */
function wholeIn(input: string, min: number, max: number): number {
  const n = parseSeconds(input);
  return Number.isInteger(n) && n >= min && n <= max ? n : Number.NaN;
}

export function SettingsPanel(props: { shop: ShopConfig; onShopChange: (shop: ShopConfig) => void }) {
  const { t } = useI18n();
  const [askHealth, setAskHealth] = useState(props.shop.askHealth);
  const [seconds, setSeconds] = useState(String(props.shop.inactivitySeconds));
  const [minimiseDays, setMinimiseDays] = useState(String(minimiseAfterDays(props.shop)));
  const [warnDays, setWarnDays] = useState(String(syncWarnDays(props.shop)));
  const [errors, setErrors] = useState<{ seconds?: string; minimise?: string; warn?: string }>({});
  const [message, setMessage] = useState('');

  async function save(event: Event) {
    event.preventDefault();
    setMessage('');
    const inactivitySeconds = wholeIn(seconds, 30, 600);
    const minimise = wholeIn(minimiseDays, 1, 365);
    const warn = wholeIn(warnDays, 1, 30);
    const found = {
      seconds: Number.isNaN(inactivitySeconds) ? 'setup.inactivityRange' : undefined,
      minimise: Number.isNaN(minimise) ? 'sync.settings.minimiseRange' : undefined,
      warn: Number.isNaN(warn) ? 'sync.settings.warnRange' : undefined,
    };
    setErrors(found);
    if (found.seconds || found.minimise || found.warn) return;
    try {
      props.onShopChange(await updateShopSettings({ askHealth, inactivitySeconds, minimiseAfterDays: minimise, syncWarnDays: warn }));
      setMessage(t('staff.settings.saved'));
    } catch {
      setMessage(t('error.storage'));
    }
  }

  const edited = (set: (value: string) => void) => (value: string) => {
    setMessage('');
    set(value);
  };

  return (
    <form class="card" noValidate onSubmit={(e) => void save(e)} aria-labelledby="settings-title">
      <h2 id="settings-title">{t('staff.settings.title')}</h2>
      <KioskFields
        idPrefix="settings"
        askHealth={askHealth}
        inactivitySeconds={seconds}
        error={errors.seconds}
        onChange={(patch) => {
          setMessage('');
          if (patch.askHealth !== undefined) setAskHealth(patch.askHealth);
          if (patch.inactivitySeconds !== undefined) setSeconds(patch.inactivitySeconds);
        }}
      />
      <Field
        id="settings-minimise-days"
        label={t('sync.settings.minimise')}
        type="number"
        inputMode="numeric"
        min={1}
        max={365}
        hint={t('sync.settings.minimiseHint')}
        value={minimiseDays}
        error={errors.minimise}
        onInput={edited(setMinimiseDays)}
      />
      <Field
        id="settings-warn-days"
        label={t('sync.settings.warn')}
        type="number"
        inputMode="numeric"
        min={1}
        max={30}
        hint={t('sync.settings.warnHint')}
        value={warnDays}
        error={errors.warn}
        onInput={edited(setWarnDays)}
      />
      <p role="status" class="settings-message">{message}</p>
      <div class="actions">
        <button type="submit" class="primary">{t('staff.settings.save')}</button>
      </div>
    </form>
  );
}
