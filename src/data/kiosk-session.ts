/**
 * The customer's draft while the tablet is in kiosk mode. It is kept in IndexedDB so that a reload
 * returns to the same step instead of leaving kiosk mode; it is deleted when the draft is discarded
 * or signed, so nothing of one customer is left for the next.
 */
import type { Channel, Language } from '../../shared/channels';
import type { Contact, Stroke, TextRef } from '../../shared/record';
import type { TextKind } from '../../shared/shop';
import { db } from './db';

export const KIOSK_STEPS = ['summary', 'notice', 'contact', 'channels', 'health', 'signature', 'confirm', 'thanks'] as const;
export type KioskStep = (typeof KIOSK_STEPS)[number];

export interface KioskSession {
  orderId: string;
  staffId: string;
  startedAt: string;
  step: KioskStep;
  language: Language;
  contact: Contact;
  /** What the customer typed for the mobile number, before it is normalised. */
  mobileInput: string;
  choices: Record<Channel, boolean>;
  health: boolean;
  /** The signature as drawn, and its PNG, rendered when the customer leaves the pad. */
  signature: { width: number; height: number; strokes: Stroke[]; png: string } | null;
  /** Each text as it was last rendered (words, version and language), which the record keeps; the language may differ from the final one. */
  seen?: Partial<Record<TextKind, TextRef>>;
  /** When the customer last touched the tablet; a draft older than the inactivity time is never shown again. */
  lastActivityAt?: string;
  /** Set on the thank-you step: the id of the stored record. */
  recordId?: string;
}

export async function loadKioskSession(): Promise<KioskSession | undefined> {
  return (await db.kiosk.get('current'))?.session;
}

export async function saveKioskSession(session: KioskSession): Promise<void> {
  await db.kiosk.put({ key: 'current', session });
}

export async function clearKioskSession(): Promise<void> {
  await db.kiosk.delete('current');
}

/**
 * A draft left longer than the inactivity time (the browser was closed or killed mid-customer) is
 * discarded, never shown to whoever wakes the tablet next.
 */
export function isAbandoned(session: KioskSession, inactivitySeconds: number, now = Date.now()): boolean {
  const last = Date.parse(session.lastActivityAt ?? session.startedAt);
  return !(now - last < inactivitySeconds * 1000);
}
