/** Staff mode locks itself after a quiet spell, so an unattended tablet never stays open. */
import { useEffect, useRef } from 'preact/hooks';

export const STAFF_IDLE_MS = 5 * 60_000;

const ACTIVITY = ['pointerdown', 'keydown', 'input', 'wheel', 'touchstart'] as const;

export function useIdleLock(onIdle: () => void, ms = STAFF_IDLE_MS): void {
  const callback = useRef(onIdle);
  callback.current = onIdle;

  useEffect(() => {
    let timer = setTimeout(() => callback.current(), ms);
    const restart = () => {
      clearTimeout(timer);
      timer = setTimeout(() => callback.current(), ms);
    };
    for (const type of ACTIVITY) document.addEventListener(type, restart, { capture: true, passive: true });
    return () => {
      clearTimeout(timer);
      for (const type of ACTIVITY) document.removeEventListener(type, restart, { capture: true });
    };
  }, [ms]);
}
