/**
 * Step 8: saved, thank you, hand the tablet back. Shows nothing of the customer, and locks by itself.
 * With e-mail switched on, it says that a confirmation e-mail comes (double opt-in) and that the
 * e-mail consent counts only once confirmed.
 */
import { useEffect } from 'preact/hooks';
import { useI18n } from '../../i18n';

export const THANKS_SECONDS = 20;

export function ThankYou(props: { onDone: () => void; emailChosen: boolean }) {
  const { t } = useI18n();
  useEffect(() => {
    const timer = setTimeout(props.onDone, THANKS_SECONDS * 1000);
    return () => clearTimeout(timer);
  }, []);
  return (
    <div class="kiosk-thanks">
      <p class="kiosk-saved" role="status">
        <span aria-hidden="true">✓ </span>
        {t('kiosk.thanks.saved')}
      </p>
      <h1 tabIndex={-1}>{t('kiosk.thanks.title')}</h1>
      {props.emailChosen && <p class="kiosk-thanks-email">{t('kiosk.thanks.emailConfirm')}</p>}
      <p class="kiosk-lead">{t('kiosk.thanks.text')}</p>
      <button type="button" class="primary kiosk-handback" onClick={props.onDone}>
        {t('kiosk.thanks.button')}
      </button>
    </div>
  );
}
