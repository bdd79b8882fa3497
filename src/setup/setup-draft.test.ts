/** The setup form's rules: all or nothing, every message on its own field, texts that follow the details. */
import { describe, expect, it } from 'vitest';
import { currentTexts, emptySetupDraft, shopIdFor, validateSetup, type SetupDraft } from './setup-draft';

function filled(overrides: Partial<SetupDraft> = {}): SetupDraft {
  return {
    ...emptySetupDraft(),
    name: 'Optik Müller',
    street: 'Hauptstraße 1',
    postalCode: '10115',
    city: 'Berlin',
    controllerName: 'Maria Müller',
    controllerEmail: 'datenschutz@optik-mueller.de',
    staff: [{ name: 'Anna', pin: '1234', pinRepeat: '1234' }],
    ...overrides,
  };
}

describe('validateSetup', () => {
  it('accepts a complete draft and returns a valid shop with its staff', () => {
    const result = validateSetup(filled(), 'optik-mueller-abc123');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.shop.id).toBe('optik-mueller-abc123');
    expect(result.shop.inactivitySeconds).toBe(90);
    expect(result.shop.dpo).toBeNull();
    expect(result.shop.texts.notice.de).toContain('Optik Müller');
    expect(result.staff).toEqual([{ name: 'Anna', pin: '1234' }]);
  });

  it('reports every empty required field at once, each under its own path', () => {
    const result = validateSetup({ ...emptySetupDraft(), hasDpo: true }, 'shop-1');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toMatchObject({
      name: 'error.required',
      street: 'error.required',
      postalCode: 'error.required',
      city: 'error.required',
      'controller.name': 'error.required',
      'controller.email': 'error.required',
      'dpo.name': 'error.required',
      'dpo.email': 'error.required',
      'staff.0.name': 'error.required',
      'staff.0.pin': 'error.pin',
    });
  });

  it('refuses a bad e-mail, a PIN typed differently twice, a shared PIN and an idle time out of range', () => {
    const result = validateSetup(
      filled({
        controllerEmail: 'not-an-address',
        inactivitySeconds: '10',
        staff: [
          { name: 'Anna', pin: '1234', pinRepeat: '1243' },
          { name: 'Ben', pin: '5678', pinRepeat: '5678' },
          { name: 'Cleo', pin: '5678', pinRepeat: '5678' },
        ],
      }),
      'shop-1',
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors['controller.email']).toBe('error.email');
    expect(result.errors.inactivitySeconds).toBe('setup.inactivityRange');
    expect(result.errors['staff.0.pinRepeat']).toBe('setup.pinMismatch');
    expect(result.errors['staff.1.pin']).toBeUndefined();
    expect(result.errors['staff.2.pin']).toBe('setup.pinTaken');
  });

  it('refuses a text emptied by hand', () => {
    const result = validateSetup(filled({ editedTexts: { 'sms.en': '   ' } }), 'shop-1');
    expect(!result.ok && result.errors['texts.sms.en']).toBe('error.required');
  });
});

describe('currentTexts', () => {
  it('follows the details until a text is edited, then keeps the edit', () => {
    const draft = filled({ editedTexts: { 'letter.de': 'Eigener Text' } });
    const texts = currentTexts({ ...draft, name: 'Optik Neu' });
    expect(texts.notice.de).toContain('Optik Neu');
    expect(texts.letter.de).toBe('Eigener Text');
    expect(texts.letter.en).toContain('Optik Neu');
  });

  it('names the data-protection officer only when there is one', () => {
    expect(currentTexts(filled()).notice.de).not.toContain('Datenschutzbeauftragten');
    const withDpo = currentTexts(filled({ hasDpo: true, dpoName: 'Dr. Daten', dpoEmail: 'dsb@example.de' }));
    expect(withDpo.notice.de).toContain('Dr. Daten, dsb@example.de');
  });
});

describe('shopIdFor', () => {
  it('makes a readable, schema-safe id', () => {
    expect(shopIdFor('Optik Müller & Söhne GmbH', 'a1b2c3')).toBe('optik-mueller-soehne-gmbh-a1b2c3');
    expect(shopIdFor('  ', 'a1b2c3')).toBe('shop-a1b2c3');
    expect(shopIdFor('x'.repeat(100), 'a1b2c3')).toMatch(/^[a-z0-9-]{1,64}$/);
  });
});
