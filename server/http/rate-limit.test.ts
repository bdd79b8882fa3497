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

  it('caps failures across all keys, so guesses spread over many addresses stop too', () => {
    const limiter = createFailureLimiter({ max: 5, windowMs: 60_000, maxTotal: 3 });
    limiter.begin('a', 0)!.fail();
    limiter.begin('b', 10_000)!.fail();
    const running = limiter.begin('c', 20_000)!;
    expect(limiter.begin('d', 20_000)).toBeNull();
    expect(limiter.blockedForAll(20_000)).toBe(true);
    running.release();
    expect(limiter.blockedForAll(20_000)).toBe(false);
    limiter.begin('c', 20_000)!.fail();
    expect(limiter.begin('e', 30_000)).toBeNull();
    expect(limiter.retryAfter('e', 30_000)).toBe(30);
    expect(limiter.begin('e', 60_001)).not.toBeNull();
  });

  it('has no cap across keys unless asked', () => {
    const limiter = createFailureLimiter({ max: 1, windowMs: 60_000 });
    for (let i = 0; i < 100; i++) limiter.begin(`ip${i}`, 0)!.fail();
    expect(limiter.begin('new', 0)).not.toBeNull();
    expect(limiter.blockedForAll(0)).toBe(false);
  });
});
