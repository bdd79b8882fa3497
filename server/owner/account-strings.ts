/**
 * The words of the owner's own account (changing the password, a reset that waits for a restart,
 * the overall cap on failed logins), German first and English second. Kept beside strings.ts,
 * which spreads them into its tables, like gdpr-strings.ts.
 */

const de = {
  password: {
    title: 'Passwort ändern',
    intro: 'Danach sind alle anderen Anmeldungen beendet, etwa auf einem anderen Rechner; Sie bleiben hier angemeldet.',
    current: 'Aktuelles Passwort',
    password: 'Neues Passwort (mindestens 10 Zeichen)',
    repeat: 'Neues Passwort wiederholen',
    submit: 'Passwort ändern',
    wrongCurrent: 'Das aktuelle Passwort stimmt nicht.',
    tooShort: 'Das neue Passwort ist zu kurz: mindestens 10 Zeichen.',
    tooLong: 'Das neue Passwort ist zu lang: höchstens 1024 Zeichen.',
    mismatch: 'Die beiden neuen Passwörter sind nicht gleich.',
    same: 'Das neue Passwort ist dasselbe wie das aktuelle. Bitte wählen Sie ein anderes.',
    changedElsewhere: 'Das Passwort wurde eben an anderer Stelle geändert. Laden Sie die Seite neu und versuchen Sie es noch einmal.',
    notChanged: 'Das Passwort wurde nicht geändert. Bitte prüfen Sie die markierten Felder.',
    changed: 'Das Passwort ist geändert. Alle anderen Anmeldungen sind beendet; Sie bleiben hier angemeldet.',
    forgotten: 'Passwort vergessen? Auf dem Rechner des Servers „npm run owner:reset“ ausführen und den Server neu starten; er gibt dann ein neues Einrichtungsgeheimnis aus.',
  },
  setupRestart: 'Das Passwort wurde zurückgesetzt, und es gibt noch kein neues Einrichtungsgeheimnis. Starten Sie den Server neu: Er gibt dann im Terminal ein neues aus (Zeile „set-up secret“).',
  tooManyAll: (seconds: number) =>
    `Zu viele Fehlversuche insgesamt, von verschiedenen Adressen. Zum Schutz nimmt der Inhaberbereich von dieser Adresse ${seconds} Sekunden lang kein Passwort an, auch das richtige nicht. Bitte warten Sie und versuchen Sie es dann erneut.`,
};

const en: typeof de = {
  password: {
    title: 'Change the password',
    intro: 'Afterwards every other login ends, for example on another computer; you stay logged in here.',
    current: 'Current password',
    password: 'New password (at least 10 characters)',
    repeat: 'Repeat the new password',
    submit: 'Change the password',
    wrongCurrent: 'The current password is wrong.',
    tooShort: 'The new password is too short: at least 10 characters.',
    tooLong: 'The new password is too long: at most 1024 characters.',
    mismatch: 'The two new passwords are not the same.',
    same: 'The new password is the same as the current one. Please choose another.',
    changedElsewhere: 'The password was changed elsewhere just now. Reload the page and try again.',
    notChanged: 'The password was not changed. Please check the marked fields.',
    changed: 'The password is changed. Every other login has ended; you stay logged in here.',
    forgotten: 'Forgot the password? Run "npm run owner:reset" on the server\'s computer and restart the server; it then prints a new set-up secret.',
  },
  setupRestart: 'The password was reset, and there is no new set-up secret yet. Restart the server: it then prints a new one in its terminal (the line "set-up secret").',
  tooManyAll: (seconds: number) =>
    `Too many failed attempts in all, from several addresses. To be safe, the owner area takes no password from this address for ${seconds} seconds, not even the right one. Please wait, then try again.`,
};

export const ACCOUNT_STRINGS = { de, en };
