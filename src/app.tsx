/**
 * The app's one piece of state that spans screens: which mode the tablet is in. There are no URLs:
 * every path boots here, and the mode comes from IndexedDB, so a customer in kiosk mode stays there
 * after a reload, a changed URL or the back button. Staff mode is never restored without the PIN.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Language } from '../shared/channels';
import type { ShopConfig, StaffMember } from '../shared/shop';
import { clearKioskSession, loadKioskSession, saveKioskSession, type KioskSession } from './data/kiosk-session';
import { getOrder } from './data/orders';
import { getShop } from './data/shop';
import { requestPersistentStorage } from './data/storage';
import { I18nContext, makeI18n } from './i18n';
import type { KioskExit } from './kiosk/kiosk';
import { newKioskSession } from './kiosk/new-session';
import { LockScreen } from './lock/lock-screen';
import { applyUpdate, onUpdateReady } from './sw-bridge';
import { lazyScreen } from './ui/lazy';

const SetupWizard = lazyScreen(() => import('./setup/setup-wizard').then((m) => m.SetupWizard));
const StaffHome = lazyScreen(() => import('./staff/staff-home').then((m) => m.StaffHome));
// The kiosk (signature pad, schema checks) loads when a customer gets the tablet; preloaded at unlock.
const Kiosk = lazyScreen(() => import('./kiosk/kiosk').then((m) => m.Kiosk));

type Mode =
  | { kind: 'loading' }
  | { kind: 'setup' }
  | { kind: 'locked'; shop: ShopConfig }
  | { kind: 'staff'; shop: ShopConfig; staff: StaffMember }
  | { kind: 'kiosk'; shop: ShopConfig; session: KioskSession };

const LANGUAGE_KEY = 'countersign.staffLanguage';

export function App() {
  const [mode, setMode] = useState<Mode>({ kind: 'loading' });
  const [staffLanguage, setStaffLanguage] = useState<Language>(() => (localStorage.getItem(LANGUAGE_KEY) === 'en' ? 'en' : 'de'));
  const [updateReady, setUpdateReady] = useState(false);

  useEffect(() => {
    void boot().then(setMode);
    return onUpdateReady(() => setUpdateReady(true));
  }, []);

  // A waiting update is applied only at the idle lock screen, never in front of a customer.
  useEffect(() => {
    if (updateReady && mode.kind === 'locked') applyUpdate();
  }, [updateReady, mode.kind]);

  useEffect(() => {
    if (mode.kind !== 'kiosk') document.documentElement.lang = staffLanguage;
  }, [staffLanguage, mode.kind]);

  const i18n = useMemo(
    () =>
      makeI18n(staffLanguage, (language) => {
        localStorage.setItem(LANGUAGE_KEY, language);
        setStaffLanguage(language);
      }),
    [staffLanguage],
  );

  const lock = (shop: ShopConfig) => setMode({ kind: 'locked', shop });

  async function handOver(shop: ShopConfig, staff: StaffMember, orderId: string) {
    const order = await getOrder(orderId);
    if (!order || order.status !== 'open') return;
    const session = newKioskSession({ order, staffId: staff.id });
    await saveKioskSession(session);
    setMode({ kind: 'kiosk', shop, session });
  }

  let screen;
  switch (mode.kind) {
    case 'loading':
      screen = <main class="screen screen--center" aria-busy="true" />;
      break;
    case 'setup':
      screen = <SetupWizard onDone={(shop) => { void requestPersistentStorage(); lock(shop); }} />;
      break;
    case 'locked':
      screen = <LockScreen shop={mode.shop} onUnlock={(staff) => setMode({ kind: 'staff', shop: mode.shop, staff })} />;
      break;
    case 'staff':
      screen = (
        <StaffHome
          shop={mode.shop}
          staff={mode.staff}
          onLock={() => lock(mode.shop)}
          onShopChange={(shop) => setMode({ ...mode, shop })}
          onHandOver={(orderId) => void handOver(mode.shop, mode.staff, orderId)}
        />
      );
      break;
    case 'kiosk':
      // The kiosk has its own language per customer; it starts in German for each new one.
      return (
        <Kiosk
          key={mode.session.orderId}
          shop={mode.shop}
          session={mode.session}
          onExit={async (to: KioskExit) => {
            await clearKioskSession();
            if (to.kind === 'staff') setMode({ kind: 'staff', shop: mode.shop, staff: to.staff });
            else lock(mode.shop);
          }}
        />
      );
  }
  return <I18nContext.Provider value={i18n}>{screen}</I18nContext.Provider>;
}

async function boot(): Promise<Mode> {
  const shop = await getShop();
  if (!shop) return { kind: 'setup' };
  void requestPersistentStorage();
  const session = await loadKioskSession();
  if (session) {
    const order = await getOrder(session.orderId);
    if (order && (order.status === 'open' || session.step === 'thanks')) return { kind: 'kiosk', shop, session };
    await clearKioskSession();
  }
  return { kind: 'locked', shop };
}
