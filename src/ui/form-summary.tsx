/**
 * The one announcement a form makes after a failed submit: how many fields need a look, or why
 * saving failed. It stays in the page (hidden) so screen readers pick up each change.
 */
import { useI18n } from '../i18n';

export function FormSummary(props: { errorCount: number; failure: string; id?: string }) {
  const { t } = useI18n();
  const shown = props.errorCount > 0 || props.failure !== '';
  return (
    <div id={props.id} role="alert" class={shown ? 'banner banner--error' : 'visually-hidden'}>
      {props.failure || (props.errorCount > 0 ? t('setup.formInvalid', { count: props.errorCount }) : '')}
    </div>
  );
}
