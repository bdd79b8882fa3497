/** Setup: the shop's address, the controller and the optional data-protection officer. */
import { useI18n } from '../i18n';
import { Field } from '../ui/field';
import type { FieldErrors } from '../ui/field-errors';
import type { SetupDraft } from './setup-draft';

interface Props {
  draft: SetupDraft;
  errors: FieldErrors;
  update: (patch: Partial<SetupDraft>) => void;
}

export function ShopFields({ draft, errors, update }: Props) {
  const { t } = useI18n();
  return (
    <>
      <fieldset class="card setup-section">
        <legend>{t('setup.section.shop')}</legend>
        <Field id="setup-name" label={t('setup.shopName')} value={draft.name} error={errors.name} autoComplete="organization" onInput={(name) => update({ name })} />
        <Field id="setup-street" label={t('setup.street')} value={draft.street} error={errors.street} autoComplete="street-address" onInput={(street) => update({ street })} />
        <div class="field-row">
          <Field id="setup-postal-code" label={t('setup.postalCode')} value={draft.postalCode} error={errors.postalCode} inputMode="numeric" autoComplete="postal-code" onInput={(postalCode) => update({ postalCode })} />
          <Field id="setup-city" label={t('setup.city')} value={draft.city} error={errors.city} autoComplete="address-level2" onInput={(city) => update({ city })} />
        </div>
      </fieldset>

      <fieldset class="card setup-section">
        <legend>{t('setup.section.controller')}</legend>
        <p class="hint">{t('setup.controllerHint')}</p>
        <Field id="setup-controller-name" label={t('setup.controllerName')} value={draft.controllerName} error={errors['controller.name']} onInput={(controllerName) => update({ controllerName })} />
        <Field id="setup-controller-email" label={t('setup.controllerEmail')} type="email" inputMode="email" value={draft.controllerEmail} error={errors['controller.email']} onInput={(controllerEmail) => update({ controllerEmail })} />
        <Field id="setup-controller-phone" label={t('setup.controllerPhone')} type="tel" inputMode="tel" optional value={draft.controllerPhone} error={errors['controller.phone']} onInput={(controllerPhone) => update({ controllerPhone })} />

        <div class="check">
          <input id="setup-has-dpo" type="checkbox" checked={draft.hasDpo} onChange={(e) => update({ hasDpo: e.currentTarget.checked })} />
          <label for="setup-has-dpo">{t('setup.hasDpo')}</label>
        </div>
        {draft.hasDpo && (
          <>
            <Field id="setup-dpo-name" label={t('setup.dpoName')} value={draft.dpoName} error={errors['dpo.name']} onInput={(dpoName) => update({ dpoName })} />
            <Field id="setup-dpo-email" label={t('setup.dpoEmail')} type="email" inputMode="email" value={draft.dpoEmail} error={errors['dpo.email']} onInput={(dpoEmail) => update({ dpoEmail })} />
          </>
        )}
      </fieldset>
    </>
  );
}
