/** The kiosk's header on every step: where we are, the language switch and a discreet way out for staff. */
import { useI18n } from '../i18n';
import { LanguageSwitch } from '../ui/language-switch';

export function KioskHeader(props: { shopName: string; progress: { step: number; of: number } | null; onStaff: () => void }) {
  const { t } = useI18n();
  return (
    <header class="kiosk-header">
      <div class="kiosk-header-where">
        <span class="kiosk-shop">{props.shopName}</span>
        {props.progress && <span class="kiosk-progress">{t('kiosk.progress', props.progress)}</span>}
      </div>
      <div class="kiosk-header-actions">
        <LanguageSwitch class="kiosk-lang" icon />
        <button type="button" class="kiosk-staff" onClick={props.onStaff}>
          {t('kiosk.staff.button')}
        </button>
      </div>
    </header>
  );
}
