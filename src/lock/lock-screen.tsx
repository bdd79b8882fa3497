import type { ShopConfig, StaffMember } from '../../shared/shop';
export function LockScreen(_props: { shop: ShopConfig; onUnlock: (staff: StaffMember) => void }) {
  return <main class="screen">lock</main>;
}
