/**
 * Setup: the privacy notice and consent texts in both languages. They start as the template filled
 * with the details above and follow them until edited; "restore" drops the hand edit again.
 */
import { LANGUAGES } from '../../shared/channels';
import { TEXT_KINDS } from '../../shared/shop';
import { useI18n } from '../i18n';
import { Field } from '../ui/field';
import type { FieldErrors } from '../ui/field-errors';
import { currentTexts, type SetupDraft } from './setup-draft';

interface Props {
  draft: SetupDraft;
  errors: FieldErrors;
  update: (patch: Partial<SetupDraft>) => void;
  open: boolean;
  onToggle: (open: boolean) => void;
}

export function TextsFields({ draft, errors, update, open, onToggle }: Props) {
  const { t } = useI18n();
  const texts = currentTexts(draft);
  return (
    <section class="card setup-section" aria-labelledby="setup-texts-title">
      <h2 id="setup-texts-title">{t('setup.section.texts')}</h2>
      <p class="hint">{t('setup.textsHint')}</p>
      <details open={open} onToggle={(e) => onToggle((e.currentTarget as HTMLDetailsElement).open)}>
        <summary>{t('setup.showTexts')}</summary>
        {TEXT_KINDS.map((kind) =>
          LANGUAGES.map((language) => {
            const key = `${kind}.${language}` as const;
            const label = t('setup.textLabel', { text: t(`setup.text.${kind}`), language: t(`setup.language.${language}`) });
            const edited = key in draft.editedTexts;
            return (
              <div class="setup-text" key={key} lang={language}>
                <Field
                  id={`setup-text-${kind}-${language}`}
                  label={label}
                  multiline
                  rows={kind === 'notice' ? 12 : 5}
                  value={texts[kind][language]}
                  error={errors[`texts.${kind}.${language}`]}
                  onInput={(value) => update({ editedTexts: { ...draft.editedTexts, [key]: value } })}
                />
                {edited && (
                  <button
                    type="button"
                    class="small"
                    aria-label={t('setup.resetTextLabel', { text: label })}
                    onClick={() => {
                      const { [key]: _dropped, ...rest } = draft.editedTexts;
                      update({ editedTexts: rest });
                    }}
                  >
                    {t('setup.resetText')}
                  </button>
                )}
              </div>
            );
          }),
        )}
      </details>
    </section>
  );
}
