/**
 * A labelled form field whose error sits beside it and is tied to it (aria-invalid,
 * aria-describedby), so screen readers read the message with the field. Used on every screen.
 */
import { useI18n } from '../i18n';
import './field.css';

export interface FieldProps {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  /** An i18n key, as schema issues carry them. */
  error?: string;
  hint?: string;
  optional?: boolean;
  /** Announce the message at once (the kiosk); forms with a summary banner leave this off. */
  announce?: boolean;
  multiline?: boolean;
  rows?: number;
  type?: 'text' | 'email' | 'tel' | 'date' | 'number';
  /**
   * A PIN: a plain text field whose characters show as dots (field.css, .secret-digits). Never
   * type="password", so Chrome's password manager neither saves it nor fills it in for a customer.
   */
  secret?: boolean;
  inputMode?: 'text' | 'email' | 'tel' | 'numeric' | 'decimal';
  autoComplete?: string;
  maxLength?: number;
  min?: number;
  max?: number;
}

export function Field(props: FieldProps) {
  const { t, tm } = useI18n();
  const errorId = `${props.id}-error`;
  const hintId = `${props.id}-hint`;
  const optionalId = `${props.id}-optional`;
  const describedBy = [props.error ? errorId : '', props.hint ? hintId : '', props.optional ? optionalId : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id: props.id,
    name: props.id,
    value: props.value,
    'aria-invalid': props.error ? ('true' as const) : ('false' as const),
    'aria-describedby': describedBy,
    'aria-required': props.optional ? undefined : ('true' as const),
    maxLength: props.maxLength,
    onInput: (e: Event) => props.onInput((e.currentTarget as HTMLInputElement | HTMLTextAreaElement).value),
  };
  return (
    <div class={`field${props.error ? ' field--invalid' : ''}`}>
      {/* "optional" sits beside the label, not in it, so the field's name stays exactly its label. */}
      <div class="field-label">
        <label for={props.id}>{props.label}</label>
        {props.optional && <span id={optionalId} class="field-optional">({t('common.optional')})</span>}
      </div>
      {props.multiline ? (
        <textarea {...common} rows={props.rows ?? 6} />
      ) : (
        <input
          {...common}
          // Preact's input types are a union keyed on `type`; one prop of a union type does not fit it.
          type={(props.type ?? 'text') as 'text'}
          inputMode={props.inputMode}
          class={props.secret ? 'secret-digits' : undefined}
          autoComplete={props.autoComplete ?? 'off'}
          autoCorrect="off"
          autocapitalize="off"
          spellcheck={false}
          min={props.min}
          max={props.max}
        />
      )}
      {props.error && (
        <p id={errorId} class="field-error" role={props.announce ? 'alert' : undefined}>
          {tm(props.error)}
        </p>
      )}
      {props.hint && <p id={hintId} class="hint">{props.hint}</p>}
    </div>
  );
}

/** Moves focus to the first invalid field after a failed submit, so the message is read at once. */
export function focusFirstInvalid(root: HTMLElement | null): void {
  requestAnimationFrame(() => root?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}
