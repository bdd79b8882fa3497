/**
 * The new-order form's state and its validation, apart from the screen so unit tests cover it.
 * Money is typed in euros ("129,90" or "129.90") and stored as integer cents, never as floats.
 */
import { orderTotal, parseWith } from '../../shared/record';
import { PendingOrderSchema, type PendingOrder } from '../../shared/shop';
import { firstPerPath, type FieldErrors } from '../ui/field-errors';

export interface ItemDraft {
  /** Stable key for the row, so removing one row does not move focus or text into another. */
  key: string;
  description: string;
  quantity: string;
  unitPrice: string;
}

export interface OrderDraft {
  number: string;
  name: string;
  street: string;
  postalCode: string;
  city: string;
  email: string;
  mobile: string;
  items: ItemDraft[];
  deposit: string;
  pickupDate: string;
}

let rowCounter = 0;
export function emptyItem(): ItemDraft {
  rowCounter += 1;
  return { key: `item-${rowCounter}`, description: '', quantity: '1', unitPrice: '' };
}

export function emptyOrderDraft(number = ''): OrderDraft {
  return { number, name: '', street: '', postalCode: '', city: '', email: '', mobile: '', items: [emptyItem()], deposit: '', pickupDate: '' };
}

/** Euros as people type them: "129", "129,9", "129.90", "1.299,90", "€ 12,50". NaN when unreadable or ambiguous. */
export function parseEuros(input: string): number {
  let s = input.replace(/[\s\u00a0€]/g, '');
  // Thousands separators only where the decimal part makes them unambiguous ("1.299" could be either).
  if (/^\d{1,3}(\.\d{3})+,\d{1,2}$/.test(s)) s = s.replace(/\./g, '');
  else if (/^\d{1,3}(,\d{3})+\.\d{1,2}$/.test(s)) s = s.replace(/,/g, '');
  const match = /^(\d{1,9})(?:[.,](\d{1,2}))?$/.exec(s);
  if (!match) return Number.NaN;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

export function parseQuantity(input: string): number {
  return /^\s*\d{1,4}\s*$/.test(input) ? Number(input) : Number.NaN;
}

function toItems(draft: OrderDraft) {
  return draft.items.map((item) => ({
    description: item.description,
    quantity: parseQuantity(item.quantity),
    unitPriceCents: parseEuros(item.unitPrice),
  }));
}

/** The total of the rows that can be read so far; shown live while staff type. */
export function draftTotal(draft: OrderDraft): number {
  return orderTotal(toItems(draft).filter((i) => Number.isFinite(i.quantity) && Number.isFinite(i.unitPriceCents)));
}

export function draftDeposit(draft: OrderDraft): number {
  return draft.deposit.trim() === '' ? 0 : parseEuros(draft.deposit);
}

const FIELD_OF: Record<string, string> = {
  'order.number': 'number',
  'order.items': 'items',
  'order.depositCents': 'deposit',
  'order.totalCents': 'items',
  'order.pickupDate': 'pickupDate',
};

/** Schema paths ("order.items.0.unitPriceCents") to form fields ("items.0.unitPrice"). */
function fieldFor(path: string): string {
  if (path in FIELD_OF) return FIELD_OF[path]!;
  const item = /^order\.items\.(\d+)\.(description|quantity|unitPriceCents)$/.exec(path);
  if (item) return `items.${item[1]}.${item[2] === 'unitPriceCents' ? 'unitPrice' : item[2]}`;
  if (path.startsWith('customer.')) return path.slice('customer.'.length);
  return path || 'form';
}

export interface ValidateOrderOptions {
  id: string;
  createdAt: string;
  /** shared/phone.ts's normaliseMobile, passed in because the screen loads it lazily. */
  normaliseMobile: (input: string) => string | null;
}

export type OrderResult = { ok: true; pending: PendingOrder } | { ok: false; errors: FieldErrors };

export function validateOrder(draft: OrderDraft, o: ValidateOrderOptions): OrderResult {
  const items = toItems(draft);
  const mobileInput = draft.mobile.trim();
  const mobile = mobileInput === '' ? '' : o.normaliseMobile(mobileInput);
  const totalCents = orderTotal(items);
  const depositCents = draftDeposit(draft);
  const candidate = {
    order: { id: o.id, number: draft.number, items, totalCents, depositCents, currency: 'EUR', pickupDate: draft.pickupDate },
    customer: { name: draft.name, street: draft.street, postalCode: draft.postalCode, city: draft.city, email: draft.email.trim(), mobile: mobile ?? '' },
    createdAt: o.createdAt,
  };
  const parsed = parseWith(PendingOrderSchema, candidate);
  const errors: FieldErrors = {};
  if (!parsed.ok) {
    const itemIssue = parsed.issues.some((issue) => issue.path.startsWith('order.items.'));
    for (const [path, message] of Object.entries(firstPerPath(parsed.issues))) {
      // An unreadable price makes the total unreadable too; say it once, beside the price.
      if (path === 'order.totalCents' && itemIssue) continue;
      errors[fieldFor(path)] ??= message;
    }
  }
  if (mobile === null) errors.mobile = 'error.mobile';
  if (draft.pickupDate === '') errors.pickupDate = 'error.required';
  // The schema checks the deposit only once everything else is valid; say it at once instead.
  if (!errors.deposit && Number.isFinite(totalCents) && depositCents > totalCents) errors.deposit = 'error.depositAboveTotal';
  if (!parsed.ok || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, pending: parsed.value };
}
