/** The one-tap switch between German and English, on every screen: staff, setup and the kiosk. */
import { useI18n } from '../i18n';

export function LanguageSwitch(props: { class?: string; icon?: boolean }) {
  const { language, setLanguage, t } = useI18n();
  const other = language === 'de' ? 'en' : 'de';
  return (
    <button type="button" class={props.class ?? 'language-switch'} lang={other} onClick={() => setLanguage(other)}>
      {props.icon && <span aria-hidden="true" class="kiosk-lang-icon">⇄ </span>}
      {t('common.switchLanguage')}
    </button>
  );
}
