/** The one-tap switch between German and English, shown on every staff screen. */
import { useI18n } from '../i18n';

export function LanguageSwitch() {
  const { language, setLanguage, t } = useI18n();
  const other = language === 'de' ? 'en' : 'de';
  return (
    <button type="button" class="language-switch" lang={other} onClick={() => setLanguage(other)}>
      {t('common.switchLanguage')}
    </button>
  );
}
