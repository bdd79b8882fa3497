/**
 * Staff mode, behind the PIN: orders to hand over, today's records with their receipts, a customer's
 * withdrawal or objection, close of day (sync), the tablet's status and its settings. The tab "Tagesabschluss" always shows how many
 * records wait. "Sperren" is always in reach, and the screen locks by itself after five minutes
 * without a touch.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ShopConfig, StaffMember } from '../../shared/shop';
import { watchCounterEventStatus } from '../data/consent-events';
import { listOpenOrders, type OrderRow } from '../data/orders';
import { watchWaitingCount } from '../data/sync-watch';
import { useI18n } from '../i18n';
import { LanguageSwitch } from '../ui/language-switch';
import { onSyncMessage } from '../sync/sync-events';
import { badgeWords } from '../sync/sync-words';
import { CloseOfDay } from './close-of-day';
import { OrderForm } from './order-form';
import { OrderList } from './order-list';
import { ReconnectBanner } from './reconnect-banner';
import { RecordList } from './record-list';
import { SettingsPanel } from './settings-panel';
import { StatusPanel } from './status-panel';
import { useIdleLock } from './use-idle-lock';
import { WithdrawalForm } from './withdrawal-form';
import './staff.css';

const TABS = ['orders', 'today', 'withdrawal', 'closeOfDay', 'status', 'settings'] as const;
type Tab = (typeof TABS)[number];

export function StaffHome(props: {
  shop: ShopConfig;
  staff: StaffMember;
  /** From the owner's QR code (/?enrol=CODE) on a tablet that is set up already: Status offers it. */
  enrolCode?: string;
  onLock: () => void;
  onShopChange: (shop: ShopConfig) => void;
  onHandOver: (orderId: string) => void;
}) {
  const { t } = useI18n();
  const [tab, setTab] = useState<Tab>(props.enrolCode ? 'status' : 'orders');
  // The badge counts everything that has not reached the server: records and counter withdrawals.
  const [waitingRecords, setWaitingRecords] = useState(0);
  const [waitingEvents, setWaitingEvents] = useState(0);
  const waiting = waitingRecords + waitingEvents;
  const tabRefs = useRef<Partial<Record<Tab, HTMLButtonElement | null>>>({});
  useIdleLock(props.onLock);
  useEffect(() => watchWaitingCount(setWaitingRecords), []);
  useEffect(() => watchCounterEventStatus((status) => setWaitingEvents(status.pending + status.rejected)), []);

  // Arrow keys move between tabs, as the ARIA tabs pattern expects.
  function onTabKey(event: KeyboardEvent) {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = TABS[(TABS.indexOf(tab) + step + TABS.length) % TABS.length]!;
    setTab(next);
    tabRefs.current[next]?.focus();
  }

  return (
    <main class="screen staff">
      <header class="staff-header">
        <div>
          <h1>{props.shop.name}</h1>
          <p class="hint">{t('staff.signedInAs', { name: props.staff.name })}</p>
        </div>
        <div class="staff-header-actions">
          <LanguageSwitch />
          <button type="button" class="primary" onClick={props.onLock}>{t('staff.lock')}</button>
        </div>
      </header>

      <div role="tablist" aria-label={t('staff.tabs')} class="staff-tabs" onKeyDown={onTabKey}>
        {TABS.map((name) => (
          <button
            key={name}
            ref={(el) => void (tabRefs.current[name] = el)}
            type="button"
            role="tab"
            id={`staff-tab-${name}`}
            aria-selected={tab === name}
            aria-controls={`staff-panel-${name}`}
            tabIndex={tab === name ? 0 : -1}
            onClick={() => setTab(name)}
          >
            {name === 'closeOfDay' ? t('sync.tab') : t(`staff.tab.${name}`)}
            {name === 'closeOfDay' && waiting > 0 && (
              <>
                <span class="tab-badge" aria-hidden="true">{waiting}</span>
                <span class="visually-hidden">{` (${t(...badgeWords(waiting))})`}</span>
              </>
            )}
          </button>
        ))}
      </div>

      {tab !== 'status' && tab !== 'closeOfDay' && <ReconnectBanner onShowStatus={() => setTab('status')} />}

      <section role="tabpanel" id={`staff-panel-${tab}`} aria-labelledby={`staff-tab-${tab}`} class="staff-panel">
        {tab === 'orders' && <OrdersPanel onHandOver={props.onHandOver} />}
        {tab === 'today' && (
          <>
            <h2>{t('staff.today.title')}</h2>
            <RecordList shop={props.shop} />
          </>
        )}
        {tab === 'withdrawal' && <WithdrawalForm staff={props.staff} />}
        {tab === 'closeOfDay' && <CloseOfDay shop={props.shop} onShowStatus={() => setTab('status')} />}
        {tab === 'status' && (
          <>
            <h2>{t('staff.status.title')}</h2>
            <StatusPanel shop={props.shop} enrolCode={props.enrolCode} onShopChange={props.onShopChange} />
          </>
        )}
        {tab === 'settings' && <SettingsPanel shop={props.shop} onShopChange={props.onShopChange} />}
      </section>
    </main>
  );
}

function OrdersPanel(props: { onHandOver: (orderId: string) => void }) {
  const { t } = useI18n();
  const [orders, setOrders] = useState<OrderRow[] | null>(null);
  const [creating, setCreating] = useState(false);
  const [saved, setSaved] = useState('');

  const reload = () => void listOpenOrders().then(setOrders);
  useEffect(() => {
    reload();
    // A sync brings orders the shop's software pushed, and removes those signed on another tablet.
    return onSyncMessage((message) => message.type === 'finished' && reload());
  }, []);

  if (creating) {
    return (
      <OrderForm
        onCancel={() => setCreating(false)}
        onSaved={(pending) => {
          setCreating(false);
          setSaved(t('staff.orders.saved', { number: pending.order.number }));
          reload();
        }}
      />
    );
  }
  return (
    <>
      <div class="staff-panel-top">
        <h2>{t('staff.orders.open')}</h2>
        <button type="button" class="primary" onClick={() => { setSaved(''); setCreating(true); }}>
          {t('staff.orders.new')}
        </button>
      </div>
      <p role="status" class={saved ? 'banner banner--ok' : 'visually-hidden'}>{saved}</p>
      <OrderList orders={orders} onHandOver={props.onHandOver} />
    </>
  );
}
