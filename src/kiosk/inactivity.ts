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

  const reset = useCallback(() => {
    deadline.current = Date.now() + seconds * 1000;
    setSecondsLeft(null);
  }, [seconds]);

  useEffect(() => {
    setSecondsLeft(null);
    if (!enabled) return;
    reset();
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
  }, [enabled, warnSeconds, reset]);

  return { secondsLeft, reset };
}
