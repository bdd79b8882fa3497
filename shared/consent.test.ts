import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { CHANNELS } from './channels';
import { CONSENT_TOPICS, consentState, consentStates, CounterEventSchema, foldConsent, OBJECTION_HEALTH_ERROR, topicStates, type ConsentStep } from './consent';
import { parseWith } from './record';

const at = (minute: number) => `2026-11-29T10:${String(minute).padStart(2, '0')}:00.000Z`;
const step = (channel: ConsentStep['channel'], action: ConsentStep['action'], minute: number, contact?: string): ConsentStep => ({ channel, action, at: at(minute), contact });

describe('consentState', () => {
  it('is none without history, and ignores the other channels', () => {
    expect(consentState('sms', [])).toBe('none');
    expect(consentState('sms', [step('letter', 'granted', 1), step('email', 'granted', 2)])).toBe('none');
    expect(consentStates([])).toEqual({ letter: 'none', email: 'none', sms: 'none' });
  });

  it('makes letter and SMS active with a grant, and follows withdrawal, objection and a new grant', () => {
    for (const channel of ['letter', 'sms'] as const) {
      expect(consentState(channel, [step(channel, 'granted', 1)])).toBe('active');
      expect(consentState(channel, [step(channel, 'granted', 1), step(channel, 'withdrawn', 2)])).toBe('withdrawn');
      expect(consentState(channel, [step(channel, 'granted', 1), step(channel, 'objected', 2)])).toBe('objected');
      expect(consentState(channel, [step(channel, 'granted', 1), step(channel, 'withdrawn', 2), step(channel, 'granted', 3)])).toBe('active');
      // An objection needs no consent before it.
      expect(consentState(channel, [step(channel, 'objected', 1)])).toBe('objected');
      expect(consentState(channel, [step(channel, 'objected', 1), step(channel, 'granted', 2)])).toBe('active');
    }
  });

  it('keeps an objection when a withdrawal comes after it; only a new grant lifts it', () => {
    for (const channel of ['letter', 'email', 'sms'] as const) {
      expect(consentState(channel, [step(channel, 'granted', 1), step(channel, 'objected', 2), step(channel, 'withdrawn', 3)])).toBe('objected');
      expect(consentState(channel, [step(channel, 'objected', 1), step(channel, 'withdrawn', 2), step(channel, 'withdrawn', 3)])).toBe('objected');
      // A withdrawal first, then an objection: the objection is the latest and stronger word.
      expect(consentState(channel, [step(channel, 'granted', 1), step(channel, 'withdrawn', 2), step(channel, 'objected', 3)])).toBe('objected');
      expect(consentState(channel, [step(channel, 'objected', 1), step(channel, 'withdrawn', 2), step(channel, 'granted', 3), step(channel, 'withdrawn', 4)])).toBe('withdrawn');
    }
    expect(consentState('letter', [step('letter', 'objected', 1), step('letter', 'withdrawn', 2), step('letter', 'granted', 3)])).toBe('active');
  });

  it('keeps e-mail pending until the address is confirmed (double opt-in)', () => {
    const granted = step('email', 'granted', 1, 'a@example.com');
    expect(consentState('email', [granted])).toBe('pending');
    expect(consentState('email', [granted, step('email', 'confirmed', 2)])).toBe('active');
    expect(consentState('email', [granted, step('email', 'confirmed', 2), step('email', 'withdrawn', 3)])).toBe('withdrawn');
    // A second click on the confirmation link changes nothing.
    expect(consentState('email', [granted, step('email', 'confirmed', 2), step('email', 'confirmed', 3)])).toBe('active');
  });

  it('does not let a confirmation bring back a consent that was withdrawn or never given', () => {
    expect(consentState('email', [step('email', 'confirmed', 1)])).toBe('none');
    expect(consentState('email', [step('email', 'granted', 1), step('email', 'withdrawn', 2), step('email', 'confirmed', 3)])).toBe('withdrawn');
    expect(consentState('email', [step('email', 'granted', 1), step('email', 'objected', 2), step('email', 'confirmed', 3)])).toBe('objected');
    // Confirmed before the grant it would confirm (clock skew, or a stale link): not active.
    expect(consentState('email', [step('email', 'confirmed', 1), step('email', 'granted', 2)])).toBe('pending');
  });

  it('asks for a new confirmation after a withdrawal, and for a new address; not for the same confirmed address signed again', () => {
    const confirmed = [step('email', 'granted', 1, 'a@example.com'), step('email', 'confirmed', 2)];
    expect(consentState('email', [...confirmed, step('email', 'granted', 3, 'A@Example.com')])).toBe('active');
    expect(consentState('email', [...confirmed, step('email', 'granted', 3, 'b@example.com')])).toBe('pending');
    expect(consentState('email', [...confirmed, step('email', 'withdrawn', 3), step('email', 'granted', 4, 'a@example.com')])).toBe('pending');
    // Without contacts the rule stays strict.
    expect(consentState('email', [step('email', 'granted', 1), step('email', 'confirmed', 2), step('email', 'granted', 3)])).toBe('pending');
    // A second grant while still pending stays pending.
    expect(consentState('email', [step('email', 'granted', 1, 'a@example.com'), step('email', 'granted', 2, 'a@example.com')])).toBe('pending');
  });

  it('does not let the link sent to an earlier address confirm a later, different one', () => {
    const twoGrants = [step('email', 'granted', 1, 'a@example.com'), step('email', 'granted', 2, 'b@example.com')];
    expect(consentState('email', [...twoGrants, step('email', 'confirmed', 3, 'a@example.com')])).toBe('pending');
    expect(consentState('email', [...twoGrants, step('email', 'confirmed', 3, 'B@Example.com')])).toBe('active');
    expect(consentState('email', [...twoGrants, step('email', 'confirmed', 3, 'a@example.com'), step('email', 'confirmed', 4, 'b@example.com')])).toBe('active');
  });

  it('never puts a step after the time the server recorded it (a tablet clock running ahead)', () => {
    const ahead = { ...step('sms', 'granted', 30), recordedAt: at(10) };
    expect(consentState('sms', [ahead, { ...step('sms', 'withdrawn', 12), recordedAt: at(12) }])).toBe('withdrawn');
    expect(consentState('sms', [{ ...step('sms', 'granted', 30), recordedAt: at(40) }, { ...step('sms', 'withdrawn', 12), recordedAt: at(12) }])).toBe('active');
  });

  it('applies events in time order, whatever order they are given in; ties keep the given order', () => {
    const history = [step('sms', 'withdrawn', 5), step('sms', 'granted', 1)];
    expect(consentState('sms', history)).toBe('withdrawn');
    expect(consentState('sms', [step('sms', 'granted', 7), step('sms', 'withdrawn', 5)])).toBe('active');
    expect(consentState('email', [step('email', 'confirmed', 3), step('email', 'granted', 1)])).toBe('active');
    expect(consentState('sms', [step('sms', 'granted', 1), step('sms', 'withdrawn', 1)])).toBe('withdrawn');
    expect(consentState('sms', [step('sms', 'withdrawn', 1), step('sms', 'granted', 1)])).toBe('active');
    // The input is not reordered in place.
    expect(history.map((s) => s.action)).toEqual(['withdrawn', 'granted']);
  });

  it('derives every channel at once', () => {
    expect(
      consentStates([step('letter', 'granted', 1), step('email', 'granted', 1), step('sms', 'granted', 1), step('sms', 'objected', 2), step('letter', 'withdrawn', 3)]),
    ).toEqual({ letter: 'withdrawn', email: 'pending', sms: 'objected' });
  });
});

describe('foldConsent', () => {
  it('names the step that made the channel active and the grant it rests on', () => {
    const grant = { ...step('email', 'granted', 1, 'a@example.com'), id: 1 };
    const confirm = { ...step('email', 'confirmed', 4), id: 2 };
    expect(foldConsent('email', [confirm, grant])).toEqual({ state: 'active', since: confirm, grant });
    const again = { ...step('email', 'granted', 6, 'a@example.com'), id: 3 };
    expect(foldConsent('email', [grant, confirm, again])).toEqual({ state: 'active', since: confirm, grant: again });
    const sms = { ...step('sms', 'granted', 2, '+491701234567'), id: 4 };
    expect(foldConsent('sms', [sms])).toEqual({ state: 'active', since: sms, grant: sms });
    expect(foldConsent('sms', [sms, { ...step('sms', 'withdrawn', 3), id: 5 }])).toEqual({ state: 'withdrawn', since: null, grant: null });
    expect(foldConsent('email', [grant])).toEqual({ state: 'pending', since: null, grant: null });
  });
});

describe('the health consent (Art. 9)', () => {
  it('is a topic of its own beside the marketing channels, which stay three', () => {
    expect(CHANNELS).toEqual(['letter', 'email', 'sms']);
    expect(CONSENT_TOPICS).toEqual(['letter', 'email', 'sms', 'health']);
  });

  it('folds like a letter: granted is active at once, a withdrawal ends it, a new grant renews it', () => {
    expect(consentState('health', [])).toBe('none');
    expect(consentState('health', [step('health', 'granted', 1)])).toBe('active');
    expect(consentState('health', [step('health', 'granted', 1), step('health', 'withdrawn', 2)])).toBe('withdrawn');
    expect(consentState('health', [step('health', 'granted', 1), step('health', 'withdrawn', 2), step('health', 'granted', 3)])).toBe('active');
    const grant = step('health', 'granted', 1);
    expect(foldConsent('health', [grant])).toEqual({ state: 'active', since: grant, grant });
  });

  it('never mixes with the marketing channels', () => {
    const history = [step('health', 'granted', 1), step('letter', 'withdrawn', 2)];
    expect(consentStates(history)).toEqual({ letter: 'withdrawn', email: 'none', sms: 'none' });
    expect(topicStates(history)).toEqual({ letter: 'withdrawn', email: 'none', sms: 'none', health: 'active' });
    expect(consentState('letter', [step('health', 'granted', 1)])).toBe('none');
  });
});

describe('CounterEventSchema', () => {
  const good = {
    id: '0b6f5a3e-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
    at: '2026-11-29T10:15:00.000Z',
    action: 'withdrawn',
    channels: ['email'],
    customer: { name: '', street: '', postalCode: '', city: '', email: 'a@example.com', mobile: '' },
    staffId: 'staff-1',
    note: '',
  };
  const issues = (input: unknown) => {
    const result = parseWith(CounterEventSchema, input);
    return result.ok ? [] : result.issues;
  };

  it('accepts an event identified by e-mail, by mobile, or by name and postal address', () => {
    expect(issues(good)).toEqual([]);
    expect(issues({ ...good, customer: { ...good.customer, email: '', mobile: '+491701234567' } })).toEqual([]);
    expect(issues({ ...good, customer: { name: 'Erika', street: 'Heidestraße 17', postalCode: '51147', city: '', email: '', mobile: '' } })).toEqual([]);
    expect(v.parse(CounterEventSchema, { ...good, note: '  by phone  ' }).note).toBe('by phone');
  });

  it('refuses what cannot be stored, each with the message key the tablet translates', () => {
    expect(issues({ ...good, customer: { ...good.customer, email: 'not-an-address' } })).toEqual([{ path: 'customer.email', message: 'error.email' }]);
    expect(issues({ ...good, customer: { ...good.customer, email: '', mobile: '0171 234' } })).toEqual([{ path: 'customer.mobile', message: 'error.mobile' }]);
    expect(issues({ ...good, customer: { ...good.customer, email: '', name: 'Erika', street: 'Heidestraße 17' } })).toEqual([{ path: 'customer', message: 'error.required' }]);
    expect(issues({ ...good, channels: [] })).toEqual([{ path: 'channels', message: 'error.required' }]);
    expect(issues({ ...good, channels: ['fax'] })[0]?.path).toBe('channels.0');
    expect(issues({ ...good, action: 'granted' })[0]?.path).toBe('action');
    expect(issues({ ...good, id: 'not-a-uuid' })[0]?.path).toBe('id');
    expect(issues({ ...good, at: 'yesterday' })).toEqual([{ path: 'at', message: 'error.date' }]);
    expect(issues({ ...good, extra: 1 }).length).toBeGreaterThan(0);
  });

  it('takes a withdrawal of the health consent, alone or with channels', () => {
    expect(issues({ ...good, channels: ['health'] })).toEqual([]);
    expect(issues({ ...good, channels: ['letter', 'email', 'sms', 'health'] })).toEqual([]);
  });

  it('refuses an objection that names the health consent: Art. 21(2) is about advertising', () => {
    expect(issues({ ...good, action: 'objected', channels: ['email'] })).toEqual([]);
    expect(issues({ ...good, action: 'objected', channels: ['health'] })).toEqual([{ path: 'channels', message: OBJECTION_HEALTH_ERROR }]);
    expect(issues({ ...good, action: 'objected', channels: ['sms', 'health'] })).toEqual([{ path: 'channels', message: 'error.objectionHealth' }]);
  });
});
