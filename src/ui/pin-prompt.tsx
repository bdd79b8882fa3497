/**
 * PIN entry for staff: a big keypad for fingers, plus the keyboard. Used by the lock screen and
 * by the kiosk's way out. Wrong PINs are counted in src/data/shop.ts, which locks after five.
 */
import { useState } from 'preact/hooks';
import type { StaffMember } from '../../shared/shop';
import { verifyPin } from '../data/shop';
import { useI18n } from '../i18n';
import './pin-prompt.css';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'clear', '0', 'back'] as const;

export function PinPrompt(props: { title: string; onSuccess: (staff: StaffMember) => void; onCancel?: () => void }) {
  const { t } = useI18n();
  const [pin, setPin] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(event?: Event) {
    event?.preventDefault();
    if (busy || pin.length === 0) return;
    setBusy(true);
    const result = await verifyPin(pin);
    setBusy(false);
    setPin('');
    if (result.ok) return props.onSuccess(result.staff);
    setError(result.reason === 'locked' ? t('pin.locked', { seconds: Math.ceil((result.retryInMs ?? 0) / 1000) }) : t('pin.wrong'));
  }

  function press(key: (typeof KEYS)[number]) {
    setError('');
    if (key === 'clear') setPin('');
    else if (key === 'back') setPin((p) => p.slice(0, -1));
    else setPin((p) => (p.length < 8 ? p + key : p));
  }

  return (
    <form class="pin-prompt card" onSubmit={submit} aria-labelledby="pin-title">
      <h2 id="pin-title">{props.title}</h2>
      <label for="pin-input">{t('pin.label')}</label>
      <input
        id="pin-input"
        type="password"
        inputMode="numeric"
        autoComplete="off"
        pattern="[0-9]*"
        maxLength={8}
        value={pin}
        aria-invalid={error ? 'true' : 'false'}
        aria-describedby={error ? 'pin-error' : undefined}
        onInput={(e) => {
          setError('');
          setPin((e.currentTarget as HTMLInputElement).value.replace(/\D/g, '').slice(0, 8));
        }}
      />
      {error && <p id="pin-error" class="field-error" role="alert">{error}</p>}
      <div class="pin-keys">
        {KEYS.map((key) => (
          <button type="button" key={key} onClick={() => press(key)} aria-label={key === 'clear' ? t('pin.clear') : key === 'back' ? t('pin.backspace') : key}>
            {key === 'clear' ? 'C' : key === 'back' ? '⌫' : key}
          </button>
        ))}
      </div>
      <div class="actions">
        {props.onCancel && <button type="button" onClick={props.onCancel}>{t('common.cancel')}</button>}
        <button type="submit" class="primary" disabled={busy || pin.length < 4}>{t('pin.submit')}</button>
      </div>
    </form>
  );
}
