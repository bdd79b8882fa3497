/**
 * The owner area's words for the health-data consent (Art. 9) on the customer page, German first
 * and English second; spread into strings.ts. A topic of its own, never worded as marketing.
 */
const de = {
  healthConsent: {
    topic: 'Gesundheitsdaten (Art. 9)',
    withdrawnHint:
      'Die Einwilligung, die Brillenwerte für spätere Aufträge zu speichern, ist widerrufen. Bitte löschen Sie die gespeicherten Brillen- und Messwerte dieses Kunden in Ihrer eigenen Software (Kasse, Branchensoftware). countersign speichert diese Werte nicht.',
    formTitle: 'Einwilligung Gesundheitsdaten widerrufen',
    formIntro:
      'Wenn die Kundin oder der Kunde nicht mehr möchte, dass die Brillenwerte gespeichert bleiben – im Geschäft, per Post oder per E-Mail. Der Eintrag gilt sofort und erscheint im Verlauf mit dem Weg „Inhaber“.',
    submit: 'Widerruf eintragen',
    noObjection: 'Einen Widerspruch gibt es nur gegen Werbung (Art. 21 Abs. 2 DSGVO). Die Einwilligung zu den Gesundheitsdaten wird widerrufen.',
    nothingToWithdraw: 'Gesundheitsdaten: Es gibt keine erteilte Einwilligung, die widerrufen werden könnte.',
    done: 'Gesundheitsdaten: Der Widerruf ist eingetragen. Bitte löschen Sie jetzt die gespeicherten Brillenwerte in Ihrer eigenen Software.',
  },
};

export type HealthConsentStrings = typeof de;

const en: HealthConsentStrings = {
  healthConsent: {
    topic: 'Health data (Art. 9)',
    withdrawnHint:
      "The consent to keep the customer's prescription values for later orders is withdrawn. Please delete the stored prescription and measurement values of this customer in your own software (till, practice software). countersign does not store these values.",
    formTitle: 'Withdraw the health-data consent',
    formIntro:
      'When the customer no longer wants their prescription values kept: in the shop, by post or by e-mail. It applies at once and shows in the history with the route "Owner".',
    submit: 'Record the withdrawal',
    noObjection: 'An objection exists only against advertising (Art. 21(2) GDPR). The health-data consent is withdrawn.',
    nothingToWithdraw: 'Health data: there is no consent that could be withdrawn.',
    done: 'Health data: the withdrawal is recorded. Please now delete the stored prescription values in your own software.',
  },
};

export const HEALTH_CONSENT_STRINGS = { de, en };
