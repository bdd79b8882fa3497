/** The last-seconds warning before an idle draft is discarded. Any touch dismisses it too. */
import { useI18n } from '../i18n';
import { Modal } from './modal';

export function InactivityWarning(props: { secondsLeft: number; onContinue: () => void }) {
  const { t } = useI18n();
  return (
    <Modal role="alertdialog" labelledBy="kiosk-idle-title" describedBy="kiosk-idle-text" onCancel={props.onContinue}>
      <div class="card kiosk-dialog-card kiosk-idle">
        <h2 id="kiosk-idle-title">{t('kiosk.idle.title')}</h2>
        <p id="kiosk-idle-text">{props.secondsLeft === 1 ? t('kiosk.idle.textOne') : t('kiosk.idle.text', { seconds: props.secondsLeft })}</p>
        <div class="actions">
          <button type="button" class="primary" onClick={props.onContinue}>{t('kiosk.idle.continue')}</button>
        </div>
      </div>
    </Modal>
  );
}
