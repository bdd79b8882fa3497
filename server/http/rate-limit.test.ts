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

  it('caps failures across all keys: an address that failed gets no further try, one that did not still gets its own', () => {
    const limiter = createFailureLimiter({ max: 5, windowMs: 60_000, maxTotal: 3 });
    limiter.begin('a', 0)!.fail();
    limiter.begin('b', 10_000)!.fail();
    const running = limiter.begin('c', 20_000)!;
    expect(limiter.blockedForAll(20_000)).toBe(true);
    // 'a' failed once (of its own 5) but the cap is used up: no second guess this minute.
    expect(limiter.begin('a', 20_000)).toBeNull();
    expect(limiter.retryAfter('a', 20_000)).toBe(40);
    // 'd' never failed: it gets its try (the owner typing the right password is never locked out).
    const clean = limiter.begin('d', 20_000)!;
    expect(clean).not.toBeNull();
    clean.release();
    running.release();
    expect(limiter.blockedForAll(20_000)).toBe(false);
    const again = limiter.begin('a', 20_000)!;
    expect(again).not.toBeNull();
    again.release();
    limiter.begin('c', 20_000)!.fail();
    expect(limiter.begin('c', 30_000)).toBeNull();
    expect(limiter.retryAfter('c', 30_000)).toBe(30);
    expect(limiter.begin('c', 60_001)).not.toBeNull();
  });

  it('has no cap across keys unless asked', () => {
    const limiter = createFailureLimiter({ max: 1, windowMs: 60_000 });
    for (let i = 0; i < 100; i++) limiter.begin(`ip${i}`, 0)!.fail();
    expect(limiter.begin('new', 0)).not.toBeNull();
    expect(limiter.blockedForAll(0)).toBe(false);
  });
});
