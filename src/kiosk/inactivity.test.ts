import { describe, expect, it } from 'vitest';
import { firstDeadline, inactivityPhase } from './inactivity';

describe('inactivityPhase', () => {
  const deadline = 100_000;

  it('is active until the warning window', () => {
    expect(inactivityPhase(deadline, deadline - 15_001, 15)).toEqual({ kind: 'active' });
  });

  it('warns with the whole seconds left', () => {
    expect(inactivityPhase(deadline, deadline - 15_000, 15)).toEqual({ kind: 'warning', secondsLeft: 15 });
    expect(inactivityPhase(deadline, deadline - 500, 15)).toEqual({ kind: 'warning', secondsLeft: 1 });
  });

  it('expires at the deadline and after it', () => {
    expect(inactivityPhase(deadline, deadline, 15)).toEqual({ kind: 'expired' });
    expect(inactivityPhase(deadline, deadline + 60_000, 15)).toEqual({ kind: 'expired' });
  });
});

describe('firstDeadline', () => {
  const now = 1_000_000;

  it('gives a new draft the whole time', () => {
    expect(firstDeadline(90, now)).toBe(now + 90_000);
  });

  it('gives a resumed draft only the time left since its last activity', () => {
    expect(firstDeadline(90, now, now - 66_000)).toBe(now + 24_000);
    expect(inactivityPhase(firstDeadline(90, now, now - 80_000), now, 15)).toEqual({ kind: 'warning', secondsLeft: 10 });
    expect(inactivityPhase(firstDeadline(90, now, now - 90_000), now, 15)).toEqual({ kind: 'expired' });
  });

  it('never counts from a time in the future or an unreadable one', () => {
    expect(firstDeadline(90, now, now + 60_000)).toBe(now + 90_000);
    expect(firstDeadline(90, now, Number.NaN)).toBe(now + 90_000);
  });
});
