/** A labelled text input with its message beside it, for the contact and channel steps. */
export interface FieldProps {
  id: string;
  label: string;
  value: string;
  error?: string;
  hint?: string;
  type?: 'text' | 'email' | 'tel';
  inputMode?: 'text' | 'email' | 'tel' | 'numeric';
  onInput: (value: string) => void;
  required?: boolean;
}

export function Field(props: FieldProps) {
  const errorId = `${props.id}-error`;
  const hintId = `${props.id}-hint`;
  const describedBy = [props.hint ? hintId : '', props.error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`kiosk-field${props.error ? ' kiosk-field--invalid' : ''}`}>
      <div class="kiosk-field-head">
        <label for={props.id}>{props.label}</label>
        {props.hint && (
          <span id={hintId} class="kiosk-field-hint">
            {props.hint}
          </span>
        )}
      </div>
      <input
        id={props.id}
        name={props.id}
        type={props.type ?? 'text'}
        inputMode={props.inputMode}
        list={undefined}
        autoComplete="off"
        autoCorrect="off"
        spellcheck={false}
        value={props.value}
        aria-required={props.required ? 'true' : undefined}
        aria-invalid={props.error ? 'true' : 'false'}
        aria-describedby={describedBy}
        onInput={(event) => props.onInput(event.currentTarget.value)}
      />
      {props.error && (
        <p id={errorId} class="field-error" role="alert">
          {props.error}
        </p>
      )}
    </div>
  );
}
