/** The kiosk's header on every step: where we are, the language switch and a discreet way out for staff. */
import { useI18n } from '../i18n';

export function KioskHeader(props: { shopName: string; progress: { step: number; of: number } | null; onStaff: () => void }) {
  const { t, language, setLanguage } = useI18n();
  const other = language === 'de' ? 'en' : 'de';
  return (
    <header class="kiosk-header">
      <div class="kiosk-header-where">
        <span class="kiosk-shop">{props.shopName}</span>
        {props.progress && <span class="kiosk-progress">{t('kiosk.progress', props.progress)}</span>}
      </div>
      <div class="kiosk-header-actions">
        <button type="button" class="kiosk-lang" lang={other} onClick={() => setLanguage(other)}>
          <span aria-hidden="true" class="kiosk-lang-icon">⇄</span> {t('common.switchLanguage')}
        </button>
        <button type="button" class="kiosk-staff" onClick={props.onStaff}>
          {t('kiosk.staff.button')}
        </button>
      </div>
    </header>
  );
}
