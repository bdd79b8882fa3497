/** The kiosk's two settings, shared by setup and staff settings: the health question and the idle time. */
import { useI18n } from '../i18n';
import { Field } from '../ui/field';

interface Props {
  idPrefix: string;
  askHealth: boolean;
  inactivitySeconds: string;
  error?: string;
  onChange: (patch: { askHealth?: boolean; inactivitySeconds?: string }) => void;
}

export function KioskFields(props: Props) {
  const { t } = useI18n();
  const healthId = `${props.idPrefix}-ask-health`;
  return (
    <>
      <div class="check">
        <input id={healthId} type="checkbox" checked={props.askHealth} aria-describedby={`${healthId}-hint`} onChange={(e) => props.onChange({ askHealth: e.currentTarget.checked })} />
        <label for={healthId}>{t('setup.askHealth')}</label>
      </div>
      <p id={`${healthId}-hint`} class="hint">{t('setup.askHealthHint')}</p>
      <Field
        id={`${props.idPrefix}-inactivity`}
        label={t('setup.inactivity')}
        type="number"
        inputMode="numeric"
        min={30}
        max={600}
        hint={t('setup.inactivityHint')}
        value={props.inactivitySeconds}
        error={props.error}
        onInput={(inactivitySeconds) => props.onChange({ inactivitySeconds })}
      />
    </>
  );
}
