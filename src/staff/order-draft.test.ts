/** The new-order form's rules: euros to cents, a mobile number normalised, every message on its field. */
import { describe, expect, it } from 'vitest';
import { normaliseMobile } from '../../shared/phone';
import { draftTotal, emptyOrderDraft, parseEuros, validateOrder, type OrderDraft } from './order-draft';

const options = { id: '0b7c8f5e-6a9d-4d3e-8f21-1c2b3a4d5e6f', createdAt: '2026-11-29T09:00:00.000Z', normaliseMobile };

function filled(overrides: Partial<OrderDraft> = {}): OrderDraft {
  const draft = emptyOrderDraft('2026-1129-001');
  return {
    ...draft,
    name: 'Jürgen Groß',
    street: 'Lindenallee 5',
    postalCode: '50667',
    city: 'Köln',
    items: [{ ...draft.items[0]!, description: 'Gleitsichtgläser', quantity: '2', unitPrice: '249,50' }],
    pickupDate: '2026-12-04',
    ...overrides,
  };
}

describe('parseEuros', () => {
  it('reads the ways people type prices, in whole cents', () => {
    expect(parseEuros('129,90')).toBe(12990);
    expect(parseEuros('129.90')).toBe(12990);
    expect(parseEuros('129,9')).toBe(12990);
    expect(parseEuros('129')).toBe(12900);
    expect(parseEuros('1.299,90')).toBe(129990);
    expect(parseEuros('1,299.90')).toBe(129990);
    expect(parseEuros(' 12,50 € ')).toBe(1250);
    expect(parseEuros('0,10')).toBe(10);
  });

  it('refuses what is not a price', () => {
    for (const bad of ['', 'abc', '12,345', '1.299', '-5', '1.2.3', '12,5,0']) expect(parseEuros(bad)).toBeNaN();
  });
});

describe('validateOrder', () => {
  it('builds a pending order with cents, a computed total and an E.164 mobile', () => {
    const result = validateOrder(filled({ mobile: '0171 2345678', email: ' juergen@example.com ', deposit: '100' }), options);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.pending.order).toMatchObject({ totalCents: 49900, depositCents: 10000, currency: 'EUR', pickupDate: '2026-12-04' });
    expect(result.pending.order.items).toEqual([{ description: 'Gleitsichtgläser', quantity: 2, unitPriceCents: 24950 }]);
    expect(result.pending.customer.mobile).toBe('+491712345678');
    expect(result.pending.customer.email).toBe('juergen@example.com');
  });

  it('puts each message beside its own field, items by row', () => {
    const draft = filled({ name: '', email: 'nope', mobile: '12', pickupDate: '' });
    draft.items = [draft.items[0]!, { key: 'x', description: '', quantity: '0', unitPrice: '12,345' }];
    const result = validateOrder(draft, options);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toMatchObject({
      name: 'error.required',
      email: 'error.email',
      mobile: 'error.mobile',
      pickupDate: 'error.required',
      'items.1.description': 'error.required',
      'items.1.quantity': 'error.quantity',
      'items.1.unitPrice': 'error.price',
    });
    expect(result.errors['items.0.description']).toBeUndefined();
    // The unreadable price is reported beside the price only, not again as a wrong total.
    expect(result.errors.items).toBeUndefined();
  });

  it('refuses a deposit above the total even while other fields are wrong', () => {
    const result = validateOrder(filled({ deposit: '600', name: '' }), options);
    expect(!result.ok && result.errors.deposit).toBe('error.depositAboveTotal');
  });

  it('refuses an order without items', () => {
    const result = validateOrder(filled({ items: [] }), options);
    expect(!result.ok && result.errors.items).toBe('error.noItems');
  });

  it('sums only the rows that can be read so far', () => {
    const draft = filled();
    draft.items = [...draft.items, { key: 'y', description: 'Etui', quantity: '1', unitPrice: '?' }];
    expect(draftTotal(draft)).toBe(49900);
  });
});
