import type { ShopConfig, StaffMember } from '../../shared/shop';
export function StaffHome(_props: {
  shop: ShopConfig;
  staff: StaffMember;
  onLock: () => void;
  onShopChange: (shop: ShopConfig) => void;
  onHandOver: (orderId: string) => void;
}) {
  return <main class="screen">staff</main>;
}
