import type { ShopConfig, StaffMember } from '../../shared/shop';
import type { KioskSession } from '../data/kiosk-session';
export type KioskExit = { kind: 'lock' } | { kind: 'staff'; staff: StaffMember };
export function Kiosk(_props: { shop: ShopConfig; session: KioskSession; onExit: (to: KioskExit) => void | Promise<void> }) {
  return <main class="screen">kiosk</main>;
}
