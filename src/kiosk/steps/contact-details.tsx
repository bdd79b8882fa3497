/** Step 3: the customer's contact details, prefilled from the order; the customer may correct them. */
import { useState } from 'preact/hooks';
import type { Contact } from '../../../shared/record';
import { useI18n, type MessageKey } from '../../i18n';
import { checkContact, CONTACT_FIELDS, type ContactField, type FieldErrors } from '../contact-check';
import { Field, type FieldProps } from '../../ui/field';
import { focusInvalidField } from '../focus-field';
import { StepNav } from '../step-nav';
import type { StepProps } from '../step-props';

const FIELDS: Record<ContactField, { label: MessageKey; type?: FieldProps['type']; inputMode?: FieldProps['inputMode']; required: boolean }> = {
  name: { label: 'kiosk.field.name', required: true },
  street: { label: 'kiosk.field.street', required: true },
  postalCode: { label: 'kiosk.field.postalCode', inputMode: 'numeric', required: true },
  city: { label: 'kiosk.field.city', required: true },
  email: { label: 'kiosk.field.email', type: 'email', inputMode: 'email', required: false },
  mobile: { label: 'kiosk.field.mobile', type: 'tel', inputMode: 'tel', required: false },
};

export function ContactDetails({ session, update, next, back }: StepProps) {
  const { t } = useI18n();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  const valueOf = (field: ContactField) => (field === 'mobile' ? session.mobileInput : session.contact[field]);

  function edit(field: ContactField, value: string) {
    if (errors[field]) setErrors(({ [field]: _gone, ...rest }) => rest);
    if (field === 'mobile') update({ mobileInput: value });
    else update((current) => ({ contact: { ...current.contact, [field]: value } as Contact }));
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    const result = await checkContact(session.contact, session.mobileInput);
    setBusy(false);
    if (result.ok) return next({ contact: result.contact, mobileInput: session.mobileInput.trim() });
    setErrors(result.errors);
    const first = CONTACT_FIELDS.find((field) => result.errors[field]);
    if (first) focusInvalidField(`contact-${first}`);
  }

  return (
    <form class="kiosk-form" noValidate onSubmit={submit}>
      <h1 tabIndex={-1}>{t('kiosk.contact.title')}</h1>
      <p class="kiosk-lead">{t('kiosk.contact.intro')}</p>
      <div class="kiosk-fields">
        {CONTACT_FIELDS.map((field) => {
          const spec = FIELDS[field];
          const error = errors[field];
          return (
            <Field
              key={field}
              id={`contact-${field}`}
              label={t(spec.label)}
              optional={!spec.required}
              type={spec.type}
              inputMode={spec.inputMode}
              value={valueOf(field)}
              error={error}
              announce
              onInput={(value) => edit(field, value)}
            />
          );
        })}
      </div>
      <StepNav submit busy={busy} onBack={back && (() => back())} />
    </form>
  );
}
