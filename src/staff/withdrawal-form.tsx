/**
 * "Widerruf": staff record a customer's withdrawal of consent or objection to advertising, offline
 * if need be. Every message shows beside its field; the event is stored only when all of it is
 * valid, and the sync run carries it to the server. Below, the tablet's own latest events.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { CHANNELS } from '../../shared/channels';
import type { StaffMember } from '../../shared/shop';
import { saveCounterEvent, watchRecentCounterEvents, type CounterEventRow } from '../data/consent-events';
import { useI18n } from '../i18n';
import { Field, focusFirstInvalid } from '../ui/field';
import type { FieldErrors } from '../ui/field-errors';
import { FormSummary } from '../ui/form-summary';
import { syncAfterSave } from '../sync/request-sync';
import { emptyWithdrawalDraft, toggleChannel, validateWithdrawal, type WithdrawalAction, type WithdrawalDraft } from './withdrawal-draft';
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
        focusFirstInvalid(formRef.current);
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
  const described = (...ids: Array<string | false>) => ids.filter(Boolean).join(' ') || undefined;
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
                    onChange={() => update({ action })}
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

        <fieldset class="withdrawal-choices" aria-describedby="withdrawal-customer-hint">
          <legend>{t('staff.withdrawal.customer')}</legend>
          <p id="withdrawal-customer-hint" class="hint">{t('staff.withdrawal.customerHint')}</p>
          <div class="field-row">
            <Field {...f('email')} label={t('staff.order.email')} type="email" inputMode="email" optional />
            <Field {...f('mobile')} label={t('staff.order.mobile')} type="tel" inputMode="tel" optional hint={t('staff.order.mobileHint')} />
          </div>
          <Field {...f('name')} label={t('staff.order.name')} optional />
          <Field {...f('street')} label={t('staff.order.street')} optional />
          <div class="field-row">
            <Field {...f('postalCode')} label={t('staff.order.postalCode')} inputMode="numeric" optional />
            <Field {...f('city')} label={t('staff.order.city')} optional />
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
