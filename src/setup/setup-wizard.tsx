import type { ShopConfig } from '../../shared/shop';
export function SetupWizard(_props: { onDone: (shop: ShopConfig) => void }) {
  return <main class="screen">setup</main>;
}
