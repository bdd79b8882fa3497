/**
 * The consent ledger's vocabulary, shared by the tablet and the server: what can happen to a
 * customer's consent on one channel, by which route, and how the current state follows from that
 * history. The server stores only events (append-only); the state is always derived, never stored.
 *
 * Also the counter event: a withdrawal or an objection that staff record on the tablet, offline
 * if need be, and that the tablet uploads to POST /api/v1/consent-events.
 */
import * as v from 'valibot';
import { CHANNELS, type Channel } from './channels';
import { E164Schema, EmailSchema, type ErrorKey } from './record';

/**
 * What the ledger keeps a history for: the marketing channels (CHANNELS, which exports, opt-out
 * links and the opt-in chart iterate) and 'health', the separate Art. 9 consent to keep the
 * customer's prescription and measurement values for later orders. Health is never marketing.
 */
export const CONSENT_TOPICS = [...CHANNELS, 'health'] as const;
export type ConsentTopic = (typeof CONSENT_TOPICS)[number];

export const isConsentTopic = (value: string): value is ConsentTopic => (CONSENT_TOPICS as readonly string[]).includes(value);
export const isMarketingChannel = (topic: string): topic is Channel => (CHANNELS as readonly string[]).includes(topic);

/** The message when an objection (Art. 21(2), advertising only) names the health consent. */
export const OBJECTION_HEALTH_ERROR = 'error.objectionHealth';

/**
 * - granted: the customer switched the channel on and signed (route signature). For e-mail this
 *   makes the channel "pending" until the address is confirmed (double opt-in).
 * - confirmed: the customer confirmed the e-mail address through the link in the thank-you e-mail.
 * - withdrawn: the consent is withdrawn (Art. 7(3) GDPR): by link, at the counter or by the owner.
 * - objected: the customer objects to advertising on this channel (Art. 21(2) GDPR), letters
 *   included, whether or not a consent was ever given. Marketing channels only, never 'health'.
 */
export const CONSENT_ACTIONS = ['granted', 'confirmed', 'withdrawn', 'objected'] as const;
export type ConsentAction = (typeof CONSENT_ACTIONS)[number];

/** How an event reached the ledger. */
export const CONSENT_ROUTES = ['signature', 'email-link', 'counter', 'owner'] as const;
export type ConsentRoute = (typeof CONSENT_ROUTES)[number];

/**
 * - none: never granted;
 * - pending: e-mail granted, the address not yet confirmed (does not count as consent);
 * - active: the shop may use the channel;
 * - withdrawn / objected: the latest word was a withdrawal / an objection.
 */
export const CONSENT_STATES = ['none', 'pending', 'active', 'withdrawn', 'objected'] as const;
export type ConsentState = (typeof CONSENT_STATES)[number];

export interface ConsentStep {
  channel: ConsentTopic;
  action: ConsentAction;
  /** ISO 8601, UTC: when it happened (the signature's time, the click's, the counter's). */
  at: string;
  /** The address the step applies to (e-mail grants): lets a re-grant of a confirmed address stay active. */
  contact?: string;
  /** When the server wrote it; nothing happened after that, whatever a tablet's clock said. */
  recordedAt?: string;
}

/** A channel's state; while active, also the step that made it active and the grant it rests on. */
export interface ConsentFold<S extends ConsentStep> {
  state: ConsentState;
  /** The grant, or for e-mail the confirmation, that made the channel active; null unless active. */
  since: S | null;
  /** The latest grant (its contact is what the consent applies to); null unless active. */
  grant: S | null;
}

/**
 * Folds one channel's history in time order (ties keep the given order; a step's time is never
 * later than its recording). A confirmation counts only while a grant is pending, and only for
 * that grant's address when both are known: a confirmation link clicked after a withdrawal does
 * not bring the consent back, and the link sent to an old address does not confirm a newer one.
 * An objection stays until a new grant lifts it; a withdrawal after it changes nothing.
 * An e-mail grant makes the channel pending until confirmed (double opt-in), except when it
 * renews the very address that is active and confirmed already: the customer who signs again
 * with the same address is not sent back to "pending" (both contacts must be known).
 * 'health' folds like 'letter': granted → active, withdrawn → withdrawn.
 */
export function foldConsent<S extends ConsentStep>(channel: ConsentTopic, history: readonly S[]): ConsentFold<S> {
  const steps = history.filter((s) => s.channel === channel).map((s, i) => ({ s, i, t: happened(s) }));
  steps.sort((a, b) => (a.t < b.t ? -1 : a.t > b.t ? 1 : a.i - b.i));
  let state: ConsentState = 'none';
  let since: S | null = null;
  let grant: S | null = null;
  for (const { s } of steps) {
    if (s.action === 'granted') {
      if (channel !== 'email') {
        state = 'active';
        since = s;
      } else if (!(state === 'active' && sameAddress(grant?.contact, s.contact))) {
        state = 'pending';
        since = null;
      }
      grant = s;
    } else if (s.action === 'confirmed') {
      // The link confirms the address its e-mail went to: it cannot activate a later grant for another one.
      if (state === 'pending' && !otherAddress(grant?.contact, s.contact)) {
        state = 'active';
        since = s;
      }
    } else if (!(s.action === 'withdrawn' && state === 'objected')) {
      // An objection is the stronger word (no advertising on this channel at all): a later withdrawal does not soften it.
      state = s.action;
    }
  }
  return state === 'active' ? { state, since, grant } : { state, since: null, grant: null };
}

/** A tablet running ahead must not put a signature after a link clicked since: no step is later than its recording. */
const happened = (s: ConsentStep) => (s.recordedAt !== undefined && s.recordedAt < s.at ? s.recordedAt : s.at);

const sameAddress = (a: string | undefined, b: string | undefined) => a !== undefined && b !== undefined && a !== '' && a.toLowerCase() === b.toLowerCase();
const otherAddress = (a: string | undefined, b: string | undefined) => !!a && !!b && a.toLowerCase() !== b.toLowerCase();

/** The current state of one channel (or of the health consent) from its history (see foldConsent). */
export function consentState(channel: ConsentTopic, history: readonly ConsentStep[]): ConsentState {
  return foldConsent(channel, history).state;
}

/** Every marketing channel's current state (health is not among them: see topicStates). */
export function consentStates(history: readonly ConsentStep[]): Record<Channel, ConsentState> {
  return Object.fromEntries(CHANNELS.map((c) => [c, consentState(c, history)])) as Record<Channel, ConsentState>;
}

/** Every topic's current state: the marketing channels and the health consent. */
export function topicStates(history: readonly ConsentStep[]): Record<ConsentTopic, ConsentState> {
  return Object.fromEntries(CONSENT_TOPICS.map((c) => [c, consentState(c, history)])) as Record<ConsentTopic, ConsentState>;
}

// ---------------------------------------------------------------------------------------------
// The counter event: tablet → server
// ---------------------------------------------------------------------------------------------

const msg = (key: ErrorKey) => key;
const optionalText = (max: number) => v.pipe(v.string(), v.trim(), v.maxLength(max, msg('error.tooLong')));

/**
 * Who the withdrawal or objection is about, as staff typed it. At least an e-mail address or a
 * mobile number, or else a name with a postal address (enough for letters).
 */
export const CounterCustomerSchema = v.pipe(
  v.strictObject({
    name: optionalText(120),
    street: optionalText(120),
    postalCode: optionalText(10),
    city: optionalText(80),
    email: v.union([v.literal(''), EmailSchema], msg('error.email')),
    mobile: v.union([v.literal(''), E164Schema], msg('error.mobile')),
  }),
  v.check((c) => c.email !== '' || c.mobile !== '' || (c.name !== '' && c.street !== '' && c.postalCode !== ''), msg('error.required')),
);
export type CounterCustomer = v.InferOutput<typeof CounterCustomerSchema>;

/**
 * channels names consent topics: marketing channels and/or 'health'. A withdrawal may name any;
 * an objection (Art. 21(2), advertising) only marketing channels: with 'health' it is refused
 * with OBJECTION_HEALTH_ERROR at channels.
 */
export const CounterEventSchema = v.pipe(
  v.strictObject({
    /** A UUID made on the tablet: the upload is idempotent by it. */
    id: v.pipe(v.string(), v.uuid()),
    at: v.pipe(v.string(), v.isoTimestamp(msg('error.date'))),
    action: v.picklist(['withdrawn', 'objected'] as const),
    channels: v.pipe(v.array(v.picklist(CONSENT_TOPICS)), v.minLength(1, msg('error.required')), v.maxLength(CONSENT_TOPICS.length)),
    customer: CounterCustomerSchema,
    staffId: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
    /** Free text from staff, e.g. "by phone"; may be empty. */
    note: optionalText(500),
  }),
  v.forward(
    v.check((e) => !(e.action === 'objected' && e.channels.includes('health')), OBJECTION_HEALTH_ERROR),
    ['channels'],
  ),
);
export type CounterEvent = v.InferOutput<typeof CounterEventSchema>;

/** At most this many counter events per upload. */
export const MAX_BATCH_EVENTS = 100;

// POST /api/v1/consent-events — device token. Body: { events: CounterEvent[] } (1..MAX_BATCH_EVENTS).
// All are validated first; one invalid event refuses the batch (422 invalid_request, nothing stored).
export const CounterEventsRequestSchema = v.strictObject({
  events: v.pipe(v.array(v.unknown()), v.minLength(1), v.maxLength(MAX_BATCH_EVENTS)),
});
export const CounterEventsResponseSchema = v.strictObject({
  results: v.array(v.strictObject({ id: v.string(), status: v.picklist(['stored', 'duplicate'] as const), customerId: v.string() })),
});
export type CounterEventsResponse = v.InferOutput<typeof CounterEventsResponseSchema>;
