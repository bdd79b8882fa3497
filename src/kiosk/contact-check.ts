/**
 * Checks what the customer typed, with the shared schemas. The mobile number is normalised by
 * shared/phone.ts, loaded on demand so libphonenumber's metadata stays out of the main chunk.
 */
import { ContactSchema, EmailSchema, parseWith, type Contact } from '../../shared/record';

export type ContactField = keyof Contact;
/** Message keys by field, translated where they are shown. */
export type FieldErrors = Partial<Record<ContactField, string>>;

export const CONTACT_FIELDS = ['name', 'street', 'postalCode', 'city', 'email', 'mobile'] as const satisfies readonly ContactField[];
const REQUIRED: readonly ContactField[] = ['name', 'street', 'postalCode', 'city'];

/** '' for nothing typed, the E.164 form of a valid mobile number, or null. */
export async function normaliseMobileInput(input: string): Promise<string | null> {
  const typed = input.trim();
  if (typed === '') return '';
  const { normaliseMobile } = await import('../../shared/phone');
  return normaliseMobile(typed);
}

/** The message for an e-mail address, or null when it is fine; empty is fine unless the channel needs it. */
export function emailProblem(email: string, neededForChannel: boolean): string | null {
  const value = email.trim();
  if (value === '') return neededForChannel ? 'kiosk.error.emailForChannel' : null;
  const parsed = parseWith(EmailSchema, value);
  return parsed.ok ? null : parsed.issues[0]!.message;
}

export type MobileCheck = { ok: true; e164: string } | { ok: false; message: string };

export async function checkMobile(input: string, neededForChannel: boolean): Promise<MobileCheck> {
  const e164 = await normaliseMobileInput(input);
  if (e164 === null) return { ok: false, message: 'error.mobile' };
  if (e164 === '' && neededForChannel) return { ok: false, message: 'kiosk.error.mobileForChannel' };
  return { ok: true, e164 };
}

export type ContactCheck = { ok: true; contact: Contact } | { ok: false; errors: FieldErrors };

/** The whole contact step: required fields, a plausible e-mail if any, a valid mobile if any. */
export async function checkContact(contact: Contact, mobileInput: string): Promise<ContactCheck> {
  const errors: FieldErrors = {};
  const mobile = await checkMobile(mobileInput, false);
  if (!mobile.ok) errors.mobile = mobile.message;
  const candidate: Contact = {
    name: contact.name.trim(),
    street: contact.street.trim(),
    postalCode: contact.postalCode.trim(),
    city: contact.city.trim(),
    email: contact.email.trim(),
    mobile: mobile.ok ? mobile.e164 : '',
  };
  for (const field of REQUIRED) if (candidate[field] === '') errors[field] = 'error.required';
  const parsed = parseWith(ContactSchema, candidate);
  if (!parsed.ok) {
    for (const issue of parsed.issues) {
      const field = issue.path.split('.')[0] as ContactField;
      if (CONTACT_FIELDS.includes(field)) errors[field] ??= issue.message;
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.ok) return { ok: false, errors };
  return { ok: true, contact: parsed.value };
}
