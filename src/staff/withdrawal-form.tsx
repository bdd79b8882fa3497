/**
 * "Widerruf": staff record a customer's withdrawal of consent or objection to advertising, offline
 * if need be. Every message shows beside its field, and "who is it?" once at the customer's group;
 * the event is stored only when all of it is valid, and the sync run carries it to the server.
 * The health-data consent (Art. 9) has a checkbox of its own, apart from the marketing channels,
 * and only for a withdrawal: an objection is about advertising. Below, the tablet's own latest events.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { CHANNELS } from '../../shared/channels';
import type { StaffMember } from '../../shared/shop';
import { saveCounterEvent, watchRecentCounterEvents, type CounterEventRow } from '../data/consent-events';
import { useI18n } from '../i18n';
import { Field } from '../ui/field';
import type { FieldErrors } from '../ui/field-errors';
import { FormSummary } from '../ui/form-summary';
import { syncAfterSave } from '../sync/request-sync';
import { chooseAction, CUSTOMER_GROUP, emptyWithdrawalDraft, HEALTH_FIELD, toggleChannel, validateWithdrawal, type WithdrawalAction, type WithdrawalDraft } from './withdrawal-draft';
import { WithdrawalList } from './withdrawal-list';
import './withdrawal.css';

const ACTIONS: readonly WithdrawalAction[] = ['withdrawn', 'objected'];

export function WithdrawalForm(props: { staff: StaffMember }) {
  const { t, tm } = useI18n();
  const [draft, setDraft] = useState<WithdrawalDraft>(emptyWithdrawalDraft);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState('');
  const [savedId, setSavedId] = useState('');
  const [recent, setRecent] = useState<CounterEventRow[] | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => watchRecentCounterEvents(setRecent), []);

  const update = (patch: Partial<WithdrawalDraft>) => {
    setSavedId('');
    setDraft((d) => ({ ...d, ...patch }));
  };

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setFailure('');
    setSavedId('');
    try {
      const { normaliseMobile } = await import('../../shared/phone');
      const result = validateWithdrawal(draft, { id: crypto.randomUUID(), at: new Date().toISOString(), staffId: props.staff.id, normaliseMobile });
      if (!result.ok) {
        setErrors(result.errors);
        focusFirstProblem(formRef.current);
        return;
      }
      setErrors({});
      const saved = await saveCounterEvent(result.event);
      if (!saved.ok) {
        setFailure(t('error.storage'));
        return;
      }
      // Cleared for the next customer; the message stays until staff start typing again.
      setDraft(emptyWithdrawalDraft());
      setSavedId(saved.event.id);
      syncAfterSave();
    } catch {
      setFailure(t('error.storage'));
    } finally {
      setBusy(false);
    }
  }

  const f = (key: 'name' | 'street' | 'postalCode' | 'city' | 'email' | 'mobile' | 'note') => ({
    id: `withdrawal-${key}`,
    value: draft[key],
    error: errors[key],
    onInput: (value: string) => update({ [key]: value }),
  });
  // "Who is it?" is said once at the group; each of its fields points to it, so the field that gets the focus says why.
  const groupError = errors[CUSTOMER_GROUP] ? 'withdrawal-customer-error' : undefined;
  const savedRow = savedId ? recent?.find((row) => row.id === savedId) : undefined;
  const errorCount = Object.keys(errors).length;

  return (
    <>
      <form ref={formRef} class="card withdrawal-form" noValidate onSubmit={(e) => void submit(e)} aria-labelledby="withdrawal-title">
        <h2 id="withdrawal-title">{t('staff.withdrawal.title')}</h2>
        <p class="hint">{t('staff.withdrawal.intro')}</p>

        <fieldset class="withdrawal-choices">
          <legend>{t('staff.withdrawal.action')}</legend>
          {ACTIONS.map((action) => {
            const id = `withdrawal-action-${action}`;
            return (
              <div key={action} class="withdrawal-choice">
                <div class="check">
                  <input
                    id={id}
                    type="radio"
                    name="withdrawal-action"
                    value={action}
                    checked={draft.action === action}
                    aria-invalid={errors.action ? 'true' : 'false'}
                    aria-describedby={described(`${id}-hint`, !!errors.action && 'withdrawal-action-error')}
                    onChange={() => update(chooseAction(draft, action))}
                  />
                  <label for={id}>{t(`staff.withdrawal.action.${action}`)}</label>
                </div>
                <p id={`${id}-hint`} class="hint withdrawal-choice-hint">{t(`staff.withdrawal.action.${action}Hint`)}</p>
              </div>
            );
          })}
          {errors.action && <p id="withdrawal-action-error" class="field-error">{tm(errors.action)}</p>}
        </fieldset>

        <fieldset class="withdrawal-choices">
          <legend>{t('staff.withdrawal.channels')}</legend>
          <div class="withdrawal-channels">
            {CHANNELS.map((channel) => {
              const id = `withdrawal-channel-${channel}`;
              return (
                <div key={channel} class="check">
                  <input
                    id={id}
                    type="checkbox"
                    checked={draft.channels.includes(channel)}
                    aria-invalid={errors.channels ? 'true' : 'false'}
                    aria-describedby={described(!!errors.channels && 'withdrawal-channels-error')}
                    onChange={() => update({ channels: toggleChannel(draft.channels, channel) })}
                  />
                  <label for={id}>{t(`kiosk.channel.${channel}`)}</label>
                </div>
              );
            })}
          </div>
          {errors.channels && <p id="withdrawal-channels-error" class="field-error">{tm(errors.channels)}</p>}
        </fieldset>

        <fieldset class="withdrawal-choices withdrawal-health">
          <legend>{t('staff.withdrawal.health')}</legend>
          <div class="check">
            <input
              id="withdrawal-health"
              type="checkbox"
              checked={draft.channels.includes('health')}
              disabled={draft.action === 'objected'}
              aria-invalid={errors[HEALTH_FIELD] || errors.channels ? 'true' : 'false'}
              aria-describedby={described('withdrawal-health-hint', !!errors[HEALTH_FIELD] && 'withdrawal-health-error', !!errors.channels && 'withdrawal-channels-error')}
              onChange={() => update({ channels: toggleChannel(draft.channels, 'health') })}
            />
            <label for="withdrawal-health">{t('staff.withdrawal.health.label')}</label>
          </div>
          <p id="withdrawal-health-hint" class="hint withdrawal-choice-hint">
            {t(draft.action === 'objected' ? 'staff.withdrawal.health.objectedHint' : 'staff.withdrawal.health.hint')}
          </p>
          {errors[HEALTH_FIELD] && <p id="withdrawal-health-error" class="field-error">{tm(errors[HEALTH_FIELD])}</p>}
        </fieldset>

        <fieldset
          class="withdrawal-choices"
          aria-describedby={described('withdrawal-customer-hint', !!errors[CUSTOMER_GROUP] && 'withdrawal-customer-error')}
          data-invalid={errors[CUSTOMER_GROUP] ? 'true' : undefined}
        >
          <legend>{t('staff.withdrawal.customer')}</legend>
          <p id="withdrawal-customer-hint" class="hint">{t('staff.withdrawal.customerHint')}</p>
          {errors[CUSTOMER_GROUP] && <p id="withdrawal-customer-error" class="field-error">{tm(errors[CUSTOMER_GROUP])}</p>}
          <div class="field-row">
            <ContactField {...f('email')} groupError={groupError} label={t('staff.order.email')} type="email" inputMode="email" />
            <ContactField {...f('mobile')} groupError={groupError} label={t('staff.order.mobile')} type="tel" inputMode="tel" hint={t('staff.order.mobileHint')} />
          </div>
          <ContactField {...f('name')} groupError={groupError} label={t('staff.order.name')} />
          <ContactField {...f('street')} groupError={groupError} label={t('staff.order.street')} />
          <div class="field-row">
            <ContactField {...f('postalCode')} groupError={groupError} label={t('staff.order.postalCode')} inputMode="numeric" />
            <ContactField {...f('city')} groupError={groupError} label={t('staff.order.city')} />
          </div>
        </fieldset>

        <Field {...f('note')} label={t('staff.withdrawal.note')} optional multiline rows={2} maxLength={500} hint={t('staff.withdrawal.noteHint')} />

        <FormSummary errorCount={errorCount} failure={failure} />
        <p role="status" class={savedId ? 'banner banner--ok' : 'visually-hidden'}>
          {savedId ? t(savedRow?.state === 'synced' ? 'staff.withdrawal.savedSynced' : 'staff.withdrawal.saved') : ''}
        </p>
        <div class="actions actions--start">
          <button type="submit" class="primary" disabled={busy} aria-busy={busy}>{t('common.save')}</button>
        </div>
      </form>

      <section class="card" aria-labelledby="withdrawal-recent">
        <h3 id="withdrawal-recent">{t('staff.withdrawal.recent')}</h3>
        <WithdrawalList rows={recent} />
      </section>
    </>
  );
}

const described = (...ids: Array<string | false>) => ids.filter(Boolean).join(' ') || undefined;

/** After a failed save: the first invalid field, or the first field of a group whose message is said once. */
function focusFirstProblem(root: HTMLElement | null): void {
  requestAnimationFrame(() => root?.querySelector<HTMLElement>('[aria-invalid="true"], fieldset[data-invalid] input')?.focus());
}

/**
 * A customer detail. None is required by itself (one way to find the customer is), so unlike Field
 * it says neither "optional" nor aria-required; the group's hint says what is needed.
 */
function ContactField(props: {
  id: string;
  label: string;
  value: string;
  error?: string;
  /** The id of the group's "who is it?" message, while it is shown. */
  groupError?: string;
  hint?: string;
  type?: 'email' | 'tel';
  inputMode?: 'email' | 'tel' | 'numeric';
  onInput: (value: string) => void;
}) {
  const { tm } = useI18n();
  return (
    <div class={`field${props.error ? ' field--invalid' : ''}`}>
      <div class="field-label">
        <label for={props.id}>{props.label}</label>
      </div>
      <input
        id={props.id}
        name={props.id}
        // As in Field: Preact's input types are a union keyed on `type`, which a union-typed prop does not fit.
        type={(props.type ?? 'text') as 'text'}
        inputMode={props.inputMode}
        value={props.value}
        autoComplete="off"
        autoCorrect="off"
        spellcheck={false}
        aria-invalid={props.error ? 'true' : 'false'}
        aria-describedby={described(!!props.error && `${props.id}-error`, !!props.groupError && props.groupError, !!props.hint && `${props.id}-hint`)}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
      {props.error && <p id={`${props.id}-error`} class="field-error">{tm(props.error)}</p>}
      {props.hint && <p id={`${props.id}-hint`} class="hint">{props.hint}</p>}
    </div>
  );
}
