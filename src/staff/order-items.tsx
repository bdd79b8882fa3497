/**
 * The order's line items: one row per item with visible column headers. With several rows each
 * field is named with its row ("Beschreibung, Position 2"), so every control has a unique name.
 */
import { useI18n, formatMoney } from '../i18n';
import type { FieldErrors } from '../ui/field-errors';
import { emptyItem, parseEuros, parseQuantity, type ItemDraft } from './order-draft';

interface Props {
  items: ItemDraft[];
  errors: FieldErrors;
  onChange: (items: ItemDraft[]) => void;
}

type Column = 'description' | 'quantity' | 'unitPrice';

export function OrderItems({ items, errors, onChange }: Props) {
  const { t, tm, language } = useI18n();
  const headers: Record<Column, string> = { description: t('staff.order.description'), quantity: t('staff.order.quantity'), unitPrice: t('staff.order.unitPrice') };
  const nameOf = (column: Column, n: number) => (items.length === 1 ? headers[column] : t('staff.order.rowLabel', { field: headers[column], n: n + 1 }));
  const set = (n: number, patch: Partial<ItemDraft>) => onChange(items.map((item, i) => (i === n ? { ...item, ...patch } : item)));

  const cell = (item: ItemDraft, n: number, column: Column) => {
    const id = `order-item-${item.key}-${column}`;
    const error = errors[`items.${n}.${column}`];
    return (
      <td class={`order-item-${column}`}>
        <input
          id={id}
          aria-label={nameOf(column, n)}
          value={item[column]}
          inputMode={column === 'description' ? 'text' : column === 'quantity' ? 'numeric' : 'decimal'}
          autoComplete="off"
          aria-invalid={error ? 'true' : 'false'}
          aria-describedby={error ? `${id}-error` : undefined}
          onInput={(e) => set(n, { [column]: e.currentTarget.value })}
        />
        {error && <p id={`${id}-error`} class="field-error">{tm(error)}</p>}
      </td>
    );
  };

  return (
    <fieldset class="order-items">
      <legend>{t('staff.order.items')}</legend>
      <table>
        <thead>
          <tr>
            <th scope="col">{headers.description}</th>
            <th scope="col">{headers.quantity}</th>
            <th scope="col">{headers.unitPrice}</th>
            <th scope="col">{t('staff.order.lineTotal')}</th>
            <th scope="col"><span class="visually-hidden">{t('staff.order.rowActions')}</span></th>
          </tr>
        </thead>
        <tbody>
          {items.map((item, n) => {
            const quantity = parseQuantity(item.quantity);
            const price = parseEuros(item.unitPrice);
            const lineTotal = Number.isFinite(quantity) && Number.isFinite(price) ? formatMoney(language, quantity * price) : '–';
            return (
              <tr key={item.key}>
                {cell(item, n, 'description')}
                {cell(item, n, 'quantity')}
                {cell(item, n, 'unitPrice')}
                <td class="order-item-total">{lineTotal}</td>
                <td>
                  {items.length > 1 && (
                    <button type="button" class="danger icon" aria-label={t('staff.order.removeItem', { n: n + 1 })} onClick={() => onChange(items.filter((_, i) => i !== n))}>
                      ✕
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {errors.items && <p id="order-items-error" class="field-error">{tm(errors.items)}</p>}
      <button type="button" onClick={() => onChange([...items, emptyItem()])}>
        {t('staff.order.addItem')}
      </button>
    </fieldset>
  );
}
