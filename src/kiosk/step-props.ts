/** What every step of the kiosk gets from the step machine in kiosk.tsx. */
import type { PendingOrder, ShopConfig } from '../../shared/shop';
import type { KioskSession } from '../data/kiosk-session';

export type SessionPatch = Partial<Omit<KioskSession, 'orderId' | 'staffId' | 'startedAt' | 'step'>>;

export interface StepProps {
  shop: ShopConfig;
  pending: PendingOrder;
  session: KioskSession;
  /** Changes the draft; it is kept at once when immediate, else after a short pause. */
  update: (patch: SessionPatch | ((current: KioskSession) => SessionPatch)) => void;
  /** Goes to the next step, keeping the patch with it. */
  next: (patch?: SessionPatch) => void;
  /** Goes to the previous step; null on the first. */
  back: ((patch?: SessionPatch) => void) | null;
}
