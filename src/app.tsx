/**
 * The app's one piece of state that spans screens: which mode the tablet is in. There are no URLs:
 * every path boots here, and the mode comes from IndexedDB, so a customer in kiosk mode stays there
 * after a reload, a changed URL or the back button. Staff mode is never restored without the PIN.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Language } from '../shared/channels';
import type { ShopConfig, StaffMember } from '../shared/shop';
import type { EnrolmentResult } from './data/enrolment';
import { readBootState } from './data/boot-state';
import { clearKioskSession, isAbandoned, saveKioskSession, type KioskSession } from './data/kiosk-session';
import { getOrder } from './data/orders';
import { getShop } from './data/shop';
import { requestPersistentStorage } from './data/storage';
import { I18nContext, makeI18n } from './i18n';
import type { KioskExit } from './kiosk/kiosk';
import { newKioskSession } from './kiosk/new-session';
import { LockScreen } from './lock/lock-screen';
import { applyUpdate, onUpdateReady } from './sw-bridge';
import { startAutoSync } from './sync/auto-sync';
import { requestSync } from './sync/request-sync';
import { onSyncMessage } from './sync/sync-events';
import { lazyScreen } from './ui/lazy';

// First start: the server enrolment above the local setup wizard; both load only when needed.
const FirstStart = lazyScreen(() => import('./enrol/first-start').then((m) => m.FirstStart));
const ServerSetup = lazyScreen(() => import('./enrol/first-start').then((m) => m.ServerSetup));
const FirstStaff = lazyScreen(() => import('./enrol/first-start').then((m) => m.FirstStaff));
const StaffHome = lazyScreen(() => import('./staff/staff-home').then((m) => m.StaffHome));
// The kiosk (signature pad, schema checks) loads when a customer gets the tablet; preloaded at unlock.
const Kiosk = lazyScreen(() => import('./kiosk/kiosk').then((m) => m.Kiosk));

type Mode =
  | { kind: 'loading' }
  | { kind: 'failed' }
  | { kind: 'first-start' }
  | { kind: 'server-setup' }
  | { kind: 'first-staff'; shop: ShopConfig }
  | { kind: 'locked'; shop: ShopConfig }
  | { kind: 'staff'; shop: ShopConfig; staff: StaffMember }
  | { kind: 'kiosk'; shop: ShopConfig; session: KioskSession };

const LANGUAGE_KEY = 'countersign.staffLanguage';

export function App(props: { enrolCode?: string }) {
  const [mode, setMode] = useState<Mode>({ kind: 'loading' });
  // The owner's QR code is used once: at first start, or offered on the Status tab after a PIN.
  const [enrolCode, setEnrolCode] = useState(props.enrolCode);
  const [staffLanguage, setStaffLanguage] = useState<Language>(() => (localStorage.getItem(LANGUAGE_KEY) === 'en' ? 'en' : 'de'));
  const [updateReady, setUpdateReady] = useState(false);

  useEffect(() => {
    let stopSync = () => {};
    void startBoot().then(
      (booted) => {
        setMode(booted);
        stopSync = startAutoSync();
      },
      (error: unknown) => {
        console.error('countersign: the tablet storage could not be opened', error);
        setMode({ kind: 'failed' });
      },
    );
    const stopUpdates = onUpdateReady(() => setUpdateReady(true));
    // Texts the owner published arrive with a sync; the next customer sees them, never the current one.
    const stopMessages = onSyncMessage((message) => {
      if (message.type !== 'finished' || !message.result.shopUpdated) return;
      void getShop().then((shop) => shop && setMode((m) => (m.kind === 'locked' || m.kind === 'staff' ? { ...m, shop } : m)));
    });
    return () => {
      stopSync();
      stopUpdates();
      stopMessages();
    };
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

  function enrolled(result: EnrolmentResult) {
    setEnrolCode(undefined);
    void requestPersistentStorage();
    if (!result.shop) setMode({ kind: 'server-setup' });
    else if (result.staffCount === 0) setMode({ kind: 'first-staff', shop: result.shop });
    else lock(result.shop);
    // Records made before the tablet was connected go now; never awaited by a screen.
    requestSync({ reason: 'manual' }).catch(() => undefined);
  }

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
    case 'failed':
      screen = (
        <main class="screen screen--center">
          <h1>{i18n.t('app.bootFailed.title')}</h1>
          <p>{i18n.t('app.bootFailed.body')}</p>
          <button type="button" class="primary" onClick={() => location.reload()}>{i18n.t('app.bootFailed.retry')}</button>
        </main>
      );
      break;
    case 'first-start':
      screen = <FirstStart enrolCode={enrolCode} onEnrolled={enrolled} onLocalSetup={(shop) => { setEnrolCode(undefined); void requestPersistentStorage(); lock(shop); }} />;
      break;
    case 'server-setup':
      screen = <ServerSetup onDone={lock} />;
      break;
    case 'first-staff':
      screen = <FirstStaff shop={mode.shop} onDone={() => lock(mode.shop)} />;
      break;
    case 'locked':
      screen = <LockScreen shop={mode.shop} onUnlock={(staff) => setMode({ kind: 'staff', shop: mode.shop, staff })} />;
      break;
    case 'staff':
      screen = (
        <StaffHome
          shop={mode.shop}
          staff={mode.staff}
          enrolCode={enrolCode}
          onLock={() => {
            setEnrolCode(undefined);
            lock(mode.shop);
          }}
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
            // Texts a sync brought in while this customer signed apply from the next customer on.
            const shop = (await getShop()) ?? mode.shop;
            if (to.kind === 'staff') setMode({ kind: 'staff', shop, staff: to.staff });
            else lock(shop);
          }}
        />
      );
  }
  return <I18nContext.Provider value={i18n}>{screen}</I18nContext.Provider>;
}

let booting: Promise<Mode> | null = null;

/**
 * Reads the tablet's storage to decide the first screen; the same promise for every caller.
 * main.tsx calls it before the first render, so IndexedDB opens while the shell renders instead
 * of after its first frame (`npm run bench`, figure 1).
 */
export function startBoot(): Promise<Mode> {
  if (!booting) {
    booting = boot();
    booting.catch(() => undefined); // handled by App, which may subscribe a frame later
  }
  return booting;
}

async function boot(): Promise<Mode> {
  const { shop, enrolled, staffCount, session, sessionOrder: order } = await readBootState();
  if (!shop) return enrolled ? { kind: 'server-setup' } : { kind: 'first-start' };
  void requestPersistentStorage();
  if (staffCount === 0) return { kind: 'first-staff', shop };
  if (session) {
    if (order && (order.status === 'open' || session.step === 'thanks') && !isAbandoned(session, shop.inactivitySeconds)) return { kind: 'kiosk', shop, session };
    await clearKioskSession();
  }
  return { kind: 'locked', shop };
}
