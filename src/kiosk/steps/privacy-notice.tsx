/** Step 2: the shop's privacy notice (Art. 13), exactly the text whose hash the record keeps. */
import { useI18n } from '../../i18n';
import { StepNav } from '../step-nav';
import type { StepProps } from '../step-props';
import { TextBlock } from '../text-block';

export function PrivacyNotice({ shop, session, next, back }: StepProps) {
  const { t } = useI18n();
  return (
    <>
      <h1 tabIndex={-1}>{t('kiosk.notice.title')}</h1>
      <p class="kiosk-lead">{t('kiosk.notice.intro')}</p>
      <TextBlock class="kiosk-notice" text={shop.texts.notice[session.language]} />
      <StepNav onBack={back && (() => back())} onNext={() => next()} />
    </>
  );
}
