/**
 * "Neuer Auftrag": staff type the customer and the items, offline if need be. Every message shows
 * beside its field; the order is stored only when all of it is valid.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { createOrder } from '../data/create-order';
import { nextOrderNumber } from '../data/orders';
import type { PendingOrder } from '../../shared/shop';
import { formatMoney, useI18n } from '../i18n';
import { Field, focusFirstInvalid } from '../ui/field';
import { FormSummary } from '../ui/form-summary';
import type { FieldErrors } from '../ui/field-errors';
import { draftDeposit, draftTotal, emptyOrderDraft, validateOrder, type OrderDraft } from './order-draft';
import { OrderItems } from './order-items';

export function OrderForm(props: { onSaved: (pending: PendingOrder) => void; onCancel: () => void }) {
  const { t, language } = useI18n();
  const [draft, setDraft] = useState<OrderDraft>(() => emptyOrderDraft());
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState('');
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    void nextOrderNumber().then((number) => setDraft((d) => (d.number === '' ? { ...d, number } : d)));
    formRef.current?.querySelector<HTMLElement>('input')?.focus();
  }, []);

  const update = (patch: Partial<OrderDraft>) => {
    // Item messages are keyed by row number; once rows come or go they would point at the wrong row.
    if (patch.items && patch.items.length !== draft.items.length) {
      setErrors((old) => Object.fromEntries(Object.entries(old).filter(([path]) => !path.startsWith('items'))));
    }
    setDraft((d) => ({ ...d, ...patch }));
  };

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setFailure('');
    try {
      const { normaliseMobile } = await import('../../shared/phone');
      const result = validateOrder(draft, { id: crypto.randomUUID(), createdAt: new Date().toISOString(), normaliseMobile });
      if (!result.ok) {
        setErrors(result.errors);
        focusFirstInvalid(formRef.current);
        return;
      }
      setErrors({});
      await createOrder(result.pending);
      props.onSaved(result.pending);
    } catch {
      setFailure(t('error.storage'));
    } finally {
      setBusy(false);
    }
  }

  const f = (key: 'number' | 'name' | 'street' | 'postalCode' | 'city' | 'email' | 'mobile' | 'deposit' | 'pickupDate') => ({
    id: `order-${key}`,
    value: draft[key],
    error: errors[key],
    onInput: (value: string) => update({ [key]: value }),
  });
  const total = draftTotal(draft);
  const deposit = draftDeposit(draft);
  const errorCount = Object.keys(errors).length;

  return (
    <form ref={formRef} class="card order-form" noValidate onSubmit={(e) => void submit(e)} aria-labelledby="order-form-title">
      <h2 id="order-form-title">{t('staff.order.formTitle')}</h2>
      <Field {...f('number')} label={t('staff.order.number')} />

      <fieldset>
        <legend>{t('staff.order.customer')}</legend>
        <Field {...f('name')} label={t('staff.order.name')} />
        <Field {...f('street')} label={t('staff.order.street')} />
        <div class="field-row">
          <Field {...f('postalCode')} label={t('staff.order.postalCode')} inputMode="numeric" />
          <Field {...f('city')} label={t('staff.order.city')} />
        </div>
        <div class="field-row">
          <Field {...f('email')} label={t('staff.order.email')} type="email" inputMode="email" optional />
          <Field {...f('mobile')} label={t('staff.order.mobile')} type="tel" inputMode="tel" optional hint={t('staff.order.mobileHint')} />
        </div>
      </fieldset>

      <OrderItems items={draft.items} errors={errors} onChange={(items) => update({ items })} />

      <div class="field-row">
        <Field {...f('deposit')} label={t('staff.order.deposit')} inputMode="decimal" optional />
        <Field {...f('pickupDate')} label={t('staff.order.pickup')} type="date" />
      </div>
      <p class="order-total" aria-live="polite">
        <span>{t('staff.order.total')}: <strong>{formatMoney(language, total)}</strong></span>
        {Number.isFinite(deposit) && deposit > 0 && <span> · {t('staff.order.balance')}: {formatMoney(language, Math.max(0, total - deposit))}</span>}
      </p>

      <FormSummary errorCount={errorCount} failure={failure} />
      <div class="actions">
        <button type="button" onClick={props.onCancel}>{t('common.cancel')}</button>
        <button type="submit" class="primary" disabled={busy}>{t('staff.order.save')}</button>
      </div>
    </form>
  );
}
