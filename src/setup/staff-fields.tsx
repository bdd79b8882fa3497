/** Setup: the people who may unlock staff mode, each with a PIN typed twice. */
import { useI18n } from '../i18n';
import { Field } from '../ui/field';
import type { FieldErrors } from '../ui/field-errors';
import type { SetupDraft, StaffDraft } from './setup-draft';

interface Props {
  draft: SetupDraft;
  errors: FieldErrors;
  update: (patch: Partial<SetupDraft>) => void;
}

export function StaffFields({ draft, errors, update }: Props) {
  const { t } = useI18n();
  const setMember = (n: number, patch: Partial<StaffDraft>) =>
    update({ staff: draft.staff.map((member, i) => (i === n ? { ...member, ...patch } : member)) });
  // The first person keeps the plain labels; later ones are numbered so every label stays unique.
  const label = (text: string, n: number) => (n === 0 ? text : `${text} (${n + 1})`);

  return (
    <fieldset class="card setup-section">
      <legend>{t('setup.section.staff')}</legend>
      <p class="hint">{t('setup.staffHint')}</p>
      {draft.staff.map((member, n) => (
        <div class="setup-staff" key={n}>
          {draft.staff.length > 1 && <h3 class="setup-staff-title">{t('setup.staffN', { n: n + 1 })}</h3>}
          <Field id={`setup-staff-${n}-name`} label={label(t('setup.staffName'), n)} value={member.name} error={errors[`staff.${n}.name`]} onInput={(name) => setMember(n, { name })} />
          <div class="field-row">
            <Field
              id={`setup-staff-${n}-pin`}
              label={label(t('setup.pin'), n)}
              secret
              inputMode="numeric"
              autoComplete="off"
              maxLength={8}
              hint={t('setup.pinHint')}
              value={member.pin}
              error={errors[`staff.${n}.pin`]}
              onInput={(pin) => setMember(n, { pin: pin.replace(/\D/g, '') })}
            />
            <Field
              id={`setup-staff-${n}-pin-repeat`}
              label={label(t('setup.pinRepeat'), n)}
              secret
              inputMode="numeric"
              autoComplete="off"
              maxLength={8}
              value={member.pinRepeat}
              error={errors[`staff.${n}.pinRepeat`]}
              onInput={(pinRepeat) => setMember(n, { pinRepeat: pinRepeat.replace(/\D/g, '') })}
            />
          </div>
          {n > 0 && (
            <button type="button" class="danger small" onClick={() => update({ staff: draft.staff.filter((_, i) => i !== n) })}>
              {t('setup.removeStaff', { n: n + 1 })}
            </button>
          )}
        </div>
      ))}
      <div class="actions actions--start">
        <button type="button" onClick={() => update({ staff: [...draft.staff, { name: '', pin: '', pinRepeat: '' }] })}>
          {t('setup.addStaff')}
        </button>
      </div>
    </fieldset>
  );
}
