import { describe, expect, it } from 'vitest';
import type { Contact } from '../../shared/record';
import { checkContact, checkMobile, emailProblem } from './contact-check';

const contact: Contact = { name: 'Erika Mustermann', street: 'Hauptstraße 5', postalCode: '10115', city: 'Berlin', email: '', mobile: '' };

describe('checkContact', () => {
  it('accepts a full address without e-mail or mobile, trimmed', async () => {
    const result = await checkContact({ ...contact, name: '  Erika Mustermann ' }, '');
    expect(result).toEqual({ ok: true, contact });
  });

  it('names every empty required field', async () => {
    const result = await checkContact({ ...contact, name: ' ', street: '', postalCode: '', city: '' }, '');
    expect(result).toEqual({ ok: false, errors: { name: 'error.required', street: 'error.required', postalCode: 'error.required', city: 'error.required' } });
  });

  it('refuses a bad e-mail and a bad mobile beside their fields', async () => {
    const result = await checkContact({ ...contact, email: 'erika@' }, '12345');
    expect(result).toEqual({ ok: false, errors: { email: 'error.email', mobile: 'error.mobile' } });
  });

  it('turns a typed German mobile into E.164', async () => {
    const result = await checkContact(contact, '0171 2345678');
    expect(result.ok && result.contact.mobile).toBe('+491712345678');
  });
});

describe('channel contact values', () => {
  it('needs an e-mail address only when the channel is on', () => {
    expect(emailProblem('', false)).toBeNull();
    expect(emailProblem('', true)).toBe('kiosk.error.emailForChannel');
    expect(emailProblem('nope', false)).toBe('error.email');
    expect(emailProblem(' erika@example.com ', true)).toBeNull();
  });

  it('needs a mobile number only when SMS is on', async () => {
    expect(await checkMobile('', false)).toEqual({ ok: true, e164: '' });
    expect(await checkMobile('', true)).toEqual({ ok: false, message: 'kiosk.error.mobileForChannel' });
    expect(await checkMobile('030 1234567', true)).toEqual({ ok: false, message: 'error.mobile' });
  });
});
