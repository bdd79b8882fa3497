/** An enrolled tablet whose server knows no staff: the first person (or more) with a PIN typed twice. */
import { useRef, useState } from 'preact/hooks';
import type { ShopConfig } from '../../shared/shop';
import { addStaffMembers } from '../data/enrolment';
import { makeStaffMember } from '../data/setup';
import { useI18n, type MessageKey } from '../i18n';
import { LanguageSwitch } from '../ui/language-switch';
import { FormSummary } from '../ui/form-summary';
import { focusFirstInvalid } from '../ui/field';
import type { FieldErrors } from '../ui/field-errors';
import { emptySetupDraft, validateStaffDrafts, type SetupDraft } from '../setup/setup-draft';
import { StaffFields } from '../setup/staff-fields';
import '../setup/setup.css';

export function FirstStaff(props: { shop: ShopConfig; onDone: () => void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<SetupDraft>(emptySetupDraft);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  // A message key, translated when shown, so it follows a language switch.
  const [failure, setFailure] = useState<MessageKey | ''>('');
  const formRef = useRef<HTMLFormElement>(null);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    setFailure('');
    const found = validateStaffDrafts(draft.staff);
    setErrors(found);
    if (Object.keys(found).length > 0) return focusFirstInvalid(formRef.current);
    setBusy(true);
    try {
      await addStaffMembers(await Promise.all(draft.staff.map((m) => makeStaffMember({ name: m.name.trim(), pin: m.pin }))));
      props.onDone();
    } catch {
      setFailure('error.storage');
      setBusy(false);
    }
  }

  const errorCount = Object.keys(errors).length;
  return (
    <main class="screen setup">
      <div class="setup-top">
        <h1>{t('enrol.firstStaff.title')}</h1>
        <LanguageSwitch />
      </div>
      <p>{t('enrol.firstStaff.intro', { shop: props.shop.name })}</p>
      <form ref={formRef} noValidate onSubmit={(e) => void submit(e)}>
        <StaffFields draft={draft} errors={errors} update={(patch) => setDraft((d) => ({ ...d, ...patch }))} />
        <FormSummary errorCount={errorCount} failure={failure && t(failure)} />
        <div class="actions">
          <button type="submit" class="primary" disabled={busy} aria-busy={busy}>
            {t('enrol.firstStaff.submit')}
          </button>
        </div>
      </form>
    </main>
  );
}
