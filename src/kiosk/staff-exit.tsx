/** The kiosk's only way out to staff mode: a PIN, then (if there is a draft) a clear "discard?" question. */
import { useState } from 'preact/hooks';
import type { StaffMember } from '../../shared/shop';
import { useI18n } from '../i18n';
import { PinPrompt } from '../ui/pin-prompt';
import { Modal } from './modal';

export function StaffExit(props: { askDiscard: boolean; onCancel: () => void; onExit: (staff: StaffMember) => void }) {
  const { t } = useI18n();
  const [staff, setStaff] = useState<StaffMember | null>(null);
  return (
    <Modal labelledBy={staff ? 'kiosk-discard-title' : 'pin-title'} describedBy={staff ? 'kiosk-discard-text' : undefined} onCancel={props.onCancel}>
      {staff === null ? (
        <PinPrompt
          title={t('kiosk.staff.pinTitle')}
          onSuccess={(member) => (props.askDiscard ? setStaff(member) : props.onExit(member))}
          onCancel={props.onCancel}
        />
      ) : (
        <div class="card kiosk-dialog-card">
          <h2 id="kiosk-discard-title">{t('kiosk.staff.discardTitle')}</h2>
          <p id="kiosk-discard-text">{t('kiosk.staff.discardText')}</p>
          <div class="actions">
            <button type="button" onClick={props.onCancel}>{t('kiosk.staff.keep')}</button>
            <button type="button" class="danger" onClick={() => props.onExit(staff)}>{t('kiosk.staff.discard')}</button>
          </div>
        </div>
      )}
    </Modal>
  );
}
