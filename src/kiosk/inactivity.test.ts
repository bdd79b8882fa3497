import { describe, expect, it } from 'vitest';
import { inactivityPhase } from './inactivity';

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
