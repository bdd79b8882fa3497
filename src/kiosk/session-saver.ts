/**
 * Keeps the customer's draft in IndexedDB so a reload returns to the same step with every entry.
 * Each change is written at once: a write started on pagehide is not kept by Chromium, so a
 * debounce would lose the last keystrokes. Once stopped it writes nothing, so a discarded draft
 * cannot come back.
 */
import { saveKioskSession, type KioskSession } from '../data/kiosk-session';

export interface SessionSaver {
  save: (session: KioskSession) => void;
  stop: () => void;
}

export function createSessionSaver(): SessionSaver {
  let stopped = false;
  return {
    save(session) {
      if (stopped) return;
      // Puts are issued in order, and IndexedDB runs overlapping transactions in that order.
      saveKioskSession(session).catch((error: unknown) => console.error('countersign: the kiosk draft was not kept', error));
    },
    stop() {
      stopped = true;
    },
  };
}
