import { describe, expect, it } from 'vitest';
import { normaliseMobile } from '../../shared/phone';
import { ContactSchema, parseWith } from '../../shared/record';
import { translateMessage } from '../i18n';
import { chooseAction, emptyWithdrawalDraft, toggleChannel, topicKey, validateWithdrawal, type WithdrawalDraft } from './withdrawal-draft';

const options = { id: '00000000-0000-4000-8000-00000000d001', at: '2026-11-29T10:00:00.000Z', staffId: 'staff-1', normaliseMobile };
const draft = (patch: Partial<WithdrawalDraft>): WithdrawalDraft => ({ ...emptyWithdrawalDraft(), ...patch });
const errorsOf = (d: WithdrawalDraft) => {
  const result = validateWithdrawal(d, options);
  if (result.ok) throw new Error('expected messages');
  return result.errors;
};

describe('the health-data consent at the counter', () => {
  it('makes a withdrawal of the health consent, alone or with channels', () => {
    const alone = validateWithdrawal(draft({ action: 'withdrawn', channels: ['health'], email: 'max@example.com' }), options);
    expect(alone.ok && alone.event.channels).toEqual(['health']);
    const both = validateWithdrawal(draft({ action: 'withdrawn', channels: toggleChannel(['email'], 'health'), email: 'max@example.com' }), options);
    expect(both.ok && both.event.channels).toEqual(['email', 'health']);
  });

  it('refuses an objection that names health, beside the health box, in both languages', () => {
    const errors = errorsOf(draft({ action: 'objected', channels: ['sms', 'health'], email: 'max@example.com' }));
    expect(errors).toEqual({ health: 'error.objectionHealth' });
    expect(translateMessage('de', errors.health!)).toMatch(/Gesundheitsdaten/);
    expect(translateMessage('en', errors.health!)).toMatch(/health-data consent/);
  });

  it('unticks health when staff choose an objection, and keeps it for a withdrawal', () => {
    expect(chooseAction({ channels: ['letter', 'health'] }, 'objected')).toEqual({ action: 'objected', channels: ['letter'], healthHeld: true });
    expect(chooseAction({ channels: ['letter', 'health'] }, 'withdrawn')).toEqual({ action: 'withdrawn', channels: ['letter', 'health'], healthHeld: false });
  });

  it('ticks health again when staff go from an objection back to a withdrawal, as it was', () => {
    let d = draft({ action: 'withdrawn', channels: ['email', 'health'], email: 'max@example.com' });
    d = { ...d, ...chooseAction(d, 'objected') };
    expect(d.channels).toEqual(['email']);
    d = { ...d, ...chooseAction(d, 'objected') }; // chosen again: still remembered
    d = { ...d, ...chooseAction(d, 'withdrawn') };
    expect(d.channels).toEqual(['email', 'health']);
    const saved = validateWithdrawal(d, options);
    expect(saved.ok && saved.event.channels).toEqual(['email', 'health']);
    // Health unticked before the objection stays unticked.
    let plain = draft({ action: 'withdrawn', channels: ['sms'] });
    plain = { ...plain, ...chooseAction(plain, 'objected') };
    expect(chooseAction(plain, 'withdrawn').channels).toEqual(['sms']);
  });

  it('keeps health after the channels and names it apart from them', () => {
    expect(toggleChannel(['health'], 'letter')).toEqual(['letter', 'health']);
    expect(topicKey('health')).toBe('staff.withdrawal.topic.health');
    expect(topicKey('sms')).toBe('kiosk.channel.sms');
  });
});

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
      channels: 'staff.withdrawal.error.topics',
      customer: 'staff.withdrawal.error.identify',
    });
    expect(errorsOf(draft({ action: 'withdrawn', channels: ['email'], email: 'max@example' }))).toEqual({ email: 'error.email' });
    // A landline, and a number too short to be any: neither can receive an SMS.
    expect(errorsOf(draft({ action: 'withdrawn', channels: ['sms'], mobile: '030 1234567' }))).toEqual({ mobile: 'error.mobile' });
    expect(errorsOf(draft({ action: 'withdrawn', channels: ['sms'], mobile: '0171 23' }))).toEqual({ mobile: 'error.mobile' });
    // A good e-mail address does not hide a bad mobile number.
    expect(errorsOf(draft({ action: 'withdrawn', channels: ['sms'], email: 'max@example.com', mobile: 'abc' }))).toEqual({ mobile: 'error.mobile' });
  });

  it('says "who is it?" once, for the group, when only a name is given', () => {
    const base: Partial<WithdrawalDraft> = { action: 'objected', channels: ['letter'] };
    expect(errorsOf(draft({ ...base, name: 'Erika Mustermann' }))).toEqual({ customer: 'staff.withdrawal.error.identify' });
    expect(errorsOf(draft({ ...base, name: 'Erika Mustermann', note: 'telefonisch' }))).toEqual({ customer: 'staff.withdrawal.error.identify' });
  });

  it('asks for the rest of the address, field by field, once the address is begun', () => {
    const base: Partial<WithdrawalDraft> = { action: 'objected', channels: ['letter'] };
    expect(errorsOf(draft({ ...base, name: 'Erika Mustermann', street: 'Heidestraße 17' }))).toEqual({ postalCode: 'error.required', city: 'error.required' });
    // Without e-mail and mobile the name is part of what finds the customer.
    expect(errorsOf(draft({ ...base, street: 'Heidestraße 17', postalCode: '51147', city: 'Köln' }))).toEqual({ name: 'error.required' });
    // With an e-mail address the name may stay empty, but an address begun needs its city.
    const byEmail = { ...base, email: 'erika@example.com', street: 'Heidestraße 17', postalCode: '51147' };
    expect(errorsOf(draft(byEmail))).toEqual({ city: 'error.required' });
    expect(validateWithdrawal(draft({ ...byEmail, city: 'Köln' }), options).ok).toBe(true);
    expect(errorsOf(draft({ ...base, mobile: '0171 2345678', postalCode: '51147' }))).toEqual({ street: 'error.required', city: 'error.required' });
  });

  it('checks the postal code as the order form and the kiosk do (shared ContactSchema)', () => {
    const address: Partial<WithdrawalDraft> = { action: 'objected', channels: ['letter'], name: 'Erika', street: 'Heidestraße 17', city: 'Köln' };
    expect(errorsOf(draft({ ...address, postalCode: '5!' }))).toEqual({ postalCode: 'error.postalCode' });
    for (const postalCode of ['51147', '3707', '1010', 'SW1A 1AA', '5', '51147-12345', 'Köln']) {
      const shared = parseWith(ContactSchema.entries.postalCode, postalCode).ok;
      const here = validateWithdrawal(draft({ ...address, postalCode }), options);
      expect(here.ok ? 'accepted' : here.errors.postalCode, postalCode).toBe(shared ? 'accepted' : 'error.postalCode');
    }
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
