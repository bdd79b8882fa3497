/**
 * PIN entry for staff: a big keypad for fingers, plus the keyboard. Used by the lock screen and
 * by the kiosk's way out. Wrong PINs are counted in src/data/shop.ts, which locks after five.
 */
import { useState } from 'preact/hooks';
import type { StaffMember } from '../../shared/shop';
import { verifyPin } from '../data/shop';
import { useI18n, type MessageKey, type Params } from '../i18n';
import './field.css';
import './pin-prompt.css';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'clear', '0', 'back'] as const;

export function PinPrompt(props: { title: string; onSuccess: (staff: StaffMember) => void; onCancel?: () => void }) {
  const { t } = useI18n();
  const [pin, setPin] = useState('');
  // The message's key, translated when shown: it follows a language switch while it is on screen.
  const [error, setError] = useState<{ key: MessageKey; params?: Params } | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event?: Event) {
    event?.preventDefault();
    if (busy || pin.length === 0) return;
    setBusy(true);
    const result = await verifyPin(pin);
    setBusy(false);
    setPin('');
    if (result.ok) return props.onSuccess(result.staff);
    setError(result.reason === 'locked' ? { key: 'pin.locked', params: { seconds: Math.ceil((result.retryInMs ?? 0) / 1000) } } : { key: 'pin.wrong' });
  }

  function press(key: (typeof KEYS)[number]) {
    setError(null);
    if (key === 'clear') setPin('');
    else if (key === 'back') setPin((p) => p.slice(0, -1));
    else setPin((p) => (p.length < 8 ? p + key : p));
  }

  return (
    <form class="pin-prompt card" onSubmit={submit} aria-labelledby="pin-title">
      <h2 id="pin-title">{props.title}</h2>
      <label for="pin-input">{t('pin.label')}</label>
      {/* A text field shown as dots, never type="password": no password manager saves the PIN or fills it in for a customer. */}
      <input
        id="pin-input"
        class="secret-digits"
        type="text"
        inputMode="numeric"
        autoComplete="off"
        autocapitalize="off"
        autoCorrect="off"
        spellcheck={false}
        pattern="[0-9]*"
        maxLength={8}
        value={pin}
        aria-invalid={error ? 'true' : 'false'}
        aria-describedby={error ? 'pin-error' : undefined}
        onInput={(e) => {
          setError(null);
          setPin((e.currentTarget as HTMLInputElement).value.replace(/\D/g, '').slice(0, 8));
        }}
      />
      {error && <p id="pin-error" class="field-error" role="alert">{t(error.key, error.params)}</p>}
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
