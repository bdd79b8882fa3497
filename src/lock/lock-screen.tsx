/**
 * The idle screen between customers: the shop's name, the time and a way in for staff. It shows
 * nothing of any customer, and the PIN pad closes itself again if nobody finishes typing.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ShopConfig, StaffMember } from '../../shared/shop';
import { useI18n } from '../i18n';
import { PinPrompt } from '../ui/pin-prompt';
import { Clock } from './clock';
import { LanguageSwitch } from '../ui/language-switch';
import './lock.css';

const PIN_PROMPT_TIMEOUT_MS = 60_000;

export function LockScreen(props: { shop: ShopConfig; onUnlock: (staff: StaffMember) => void }) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);

  // A half-typed PIN must not stay on screen for the next person at the counter.
  useEffect(() => {
    if (!asking) return;
    let timer = setTimeout(() => setAsking(false), PIN_PROMPT_TIMEOUT_MS);
    const restart = () => {
      clearTimeout(timer);
      timer = setTimeout(() => setAsking(false), PIN_PROMPT_TIMEOUT_MS);
    };
    document.addEventListener('pointerdown', restart, true);
    document.addEventListener('keydown', restart, true);
    return () => {
      clearTimeout(timer);
      document.removeEventListener('pointerdown', restart, true);
      document.removeEventListener('keydown', restart, true);
    };
  }, [asking]);

  return (
    <main class="screen lock-screen">
      <div class="lock-top">
        <LanguageSwitch />
      </div>
      <div class="lock-body">
        <h1 class="lock-shop">{props.shop.name}</h1>
        {!asking && <Clock />}
        {asking ? (
          <PinPrompt title={t('lock.pinTitle')} onSuccess={props.onUnlock} onCancel={() => setAsking(false)} />
        ) : (
          <>
            <button type="button" class="primary lock-unlock" onClick={() => setAsking(true)}>
              {t('lock.unlock')}
            </button>
            <p class="hint lock-hint">{t('lock.hint')}</p>
          </>
        )}
      </div>
    </main>
  );
}
