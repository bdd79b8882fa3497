/**
 * First start: the shop, its controller, the texts customers will see, the kiosk settings and the
 * first staff PINs, all on one page. Nothing is stored until every field is valid; then the shop
 * and its staff are written in one transaction (setUpShop).
 */
import type { ComponentChildren } from 'preact';
import { useMemo, useRef, useState } from 'preact/hooks';
import type { ShopConfig } from '../../shared/shop';
import { randomHex } from '../data/pin';
import { makeStaffMember, setUpShop } from '../data/setup';
import { useI18n, type MessageKey } from '../i18n';
import { LanguageSwitch } from '../ui/language-switch';
import { FormSummary } from '../ui/form-summary';
import { focusFirstInvalid } from '../ui/field';
import type { FieldErrors } from '../ui/field-errors';
import { KioskFields } from './kiosk-fields';
import { emptySetupDraft, shopIdFor, validateSetup, type SetupDraft } from './setup-draft';
import { ShopFields } from './shop-fields';
import { StaffFields } from './staff-fields';
import { TextsFields } from './texts-fields';
import './setup.css';

export function SetupWizard(props: {
  onDone: (shop: ShopConfig) => void;
  /** Shown above the form: the first start's server choice, or why a server asks for this setup. */
  lead?: ComponentChildren;
}) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<SetupDraft>(emptySetupDraft);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [textsOpen, setTextsOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  // A message key, translated when shown, so it follows a language switch.
  const [failure, setFailure] = useState<MessageKey | ''>('');
  const suffix = useMemo(() => randomHex(3), []);
  const formRef = useRef<HTMLFormElement>(null);

  function update(patch: Partial<SetupDraft>) {
    // Removing a person renumbers the rows below it, so their old messages would point at the wrong row.
    if (patch.staff && patch.staff.length !== draft.staff.length) {
      setErrors((old) => Object.fromEntries(Object.entries(old).filter(([path]) => !path.startsWith('staff.'))));
    }
    setDraft((old) => ({ ...old, ...patch }));
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    setFailure('');
    const result = validateSetup(draft, shopIdFor(draft.name, suffix));
    if (!result.ok) {
      setErrors(result.errors);
      if (Object.keys(result.errors).some((path) => path.startsWith('texts.'))) setTextsOpen(true);
      focusFirstInvalid(formRef.current);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const staff = await Promise.all(result.staff.map(makeStaffMember));
      await setUpShop({ shop: result.shop, staff });
      props.onDone(result.shop);
    } catch {
      setFailure('error.storage');
      setBusy(false);
    }
  }

  const errorCount = Object.keys(errors).length;
  return (
    <main class="screen setup">
      <div class="setup-top">
        <h1>{t('setup.title')}</h1>
        <LanguageSwitch />
      </div>
      {props.lead}
      <p>{t('setup.intro')}</p>

      <form ref={formRef} noValidate onSubmit={(e) => void submit(e)} aria-describedby={errorCount ? 'setup-summary' : undefined}>
        <ShopFields draft={draft} errors={errors} update={update} />
        <TextsFields draft={draft} errors={errors} update={update} open={textsOpen} onToggle={setTextsOpen} />
        <fieldset class="card setup-section">
          <legend>{t('setup.section.kiosk')}</legend>
          <KioskFields
            idPrefix="setup"
            askHealth={draft.askHealth}
            inactivitySeconds={draft.inactivitySeconds}
            error={errors.inactivitySeconds}
            onChange={(patch) => update(patch)}
          />
        </fieldset>
        <StaffFields draft={draft} errors={errors} update={update} />

        <FormSummary id="setup-summary" errorCount={errorCount} failure={failure && t(failure)} />
        <div class="actions">
          <button type="submit" class="primary" disabled={busy} aria-busy={busy}>
            {busy ? t('setup.saving') : t('setup.submit')}
          </button>
        </div>
      </form>
    </main>
  );
}
