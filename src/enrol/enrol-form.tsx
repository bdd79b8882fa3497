/**
 * The enrolment form: the owner's connection code and a name for this tablet. Used at first start
 * and on the Status tab (connect later, or again after a revocation). A QR code from the owner
 * page arrives as `initialCode` (/?enrol=CODE), so only "Verbinden" is left to tap.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { EnrolmentResult } from '../data/enrolment';
import { useI18n, type MessageKey } from '../i18n';
import { Field } from '../ui/field';
import { syncErrorKey } from '../sync/sync-words';
import { enrolTablet } from './enrol-device';

interface Props {
  idPrefix: string;
  initialCode?: string;
  /** The tablet's present name when it connects again; else a suggestion like "Tablet Theke 1". */
  initialName?: string;
  disabled?: boolean;
  onEnrolled: (result: EnrolmentResult) => void;
}

export function EnrolForm(props: Props) {
  const { t } = useI18n();
  const [code, setCode] = useState(props.initialCode ?? '');
  const [name, setName] = useState(() => props.initialName ?? t('enrol.defaultName'));
  const [errors, setErrors] = useState<{ code?: string; name?: string }>({});
  // A message key, translated when shown, so it follows a language switch.
  const [failure, setFailure] = useState<MessageKey | ''>('');
  const [busy, setBusy] = useState(false);
  const submitRef = useRef<HTMLButtonElement>(null);
  const formRef = useRef<HTMLFormElement>(null);

  // Opened from the owner's QR code: the code is in, only the tap on "Verbinden" is left.
  useEffect(() => {
    if (props.initialCode) submitRef.current?.focus();
  }, [props.initialCode]);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    const next = {
      code: code.trim().length < 4 || code.trim().length > 64 ? 'enrol.codeInvalid' : undefined,
      name: name.trim() === '' ? 'error.required' : name.trim().length > 80 ? 'error.tooLong' : undefined,
    };
    setErrors(next);
    setFailure('');
    if (next.code || next.name) {
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setBusy(true);
    try {
      const outcome = await enrolTablet({ code, deviceName: name });
      if (outcome.ok) return props.onEnrolled(outcome.result);
      setFailure(syncErrorKey(outcome.error.code));
    } catch {
      setFailure('enrol.saveFailed');
    } finally {
      setBusy(false);
    }
  }

  const id = (field: string) => `${props.idPrefix}-${field}`;
  return (
    <form ref={formRef} class="enrol-form" noValidate onSubmit={(e) => void submit(e)}>
      <Field
        id={id('code')}
        label={t('enrol.code')}
        hint={t('enrol.codeHint')}
        value={code}
        error={errors.code}
        autoComplete="one-time-code"
        maxLength={64}
        onInput={setCode}
      />
      <Field id={id('name')} label={t('enrol.name')} hint={t('enrol.nameHint')} value={name} error={errors.name} maxLength={80} onInput={setName} />
      <div role="alert" class={failure ? 'banner banner--error' : 'visually-hidden'}>{failure && t(failure)}</div>
      <div class="actions actions--start">
        <button ref={submitRef} type="submit" class="primary" disabled={busy || props.disabled} aria-busy={busy}>
          {busy ? t('enrol.busy') : t('enrol.submit')}
        </button>
      </div>
    </form>
  );
}
