/**
 * The withdrawal form's state and its validation, apart from the screen so unit tests cover it.
 * The customer is identified by an e-mail address or a mobile number, or else by the name and the
 * whole postal address (enough for letters). Messages are keyed by the field they belong beside;
 * "who is it?" belongs to the whole group and is keyed CUSTOMER_GROUP.
 * Besides the marketing channels, staff can withdraw the health-data consent (Art. 9); an objection
 * is about advertising only, so it never names health (its message is keyed HEALTH_FIELD).
 */
import { CONSENT_TOPICS, CounterEventSchema, OBJECTION_HEALTH_ERROR, type ConsentTopic, type CounterEvent } from '../../shared/consent';
import { ContactSchema, EmailSchema, parseWith } from '../../shared/record';
import type { MessageKey } from '../i18n/de';
import type { FieldErrors } from '../ui/field-errors';

export type WithdrawalAction = CounterEvent['action'];

export interface WithdrawalDraft {
  /** Empty until staff choose: the two mean different things, so there is no default. */
  action: WithdrawalAction | '';
  /** The marketing channels ticked, and 'health' when its box is ticked. */
  channels: ConsentTopic[];
  /** Health was ticked when staff chose an objection (which unticks it): ticked again when they go back to a withdrawal. */
  healthHeld: boolean;
  name: string;
  street: string;
  postalCode: string;
  city: string;
  email: string;
  /** As typed; turned into E.164 on save. */
  mobile: string;
  note: string;
}

/** The postal address proper: once any of it is typed, all of it is needed (a letter needs the city). */
export const ADDRESS_FIELDS = ['street', 'postalCode', 'city'] as const;
/** The key of the one "who is it?" message, said at the customer group rather than under each field. */
export const CUSTOMER_GROUP = 'customer';
/** The key of the health checkbox's message. */
export const HEALTH_FIELD = 'health';

export function emptyWithdrawalDraft(): WithdrawalDraft {
  return { action: '', channels: [], healthHeld: false, name: '', street: '', postalCode: '', city: '', email: '', mobile: '', note: '' };
}

/** Ticks or unticks a channel (or health), keeping them in their usual order. */
export function toggleChannel(channels: readonly ConsentTopic[], channel: ConsentTopic): ConsentTopic[] {
  const on = new Set(channels);
  if (on.has(channel)) on.delete(channel);
  else on.add(channel);
  return CONSENT_TOPICS.filter((c) => on.has(c));
}

/**
 * Choosing an objection unticks health (it is not offered for an objection) and remembers the tick;
 * going back to a withdrawal ticks it again, so staff do not save a withdrawal that lost it unseen.
 */
export function chooseAction(
  draft: Pick<WithdrawalDraft, 'channels'> & Partial<Pick<WithdrawalDraft, 'healthHeld'>>,
  action: WithdrawalAction,
): Pick<WithdrawalDraft, 'action' | 'channels' | 'healthHeld'> {
  const held = Boolean(draft.healthHeld);
  if (action === 'objected') return { action, channels: draft.channels.filter((c) => c !== 'health'), healthHeld: held || draft.channels.includes('health') };
  const channels = held && !draft.channels.includes('health') ? toggleChannel(draft.channels, 'health') : [...draft.channels];
  return { action, channels, healthHeld: false };
}

/** The name of a channel or of the health consent, as the list of recent events shows it. */
export function topicKey(topic: ConsentTopic): MessageKey {
  return topic === 'health' ? 'staff.withdrawal.topic.health' : `kiosk.channel.${topic}`;
}

export interface ValidateWithdrawalOptions {
  id: string;
  at: string;
  staffId: string;
  /** shared/phone.ts's normaliseMobile, passed in because the screen loads it lazily. */
  normaliseMobile: (input: string) => string | null;
}

export type WithdrawalResult = { ok: true; event: CounterEvent } | { ok: false; errors: FieldErrors };

export function validateWithdrawal(draft: WithdrawalDraft, o: ValidateWithdrawalOptions): WithdrawalResult {
  const errors: FieldErrors = {};
  const typed = {
    name: draft.name.trim(),
    street: draft.street.trim(),
    postalCode: draft.postalCode.trim(),
    city: draft.city.trim(),
    email: draft.email.trim(),
    mobile: draft.mobile.trim(),
  };
  if (draft.action === '') errors.action = 'staff.withdrawal.error.action';
  if (draft.channels.length === 0) errors.channels = 'staff.withdrawal.error.topics';
  if (draft.action === 'objected' && draft.channels.includes('health')) errors[HEALTH_FIELD] = OBJECTION_HEALTH_ERROR;

  if (typed.email !== '') {
    const email = parseWith(EmailSchema, typed.email);
    if (!email.ok) errors.email = email.issues[0]!.message;
  }
  const mobile = typed.mobile === '' ? '' : o.normaliseMobile(typed.mobile);
  if (mobile === null) errors.mobile = 'error.mobile';
  if (typed.postalCode !== '') {
    const postalCode = parseWith(ContactSchema.entries.postalCode, typed.postalCode);
    if (!postalCode.ok) errors.postalCode = postalCode.issues[0]!.message;
  }

  const addressStarted = ADDRESS_FIELDS.some((field) => typed[field] !== '');
  if (addressStarted) for (const field of ADDRESS_FIELDS) if (typed[field] === '') errors[field] ??= 'error.required';
  // Without an e-mail address or a mobile number, only the name with the whole address finds the customer.
  if (typed.email === '' && typed.mobile === '') {
    if (!addressStarted) errors[CUSTOMER_GROUP] = 'staff.withdrawal.error.identify';
    else if (typed.name === '') errors.name ??= 'error.required';
  }

  const candidate = {
    id: o.id,
    at: o.at,
    action: draft.action,
    channels: draft.channels,
    customer: { ...typed, mobile: mobile ?? '' },
    staffId: o.staffId,
    note: draft.note,
  };
  const parsed = parseWith(CounterEventSchema, candidate);
  if (!parsed.ok) {
    for (const issue of parsed.issues) {
      const field = issue.path.startsWith('customer.') ? issue.path.slice('customer.'.length) : issue.path;
      // The schema's own "who?" check (path "customer") is said once, at the group, above.
      if (field === CUSTOMER_GROUP || field === '' || (issue.message as string) === OBJECTION_HEALTH_ERROR) continue;
      errors[field] ??= issue.message;
    }
  }
  if (!parsed.ok || Object.keys(errors).length > 0) {
    if (Object.keys(errors).length === 0) errors.form = 'error.invalid';
    return { ok: false, errors };
  }
  return { ok: true, event: parsed.value };
}
