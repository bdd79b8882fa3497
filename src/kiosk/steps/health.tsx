/** Step 5 (only when the shop asks it): a separate, explicit yes or no about keeping health data. */
import { useI18n } from '../../i18n';
import { StepNav } from '../step-nav';
import type { StepProps } from '../step-props';
import { TextBlock } from '../text-block';

export function Health({ shop, session, update, next, back }: StepProps) {
  const { t } = useI18n();
  const options = [
    { value: true, label: t('kiosk.health.yes') },
    { value: false, label: t('kiosk.health.no') },
  ];
  return (
    <>
      <h1 tabIndex={-1}>{t('kiosk.health.title')}</h1>
      <TextBlock id="health-text" class="kiosk-consent" text={shop.texts.health[session.language]} />
      <fieldset class="kiosk-choice" aria-describedby="health-text">
        <legend>{t('kiosk.health.question')}</legend>
        {options.map((option) => (
          <label key={String(option.value)} class={`kiosk-radio${session.health === option.value ? ' kiosk-radio--on' : ''}`}>
            <input
              type="radio"
              name="health"
              checked={session.health === option.value}
              onChange={() => update({ health: option.value })}
            />
            <span>{option.label}</span>
          </label>
        ))}
      </fieldset>
      <StepNav onBack={back && (() => back())} onNext={() => next()} />
    </>
  );
}
