/**
 * One change to the customer's draft, stamped with the time of the activity behind it. The stamp
 * lets the app's start drop a draft that sat untouched longer than the inactivity time, even when
 * the browser was killed before the kiosk could discard it.
 */
import type { KioskSession, KioskStep } from '../data/kiosk-session';
import type { SessionPatch } from './step-props';

/** A touch without a change is written at most this often. */
export const ACTIVITY_WRITE_MS = 10_000;

export function changeDraft(session: KioskSession, patch: SessionPatch, to: KioskStep | undefined, now: Date): KioskSession {
  return { ...session, ...patch, ...(to ? { step: to } : {}), lastActivityAt: now.toISOString() };
}

/** Whether a touch (with no change to the draft) should refresh the stored activity time now. */
export function activityDue(session: Pick<KioskSession, 'lastActivityAt'>, now: Date): boolean {
  const elapsed = now.getTime() - (session.lastActivityAt ? Date.parse(session.lastActivityAt) : Number.NaN);
  // Unknown, or a clock that went back: write now rather than trust the old time.
  return !(elapsed >= 0 && elapsed < ACTIVITY_WRITE_MS);
}
