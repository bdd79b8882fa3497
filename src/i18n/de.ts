/**
 * Every German string of the app, in one file. German is the default language. Keys are grouped by
 * screen; en.ts must have exactly the same keys (the compiler checks). {name} marks a parameter.
 */
export const de = {
  // --- common ---
  'app.name': 'countersign',
  'common.language': 'Sprache',
  'common.switchLanguage': 'English',
  'common.next': 'Weiter',
  'common.back': 'Zurück',
  'common.cancel': 'Abbrechen',
  'common.save': 'Speichern',
  'common.close': 'Schließen',
  'common.yes': 'Ja',
  'common.no': 'Nein',
  'common.optional': 'optional',
  'common.loading': 'Wird geladen …',

  // --- validation messages (keys come from shared/record.ts ErrorKey) ---
  'error.required': 'Bitte ausfüllen.',
  'error.tooLong': 'Dieser Text ist zu lang.',
  'error.email': 'Bitte eine gültige E-Mail-Adresse eingeben, z. B. name@beispiel.de.',
  'error.mobile': 'Bitte eine gültige Mobilnummer eingeben, z. B. 0171 2345678.',
  'error.postalCode': 'Bitte eine gültige Postleitzahl eingeben.',
  'error.date': 'Bitte ein gültiges Datum wählen.',
  'error.quantity': 'Die Menge muss eine ganze Zahl zwischen 1 und 999 sein.',
  'error.price': 'Bitte einen gültigen Preis eingeben, z. B. 129,90.',
  'error.depositAboveTotal': 'Die Anzahlung darf nicht höher sein als die Gesamtsumme.',
  'error.total': 'Die Gesamtsumme stimmt nicht mit den Positionen überein.',
  'error.noItems': 'Bitte mindestens eine Position eingeben.',
  'error.channelContact': 'Für diesen Kanal fehlt die passende Kontaktangabe.',
  'error.signature': 'Bitte unterschreiben Sie im Feld.',
  'error.hash': 'Der Datensatz ist beschädigt.',
  'error.invalid': 'Diese Angabe ist ungültig.',
  'error.pin': 'Die PIN muss aus 4 bis 8 Ziffern bestehen.',
  'error.duplicate': 'Dieser Datensatz ist bereits gespeichert.',
  'error.storage': 'Speichern ist fehlgeschlagen. Es wurde nichts gespeichert. Bitte noch einmal versuchen.',
  // --- PIN ---
  'pin.label': 'PIN',
  'pin.submit': 'Entsperren',
  'pin.wrong': 'Diese PIN stimmt nicht. Bitte noch einmal versuchen.',
  'pin.locked': 'Zu viele falsche Versuche. Bitte {seconds} Sekunden warten.',
  'pin.clear': 'PIN löschen',
  'pin.backspace': 'Letzte Ziffer löschen',
} as const;

export type MessageKey = keyof typeof de;
