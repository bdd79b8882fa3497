/**
 * Inactivity for the kiosk: any touch, key or input restarts the clock; a warning shows for the last
 * seconds, then the draft is discarded. Time is read from Date.now(), so a throttled timer in a
 * background tab cannot stretch it.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export type InactivityPhase = { kind: 'active' } | { kind: 'warning'; secondsLeft: number } | { kind: 'expired' };

/** Where the clock stands: pure, so it is tested without waiting. */
export function inactivityPhase(deadline: number, now: number, warnSeconds: number): InactivityPhase {
  const secondsLeft = Math.ceil((deadline - now) / 1000);
  if (secondsLeft <= 0) return { kind: 'expired' };
  return secondsLeft <= warnSeconds ? { kind: 'warning', secondsLeft } : { kind: 'active' };
}

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'input'] as const;

export interface InactivityOptions {
  seconds: number;
  warnSeconds: number;
  enabled: boolean;
  onTimeout: () => void;
  /** Called on every touch, key or input that restarts the clock. */
  onActivity?: () => void;
  /** The last activity before this mount (ms, a resumed draft's): the clock starts with only the time left. */
  lastActivity?: number;
}

/** When a clock started now runs out: counted from the last activity, never from a time in the future. */
export function firstDeadline(seconds: number, now: number, lastActivity?: number): number {
  const from = lastActivity !== undefined && Number.isFinite(lastActivity) ? Math.min(lastActivity, now) : now;
  return from + seconds * 1000;
}

/** Returns the seconds left while the warning shows (null otherwise), and a way to restart the clock. */
export function useInactivity(options: InactivityOptions): { secondsLeft: number | null; reset: () => void } {
  const { seconds, warnSeconds, enabled } = options;
  const deadline = useRef(0);
  const onTimeout = useRef(options.onTimeout);
  onTimeout.current = options.onTimeout;
  const onActivity = useRef(options.onActivity);
  onActivity.current = options.onActivity;
  const [secondsLeft, setSecondsLeft] = useState<number | null>(null);
  // Used once: the first clock of a resumed draft runs on from its stored activity, not from now.
  const resumeFrom = useRef(options.lastActivity);

  const reset = useCallback(() => {
    deadline.current = Date.now() + seconds * 1000;
    setSecondsLeft(null);
  }, [seconds]);

  useEffect(() => {
    setSecondsLeft(null);
    if (!enabled) return;
    deadline.current = firstDeadline(seconds, Date.now(), resumeFrom.current);
    resumeFrom.current = undefined;
    let expired = false;
    const tick = () => {
      const phase = inactivityPhase(deadline.current, Date.now(), warnSeconds);
      if (phase.kind === 'expired') {
        if (!expired) onTimeout.current();
        expired = true;
        return;
      }
      setSecondsLeft(phase.kind === 'warning' ? phase.secondsLeft : null);
    };
    // At once, so a resumed draft shows its warning (or is discarded) without a frame's delay.
    tick();
    const timer = setInterval(tick, 250);
    const active = () => {
      reset();
      onActivity.current?.();
    };
    for (const type of ACTIVITY_EVENTS) document.addEventListener(type, active, { capture: true, passive: true });
    return () => {
      clearInterval(timer);
      for (const type of ACTIVITY_EVENTS) document.removeEventListener(type, active, { capture: true });
    };
  }, [enabled, seconds, warnSeconds, reset]);

  return { secondsLeft, reset };
}
