/**
 * Customer mode: the step machine, the draft's persistence, and the locks around it (back button,
 * inactivity, staff PIN). Each step is its own component in steps/. All state lives in this
 * component, never in a module, so the next customer (a fresh mount, keyed by order) starts clean.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Language } from '../../shared/channels';
import type { PendingOrder, ShopConfig, StaffMember, TextKind } from '../../shared/shop';
import { isAbandoned, KIOSK_STEPS, type KioskSession, type KioskStep } from '../data/kiosk-session';
import { getOrder } from '../data/orders';
import { I18nContext, makeI18n } from '../i18n';
import { markSeen } from './build-record';
import { activityDue, changeDraft } from './draft-change';
import { useInactivity } from './inactivity';
import { InactivityWarning } from './inactivity-warning';
import { KioskHeader } from './kiosk-header';
import { useNavigationLock } from './navigation-lock';
import { signAndSaveRecord } from './save-record';
import { withReadableMobile } from './new-session';
import { createSessionSaver } from './session-saver';
import { StaffExit } from './staff-exit';
import type { SessionPatch, StepProps } from './step-props';
import { Channels } from './steps/channels';
import { Confirm } from './steps/confirm';
import { ContactDetails } from './steps/contact-details';
import { Health } from './steps/health';
import { OrderSummary } from './steps/order-summary';
import { PrivacyNotice } from './steps/privacy-notice';
import { SignatureStep } from './steps/signature-step';
import { ThankYou } from './steps/thank-you';
import './kiosk.css';

export type KioskExit = { kind: 'lock' } | { kind: 'staff'; staff: StaffMember };

const DEFAULT_INACTIVITY_SECONDS = 90;
const TEXTS_ON_STEP: Partial<Record<KioskStep, TextKind[]>> = { notice: ['notice'], channels: ['letter', 'email', 'sms'], health: ['health'] };
const WARN_SECONDS = 15;

export function Kiosk(props: { shop: ShopConfig; session: KioskSession; onExit: (to: KioskExit) => void | Promise<void> }) {
  const { shop } = props;
  const [session, setSession] = useState(props.session);
  const current = useRef(props.session);
  const saver = useMemo(() => createSessionSaver(), []);
  const exiting = useRef(false);
  const [pending, setPending] = useState<PendingOrder | null>(null);
  const [staffOpen, setStaffOpen] = useState(false);
  const inactivitySeconds = shop.inactivitySeconds || DEFAULT_INACTIVITY_SECONDS;
  // A resumed draft older than the inactivity time is never shown, not even for a frame.
  const [expiredOnArrival] = useState(() => isAbandoned(props.session, inactivitySeconds));

  const steps = useMemo(() => KIOSK_STEPS.filter((s) => s !== 'health' || shop.askHealth), [shop.askHealth]);
  const step: KioskStep = steps.includes(session.step) ? session.step : 'summary';
  const index = steps.indexOf(step);

  function update(patch: SessionPatch | ((s: KioskSession) => SessionPatch), to?: KioskStep) {
    if (exiting.current) return;
    const changes = typeof patch === 'function' ? patch(current.current) : patch;
    const next = changeDraft(current.current, changes, to, new Date());
    current.current = next;
    setSession(next);
    saver.save(next);
  }

  async function exit(to: KioskExit) {
    if (exiting.current) return;
    exiting.current = true;
    saver.stop();
    await props.onExit(to);
  }

  useNavigationLock();

  useEffect(() => {
    if (expiredOnArrival) {
      void exit({ kind: 'lock' });
      return;
    }
    void getOrder(props.session.orderId).then((row) => (row ? setPending(row.pending) : exit({ kind: 'lock' })));
    // Load the phone-number module now, so checking the contact step does not wait for it, and show
    // the prefilled number readably. Not the customer's activity, so the draft's time stays as it was.
    void import('../../shared/phone').then(({ formatMobile }) => {
      const readable = withReadableMobile(current.current, formatMobile);
      if (!readable || exiting.current) return;
      current.current = readable;
      setSession(readable);
      saver.save(readable);
    });
    return () => saver.stop();
  }, []);

  // The page's language follows the customer's, for screen readers and hyphenation.
  useEffect(() => {
    const previous = document.documentElement.lang;
    document.documentElement.lang = session.language;
    return () => void (document.documentElement.lang = previous);
  }, [session.language]);

  // Keep each text as rendered (its words, version and language), so the record holds exactly what was read.
  useEffect(() => {
    const seen = markSeen(current.current.seen, shop, TEXTS_ON_STEP[step] ?? [], session.language);
    if (seen) update({ seen });
  }, [step, session.language, shop.texts]);

  // A new step starts at its top, with its heading focused for screen readers.
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    window.scrollTo(0, 0);
    root.current?.querySelector<HTMLElement>('main h1')?.focus({ preventScroll: true });
  }, [step, pending !== null]);

  const { secondsLeft, reset } = useInactivity({
    seconds: inactivitySeconds,
    // A reload (or a browser reopened) carries on with the time left, not a fresh 90 s.
    lastActivity: Date.parse(props.session.lastActivityAt ?? props.session.startedAt),
    warnSeconds: WARN_SECONDS,
    enabled: step !== 'thanks' && !expiredOnArrival,
    onTimeout: () => void exit({ kind: 'lock' }),
    // A touch that changes nothing still shows the draft is in use; kept at most every 10 s.
    onActivity: () => activityDue(current.current, new Date()) && update({}),
  });

  const i18n = useMemo(() => makeI18n(session.language, (language: Language) => update({ language })), [session.language]);

  let body = null;
  if (pending && !expiredOnArrival) {
    const stepProps: StepProps = {
      shop,
      pending,
      session,
      update,
      next: (patch = {}) => update(patch, steps[index + 1]),
      back: index > 0 ? (patch = {}) => update(patch, steps[index - 1]) : null,
    };
    body = renderStep(step, stepProps, {
      confirm: async () => {
        const result = await signAndSaveRecord({ shop, session: current.current });
        if (result.ok) stepProps.next({ recordId: result.recordId });
        return result;
      },
      done: () => void exit({ kind: 'lock' }),
    });
  }

  const progress = step === 'thanks' ? null : { step: index + 1, of: steps.length - 1 };
  return (
    <I18nContext.Provider value={i18n}>
      <div ref={root} class="kiosk" lang={session.language} data-testid="kiosk" data-step={step}>
        <KioskHeader shopName={shop.name} progress={progress} onStaff={() => setStaffOpen(true)} />
        <main class="kiosk-main" aria-busy={pending ? undefined : 'true'}>
          {body}
        </main>
        {staffOpen && (
          <StaffExit
            askDiscard={step !== 'thanks'}
            onCancel={() => setStaffOpen(false)}
            onExit={(staff) => void exit({ kind: 'staff', staff })}
          />
        )}
        {secondsLeft !== null && !staffOpen && <InactivityWarning secondsLeft={secondsLeft} onContinue={reset} />}
      </div>
    </I18nContext.Provider>
  );
}

function renderStep(step: KioskStep, props: StepProps, actions: { confirm: () => ReturnType<typeof signAndSaveRecord>; done: () => void }) {
  switch (step) {
    case 'summary':
      return <OrderSummary {...props} />;
    case 'notice':
      return <PrivacyNotice {...props} />;
    case 'contact':
      return <ContactDetails {...props} />;
    case 'channels':
      return <Channels {...props} />;
    case 'health':
      return <Health {...props} />;
    case 'signature':
      return <SignatureStep {...props} />;
    case 'confirm':
      return <Confirm {...props} onConfirm={actions.confirm} />;
    case 'thanks':
      return <ThankYou onDone={actions.done} emailChosen={props.session.choices.email} />;
  }
}
