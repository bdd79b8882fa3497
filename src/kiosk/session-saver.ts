/**
 * Keeps the customer's draft in IndexedDB so a reload returns to the same step: step changes are
 * written at once, typing after a short pause. Once stopped it writes nothing, so a discarded draft
 * cannot come back.
 */
import { saveKioskSession, type KioskSession } from '../data/kiosk-session';

export interface SessionSaver {
  save: (session: KioskSession, immediate: boolean) => void;
  flush: () => void;
  stop: () => void;
}

export function createSessionSaver(delayMs = 300): SessionSaver {
  let pending: KioskSession | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  function flush() {
    clearTimeout(timer);
    timer = undefined;
    if (stopped || !pending) return;
    const session = pending;
    pending = null;
    // Puts are issued in order, and IndexedDB runs overlapping transactions in that order.
    saveKioskSession(session).catch((error: unknown) => console.error('countersign: the kiosk draft was not kept', error));
  }

  return {
    save(session, immediate) {
      if (stopped) return;
      pending = session;
      clearTimeout(timer);
      if (immediate) flush();
      else timer = setTimeout(flush, delayMs);
    },
    flush,
    stop() {
      stopped = true;
      clearTimeout(timer);
      pending = null;
    },
  };
}
