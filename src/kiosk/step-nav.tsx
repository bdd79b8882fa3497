/** Back and Next at the foot of each step, large and always in the same place. */
import { useI18n } from '../i18n';

export function StepNav(props: { onBack: (() => void) | null; onNext?: () => void; nextLabel?: string; busy?: boolean; submit?: boolean }) {
  const { t } = useI18n();
  return (
    <div class="kiosk-nav">
      {props.onBack ? (
        <button type="button" class="kiosk-back" onClick={props.onBack} disabled={props.busy}>
          {t('common.back')}
        </button>
      ) : (
        <span />
      )}
      <button
        type={props.submit ? 'submit' : 'button'}
        class="primary kiosk-next"
        onClick={props.submit ? undefined : props.onNext}
        disabled={props.busy}
      >
        {props.nextLabel ?? t('common.next')}
      </button>
    </div>
  );
}
