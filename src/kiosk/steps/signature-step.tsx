/** Step 6: the signature. An empty or trivial one is refused with a message beside the pad. */
import { useRef, useState } from 'preact/hooks';
import { useI18n } from '../../i18n';
import { checkSignature } from '../signature-check';
import { SignatureCanvas, type SignaturePadHandle } from '../signature-pad';
import { StepNav } from '../step-nav';
import type { StepProps } from '../step-props';

export function SignatureStep({ session, update, next, back }: StepProps) {
  const { t } = useI18n();
  const pad = useRef<SignaturePadHandle | null>(null);
  const [refusal, setRefusal] = useState<'empty' | 'trivial' | null>(null);

  function onNext() {
    const drawing = pad.current?.read() ?? null;
    const verdict = drawing ? checkSignature(drawing.strokes, drawing) : 'empty';
    if (verdict === 'ok') return next({ signature: drawing });
    setRefusal(verdict);
  }

  function clear() {
    pad.current?.clear();
    setRefusal(null);
    update({ signature: null });
  }

  return (
    <>
      <h1 tabIndex={-1}>{t('kiosk.signature.title')}</h1>
      <p class="kiosk-lead" id="signature-intro">{t('kiosk.signature.intro')}</p>
      <div class={`signature-box${refusal ? ' signature-box--invalid' : ''}`}>
        <SignatureCanvas
          initial={session.signature}
          handle={pad}
          label={t('kiosk.signature.pad')}
          describedBy={refusal ? 'signature-intro signature-error' : 'signature-intro'}
          onStrokeEnd={() => {
            setRefusal(null);
            // Kept as drawn, so a reload returns with it; it is checked again on Next. The PNG is
            // rendered once, on Next: encoding the whole canvas at every stroke's end is the
            // costliest thing on the signing path (`npm run bench`, figure 2).
            update({ signature: pad.current?.readStrokes() ?? null });
          }}
        />
        <span class="signature-line" aria-hidden="true">
          {t('kiosk.signature.here')}
        </span>
      </div>
      <p id="signature-error" class="field-error" role="alert">
        {refusal === 'empty' ? t('kiosk.signature.empty') : refusal === 'trivial' ? t('kiosk.signature.trivial') : ''}
      </p>
      <div class="signature-tools">
        <button type="button" onClick={clear}>
          {t('kiosk.signature.clear')}
        </button>
      </div>
      <StepNav onBack={back && (() => back({ signature: pad.current?.read() ?? null }))} onNext={onNext} />
    </>
  );
}
