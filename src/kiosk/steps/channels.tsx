/**
 * Step 4: one switch per marketing channel, all off by default and none required. Each shows the
 * shop's consent text for it (exactly as hashed) and the contact value it would apply to. A channel
 * switched on without a valid contact value gets an input right beside its switch at once (also in
 * a reopened draft); its message comes only when "Weiter" is refused, so a tap is not scolded.
 */
import { useEffect, useState } from 'preact/hooks';
import { CHANNELS, type Channel } from '../../../shared/channels';
import { postalAddress } from '../../../shared/record';
import { useI18n } from '../../i18n';
import { checkMobile, emailProblem } from '../contact-check';
import { focusInvalidField } from '../focus-field';
import { Field } from '../../ui/field';
import { StepNav } from '../step-nav';
import type { StepProps } from '../step-props';
import { TextBlock } from '../text-block';

type Fixable = Exclude<Channel, 'letter'>;
type Problems = Partial<Record<Fixable, string>>;

export function Channels({ shop, session, update, next, back }: StepProps) {
  const { t } = useI18n();
  const [problems, setProblems] = useState<Problems>({});
  // Open from the start for a switch already on (a reopened draft) whose value is missing or not valid.
  const [fixing, setFixing] = useState<Record<Fixable, boolean>>(() => ({
    email: session.choices.email && emailProblem(session.contact.email, true) !== null,
    sms: session.choices.sms && session.mobileInput.trim() === '',
  }));
  const [busy, setBusy] = useState(false);

  // A typed mobile number is checked by libphonenumber, loaded on demand: an invalid one opens its input too.
  useEffect(() => {
    let live = true;
    if (session.choices.sms && !fixing.sms) void problemOf('sms', true).then((problem) => live && problem && setFixing((open) => ({ ...open, sms: true })));
    return () => void (live = false);
  }, []);

  async function problemOf(channel: Fixable, needed: boolean): Promise<string | null> {
    if (channel === 'email') return emailProblem(session.contact.email, needed);
    const mobile = await checkMobile(session.mobileInput, needed);
    return mobile.ok ? null : mobile.message;
  }

  function show(found: Problems) {
    setProblems(found);
    setFixing((open) => ({ email: open.email || !!found.email, sms: open.sms || !!found.sms }));
  }

  async function toggle(channel: Channel) {
    const on = !session.choices[channel];
    update({ choices: { ...session.choices, [channel]: on } });
    if (channel === 'letter') return;
    // Any message of this channel goes; a new one only when "Weiter" is refused.
    setProblems(({ [channel]: _old, ...others }) => others);
    const problem = on ? await problemOf(channel, true) : null;
    setFixing((open) => ({ ...open, [channel]: problem !== null }));
  }

  async function submit() {
    if (busy) return;
    setBusy(true);
    const email = emailProblem(session.contact.email, session.choices.email);
    const mobile = await checkMobile(session.mobileInput, session.choices.sms);
    setBusy(false);
    const found: Problems = {};
    if (email) found.email = email;
    if (!mobile.ok) found.sms = mobile.message;
    if (found.email || found.sms) {
      show(found);
      // The input to fix, not the switch: the message sits beside it, often below the screen's edge.
      focusInvalidField(`channel-${found.email ? 'email' : 'sms'}-input`);
      return;
    }
    next({ contact: { ...session.contact, email: session.contact.email.trim(), mobile: mobile.ok ? mobile.e164 : '' }, mobileInput: session.mobileInput.trim() });
  }

  function appliesTo(channel: Channel): string {
    if (channel === 'letter') return postalAddress(session.contact);
    const value = channel === 'email' ? session.contact.email.trim() : session.mobileInput.trim();
    return value === '' ? t('kiosk.channels.noValue') : value;
  }

  return (
    <>
      <h1 tabIndex={-1}>{t('kiosk.channels.title')}</h1>
      <p class="kiosk-lead">{t('kiosk.channels.intro')}</p>
      <ul class="kiosk-channels">
        {CHANNELS.map((channel) => {
          const on = session.choices[channel];
          const problem = channel === 'letter' ? undefined : problems[channel];
          const ids = { text: `channel-${channel}-text`, contact: `channel-${channel}-contact`, error: `channel-${channel}-input-error` };
          return (
            <li key={channel} class={`kiosk-channel${on ? ' kiosk-channel--on' : ''}`}>
              <button
                type="button"
                role="switch"
                id={`channel-${channel}`}
                class="kiosk-switch"
                aria-checked={on ? 'true' : 'false'}
                aria-describedby={[ids.text, ids.contact, problem ? ids.error : ''].filter(Boolean).join(' ')}
                onClick={() => void toggle(channel)}
              >
                <span class="kiosk-switch-track" aria-hidden="true">
                  <span class="kiosk-switch-thumb" />
                </span>
                <span class="kiosk-switch-label">{t(`kiosk.channel.${channel}`)}</span>
                <span class="kiosk-switch-state" aria-hidden="true">{on ? t('kiosk.channels.on') : t('kiosk.channels.off')}</span>
              </button>
              <TextBlock id={ids.text} class="kiosk-consent" text={shop.texts[channel][session.language]} />
              <p id={ids.contact} class="kiosk-applies">
                <span class="kiosk-applies-label">{t('kiosk.channels.appliesTo')}</span> {appliesTo(channel)}
              </p>
              {/* Its message (id ids.error) sits under this input, right beside the switch. */}
              {channel !== 'letter' && on && fixing[channel] && (
                <Field
                  id={`channel-${channel}-input`}
                  label={t(channel === 'email' ? 'kiosk.field.email' : 'kiosk.field.mobile')}
                  type={channel === 'email' ? 'email' : 'tel'}
                  inputMode={channel === 'email' ? 'email' : 'tel'}
                  value={channel === 'email' ? session.contact.email : session.mobileInput}
                  error={problem}
                  announce
                  onInput={(value) => {
                    if (problem) setProblems(({ [channel]: _gone, ...rest }) => rest);
                    update((current) => (channel === 'email' ? { contact: { ...current.contact, email: value } } : { mobileInput: value }));
                  }}
                />
              )}
            </li>
          );
        })}
      </ul>
      <StepNav busy={busy} onBack={back && (() => back())} onNext={() => void submit()} />
    </>
  );
}
