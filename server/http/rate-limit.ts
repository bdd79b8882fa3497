/**
 * A small in-memory limiter for failed attempts (owner logins, set-up secrets, enrolment codes):
 * at most `max` failures per key within `windowMs`. In memory is enough for one server process;
 * a restart forgets it, which an attacker cannot cause from outside.
 */
export interface FailureLimiter {
  /** True while this key has used up its failures for the window. */
  blocked(key: string, now: number): boolean;
  fail(key: string, now: number): void;
  /** Seconds until the oldest failure leaves the window. */
  retryAfter(key: string, now: number): number;
}

export function createFailureLimiter({ max, windowMs }: { max: number; windowMs: number }): FailureLimiter {
  const failures = new Map<string, number[]>();
  const recent = (key: string, now: number) => {
    const times = (failures.get(key) ?? []).filter((t) => t > now - windowMs);
    if (times.length === 0) failures.delete(key);
    else failures.set(key, times);
    return times;
  };
  return {
    blocked: (key, now) => recent(key, now).length >= max,
    fail(key, now) {
      failures.set(key, [...recent(key, now), now]);
      // Keep the map from growing without bound under a spray of addresses.
      if (failures.size > 10_000) for (const k of failures.keys()) if (recent(k, now).length === 0) failures.delete(k);
    },
    retryAfter(key, now) {
      const times = recent(key, now);
      return times.length ? Math.max(1, Math.ceil((times[0]! + windowMs - now) / 1000)) : 0;
    },
  };
}
