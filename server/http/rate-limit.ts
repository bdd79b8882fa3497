/**
 * A small in-memory limiter for failed attempts (owner logins, set-up secrets, enrolment codes):
 * at most `max` failures per key within `windowMs`, and optionally `maxTotal` across all keys, so
 * that guesses spread over many addresses are slowed too: while that cap is used up, a key gets no
 * further try once it has failed (or is trying) in the window, so each address of a spray gets one
 * guess a minute, and a key with no failure of its own (the owner, typing the password right
 * first time) still gets its try: the cap can't be used to lock everyone out. An attempt is reserved before the slow
 * check and counts while it runs, so parallel requests cannot all pass before the first failure is
 * known. In memory is enough for one server process; a restart forgets it, which an attacker
 * cannot cause from outside.
 */
export interface Attempt {
  /** The check failed: the attempt counts for the rest of the window. */
  fail(): void;
  /** The check passed, or there was nothing to check: the attempt no longer counts. Safe to call after fail(). */
  release(): void;
}

export interface FailureLimiter {
  /** Reserves an attempt for this key; null while its failures and running attempts have used up the window, or it has one and all keys' have. */
  begin(key: string, now: number): Attempt | null;
  /** Seconds until an attempt may be made again. */
  retryAfter(key: string, now: number): number;
  /** Whether the cap across all keys is used up. */
  blockedForAll(now: number): boolean;
}

export function createFailureLimiter({ max, windowMs, maxTotal = Infinity }: { max: number; windowMs: number; maxTotal?: number }): FailureLimiter {
  const failures = new Map<string, number[]>();
  const running = new Map<string, number>();
  let allFailures: number[] = [];
  let allRunning = 0;
  const recent = (key: string, now: number) => {
    const times = (failures.get(key) ?? []).filter((t) => t > now - windowMs);
    if (times.length === 0) failures.delete(key);
    else failures.set(key, times);
    return times;
  };
  const recentAll = (now: number) => (allFailures = allFailures.filter((t) => t > now - windowMs));
  const fullForAll = (now: number) => recentAll(now).length + allRunning >= maxTotal;
  // Seconds until the oldest of these failures leaves the window; 1 when only running attempts block.
  const wait = (times: number[], now: number) => (times.length ? Math.max(1, Math.ceil((Math.min(...times) + windowMs - now) / 1000)) : 1);
  const settle = (key: string) => {
    allRunning--;
    const left = (running.get(key) ?? 1) - 1;
    if (left > 0) running.set(key, left);
    else running.delete(key);
  };
  return {
    begin(key, now) {
      const own = recent(key, now).length + (running.get(key) ?? 0);
      if (own >= max || (own > 0 && fullForAll(now))) return null;
      running.set(key, (running.get(key) ?? 0) + 1);
      allRunning++;
      let settled = false;
      return {
        fail() {
          if (settled) return;
          settled = true;
          settle(key);
          failures.set(key, [...recent(key, now), now]);
          if (maxTotal !== Infinity) allFailures.push(now);
          // Keep the map from growing without bound under a spray of addresses.
          if (failures.size > 10_000) for (const k of failures.keys()) if (recent(k, now).length === 0) failures.delete(k);
        },
        release() {
          if (settled) return;
          settled = true;
          settle(key);
        },
      };
    },
    retryAfter(key, now) {
      const mine = recent(key, now).length + (running.get(key) ?? 0);
      const own = mine >= max ? wait(recent(key, now), now) : 0;
      const all = mine > 0 && fullForAll(now) ? wait(allFailures, now) : 0;
      return Math.max(1, own, all);
    },
    blockedForAll(now) {
      return fullForAll(now);
    },
  };
}
