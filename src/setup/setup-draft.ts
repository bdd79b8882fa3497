/**
 * The setup form's state and its validation, kept apart from the screen so unit tests can cover
 * it. Texts follow the details typed above them until someone edits them by hand.
 */
import * as v from 'valibot';
import type { Language } from '../../shared/channels';
import { defaultTexts } from '../../shared/default-texts';
import { parseWith } from '../../shared/record';
import { PIN_PATTERN, ShopConfigSchema, StaffMemberSchema, TEXT_KINDS, type ShopConfig, type TextKind } from '../../shared/shop';
import type { NewStaff } from '../data/setup';
import { firstPerPath, type FieldErrors } from '../ui/field-errors';

export interface StaffDraft {
  name: string;
  pin: string;
  pinRepeat: string;
}

export interface SetupDraft {
  name: string;
  street: string;
  postalCode: string;
  city: string;
  controllerName: string;
  controllerEmail: string;
  controllerPhone: string;
  hasDpo: boolean;
  dpoName: string;
  dpoEmail: string;
  /** Only the texts edited by hand; the others come from defaultTexts(). */
  editedTexts: Partial<Record<`${TextKind}.${Language}`, string>>;
  askHealth: boolean;
  inactivitySeconds: string;
  staff: StaffDraft[];
}

export function emptySetupDraft(): SetupDraft {
  return {
    name: '',
    street: '',
    postalCode: '',
    city: '',
    controllerName: '',
    controllerEmail: '',
    controllerPhone: '',
    hasDpo: false,
    dpoName: '',
    dpoEmail: '',
    editedTexts: {},
    askHealth: false,
    inactivitySeconds: '90',
    staff: [{ name: '', pin: '', pinRepeat: '' }],
  };
}

function details(d: SetupDraft) {
  return {
    name: d.name.trim(),
    street: d.street.trim(),
    postalCode: d.postalCode.trim(),
    city: d.city.trim(),
    controller: { name: d.controllerName.trim(), email: d.controllerEmail.trim(), phone: d.controllerPhone.trim() },
    dpo: d.hasDpo ? { name: d.dpoName.trim(), email: d.dpoEmail.trim() } : null,
  };
}

/** The texts as they stand: the template filled with the details, with hand edits on top. */
export function currentTexts(d: SetupDraft): ShopConfig['texts'] {
  const defaults = defaultTexts(details(d));
  const texts = { ...defaults };
  for (const kind of TEXT_KINDS) {
    texts[kind] = {
      ...defaults[kind],
      de: d.editedTexts[`${kind}.de`] ?? defaults[kind].de,
      en: d.editedTexts[`${kind}.en`] ?? defaults[kind].en,
    };
  }
  return texts;
}

/** A readable, URL-safe id such as "optik-mueller-3f9a1c", unique enough across shops. */
export function shopIdFor(name: string, randomSuffix: string): string {
  const slug = name
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return `${slug || 'shop'}-${randomSuffix}`;
}

export function parseSeconds(input: string): number {
  return /^\s*\d{1,4}\s*$/.test(input) ? Number(input) : Number.NaN;
}

const StaffNameSchema = v.pick(StaffMemberSchema, ['name']);

export type SetupResult = { ok: true; shop: ShopConfig; staff: NewStaff[] } | { ok: false; errors: FieldErrors };

/**
 * Checks everything at once, so every message shows beside its field in one go. Error paths are
 * the schema's ("controller.email", "texts.notice.de") plus "staff.N.name|pin|pinRepeat".
 */
export function validateSetup(d: SetupDraft, id: string): SetupResult {
  const candidate: ShopConfig = {
    id,
    ...details(d),
    texts: currentTexts(d),
    askHealth: d.askHealth,
    inactivitySeconds: parseSeconds(d.inactivitySeconds),
  };
  const parsed = parseWith(ShopConfigSchema, candidate);
  const errors: FieldErrors = parsed.ok ? {} : firstPerPath(parsed.issues);
  if (errors.inactivitySeconds) errors.inactivitySeconds = 'setup.inactivityRange';

  Object.assign(errors, validateStaffDrafts(d.staff));

  if (!parsed.ok || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, shop: parsed.value, staff: d.staff.map((m) => ({ name: m.name.trim(), pin: m.pin })) };
}

/** The staff rows alone (also for an enrolled tablet's first person): "staff.N.name|pin|pinRepeat". */
export function validateStaffDrafts(staff: readonly StaffDraft[]): FieldErrors {
  const errors: FieldErrors = {};
  const seenPins = new Set<string>();
  staff.forEach((member, n) => {
    const name = parseWith(StaffNameSchema, { name: member.name });
    if (!name.ok) errors[`staff.${n}.name`] = name.issues[0]!.message;
    if (!PIN_PATTERN.test(member.pin)) errors[`staff.${n}.pin`] = 'error.pin';
    else if (seenPins.has(member.pin)) errors[`staff.${n}.pin`] = 'setup.pinTaken';
    else if (member.pin !== member.pinRepeat) errors[`staff.${n}.pinRepeat`] = 'setup.pinMismatch';
    seenPins.add(member.pin);
  });
  return errors;
}
