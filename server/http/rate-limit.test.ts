import { describe, expect, it } from 'vitest';
import { createFailureLimiter } from './rate-limit';

describe('createFailureLimiter', () => {
  it('counts attempts still running, so parallel ones cannot all pass before the first failure', () => {
    const limiter = createFailureLimiter({ max: 3, windowMs: 60_000 });
    const running = [limiter.begin('a', 0), limiter.begin('a', 0), limiter.begin('a', 0)];
    expect(running.every(Boolean)).toBe(true);
    expect(limiter.begin('a', 0)).toBeNull();
    expect(limiter.retryAfter('a', 0)).toBe(1);
    expect(limiter.begin('b', 0)).not.toBeNull();
  });

  it('frees a successful attempt at once, and keeps a failed one for the window', () => {
    const limiter = createFailureLimiter({ max: 2, windowMs: 60_000 });
    limiter.begin('a', 0)!.fail();
    const ok = limiter.begin('a', 1_000)!;
    expect(limiter.begin('a', 1_000)).toBeNull();
    ok.release();
    const failed = limiter.begin('a', 2_000)!;
    failed.fail();
    failed.release(); // after fail(): still counted
    expect(limiter.begin('a', 3_000)).toBeNull();
    expect(limiter.retryAfter('a', 3_000)).toBe(57);
    expect(limiter.begin('a', 60_001)).not.toBeNull();
  });
});
