import { describe, expect, it } from 'vitest';
import { normaliseMobile } from '../../shared/phone';
import { emptyWithdrawalDraft, toggleChannel, validateWithdrawal, type WithdrawalDraft } from './withdrawal-draft';

const options = { id: '00000000-0000-4000-8000-00000000d001', at: '2026-11-29T10:00:00.000Z', staffId: 'staff-1', normaliseMobile };
const draft = (patch: Partial<WithdrawalDraft>): WithdrawalDraft => ({ ...emptyWithdrawalDraft(), ...patch });
const errorsOf = (d: WithdrawalDraft) => {
  const result = validateWithdrawal(d, options);
  if (result.ok) throw new Error('expected messages');
  return result.errors;
};

describe('validateWithdrawal', () => {
  it('makes an objection to letters for a customer known only by name and address', () => {
    const result = validateWithdrawal(
      draft({ action: 'objected', channels: ['letter'], name: ' Erika Mustermann ', street: 'Heidestraße 17', postalCode: '51147', city: 'Köln', note: 'telefonisch' }),
      options,
    );
    expect(result).toEqual({
      ok: true,
      event: {
        id: options.id,
        at: options.at,
        staffId: 'staff-1',
        action: 'objected',
        channels: ['letter'],
        customer: { name: 'Erika Mustermann', street: 'Heidestraße 17', postalCode: '51147', city: 'Köln', email: '', mobile: '' },
        note: 'telefonisch',
      },
    });
  });

  it('makes a withdrawal by e-mail or by mobile number, the number in E.164', () => {
    const byEmail = validateWithdrawal(draft({ action: 'withdrawn', channels: ['email', 'sms'], email: ' max@example.com ' }), options);
    expect(byEmail.ok && byEmail.event.customer).toMatchObject({ email: 'max@example.com', mobile: '' });
    const byMobile = validateWithdrawal(draft({ action: 'withdrawn', channels: ['sms'], mobile: '0171 2345678' }), options);
    expect(byMobile.ok && byMobile.event.customer.mobile).toBe('+491712345678');
  });

  it('says each problem beside its field, and makes nothing', () => {
    expect(errorsOf(emptyWithdrawalDraft())).toEqual({
      action: 'staff.withdrawal.error.action',
      channels: 'staff.withdrawal.error.channels',
      email: 'staff.withdrawal.error.identify',
    });
    expect(errorsOf(draft({ action: 'withdrawn', channels: ['email'], email: 'max@example' }))).toEqual({ email: 'error.email' });
    // A landline, and a number too short to be any: neither can receive an SMS.
    expect(errorsOf(draft({ action: 'withdrawn', channels: ['sms'], mobile: '030 1234567' }))).toEqual({ mobile: 'error.mobile' });
    expect(errorsOf(draft({ action: 'withdrawn', channels: ['sms'], mobile: '0171 23' }))).toEqual({ mobile: 'error.mobile' });
    // A good e-mail address does not hide a bad mobile number.
    expect(errorsOf(draft({ action: 'withdrawn', channels: ['sms'], email: 'max@example.com', mobile: 'abc' }))).toEqual({ mobile: 'error.mobile' });
  });

  it('asks for the rest of the address when the address is the only way to find the customer', () => {
    expect(errorsOf(draft({ action: 'objected', channels: ['letter'], name: 'Erika Mustermann', street: 'Heidestraße 17' }))).toEqual({
      postalCode: 'staff.withdrawal.error.address',
      city: 'staff.withdrawal.error.address',
    });
    expect(errorsOf(draft({ action: 'objected', channels: ['letter'], name: 'Erika', street: 'Heidestraße 17', postalCode: '5!', city: 'Köln' }))).toEqual({
      postalCode: 'error.postalCode',
    });
  });

  it('refuses a note or a name that is too long', () => {
    expect(errorsOf(draft({ action: 'objected', channels: ['letter'], email: 'max@example.com', note: 'x'.repeat(501) }))).toEqual({ note: 'error.tooLong' });
    expect(errorsOf(draft({ action: 'objected', channels: ['letter'], email: 'max@example.com', name: 'x'.repeat(121) }))).toEqual({ name: 'error.tooLong' });
  });
});

describe('toggleChannel', () => {
  it('keeps the channels in their usual order', () => {
    expect(toggleChannel(toggleChannel(['sms'], 'letter'), 'email')).toEqual(['letter', 'email', 'sms']);
    expect(toggleChannel(['letter', 'email'], 'letter')).toEqual(['email']);
  });
});
