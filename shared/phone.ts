/**
 * Mobile numbers as people type them ("0171 2345678", "+49 171 …") turned into E.164, using
 * libphonenumber-js with its mobile metadata. Kept out of record.ts so the kiosk can load it lazily.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/mobile';

/** Returns the E.164 form of a valid mobile number, or null. */
export function normaliseMobile(input: string, defaultCountry: CountryCode = 'DE'): string | null {
  const parsed = parsePhoneNumberFromString(input.trim(), defaultCountry);
  if (!parsed || !parsed.isValid()) return null;
  const type = parsed.getType();
  if (type !== 'MOBILE' && type !== 'FIXED_LINE_OR_MOBILE') return null;
  return parsed.number;
}

/** E.164 shown the way people read it, e.g. +49 171 2345678. */
export function formatMobile(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}
