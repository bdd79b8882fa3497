/** Step 7: what the customer chose, in one place, and the button that stores the record for good. */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { CHANNELS } from '../../../shared/channels';
import { postalAddress } from '../../../shared/record';
import { formatMoney, useI18n } from '../../i18n';
import { StepNav } from '../step-nav';
import type { StepProps } from '../step-props';

export interface ConfirmProps extends StepProps {
  /** Stores the record; resolves with a message key when that failed. */
  onConfirm: () => Promise<{ ok: true } | { ok: false; message: string }>;
}

export function Confirm({ shop, pending, session, back, onConfirm }: ConfirmProps) {
  const { t, tm, language } = useI18n();
  const [saving, setSaving] = useState(false);
  // The message's key, translated when shown: it follows the customer's language switch.
  const [error, setError] = useState('');
  const mobile = useFormattedMobile(session.contact.mobile);
  const { contact, choices } = session;
  const values = { letter: postalAddress(contact), email: contact.email, sms: mobile };

  async function confirm() {
    if (saving) return;
    setSaving(true);
    setError('');
    const result = await onConfirm();
    if (!result.ok) {
      setSaving(false);
      setError(result.message.startsWith('error.') ? result.message : 'error.storage');
    }
  }

  return (
    <>
      <h1 tabIndex={-1}>{t('kiosk.confirm.title')}</h1>
      <p class="kiosk-lead">{t('kiosk.confirm.intro')}</p>
      {/* In landscape the signature sits beside the summary, so both show above the sticky buttons. */}
      <div class="kiosk-confirm">
        <dl class="kiosk-review">
          <Row term={t('kiosk.confirm.order')}>
            {t('kiosk.confirm.orderLine', { number: pending.order.number, total: formatMoney(language, pending.order.totalCents) })}
          </Row>
          <Row term={t('kiosk.confirm.contact')}>
            {postalAddress(contact)}
            {contact.email && <div>{contact.email}</div>}
            {mobile && <div>{mobile}</div>}
          </Row>
          {CHANNELS.map((channel) => (
            <Row key={channel} term={t('kiosk.confirm.channel', { channel: t(`kiosk.channel.${channel}`) })}>
              <strong>{choices[channel] ? t('common.yes') : t('common.no')}</strong>
              {choices[channel] && <span class="kiosk-review-value"> – {values[channel]}</span>}
            </Row>
          ))}
          {shop.askHealth && (
            <Row term={t('kiosk.confirm.health')}>
              <strong>{session.health ? t('common.yes') : t('common.no')}</strong>
            </Row>
          )}
        </dl>
        <figure class="kiosk-confirm-signature">
          <figcaption>{t('kiosk.confirm.signature')}</figcaption>
          {session.signature && <img class="kiosk-review-signature" src={session.signature.png} alt={t('kiosk.confirm.signatureAlt')} />}
        </figure>
      </div>
      {error && (
        <p class="field-error kiosk-save-error" role="alert">
          {tm(error)}
        </p>
      )}
      <p class="visually-hidden" aria-live="polite">
        {saving ? t('kiosk.confirm.saving') : ''}
      </p>
      <StepNav busy={saving} onBack={back && (() => back())} onNext={() => void confirm()} nextLabel={t('kiosk.confirm.submit')} />
    </>
  );
}

function Row(props: { term: string; children: ComponentChildren }) {
  return (
    <div class="kiosk-review-row">
      <dt>{props.term}</dt>
      <dd>{props.children}</dd>
    </div>
  );
}

/** The mobile number as people read it; the formatter is loaded lazily with the phone metadata. */
function useFormattedMobile(e164: string): string {
  const [formatted, setFormatted] = useState(e164);
  useEffect(() => {
    let live = true;
    if (e164) void import('../../../shared/phone').then(({ formatMobile }) => live && setFormatted(formatMobile(e164)));
    return () => void (live = false);
  }, [e164]);
  return formatted;
}
