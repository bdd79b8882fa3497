/** Every word of the customer's link pages (/c/…), German first and English second. */
import type { Channel, Language } from '../../shared/channels';

const de = {
  channel: { letter: 'Brief', email: 'E-Mail', sms: 'SMS' } satisfies Record<Channel, string>,
  optoutDoneTitle: 'Ihr Widerruf ist gespeichert',
  optoutDone: (channel: string, shop: string) => `Sie erhalten keine Werbung mehr per ${channel} von ${shop}.`,
  alreadyOffTitle: 'Keine Werbung auf diesem Weg',
  alreadyOff: (channel: string, shop: string) => `Sie erhalten bereits keine Werbung per ${channel} von ${shop}. Es wurde nichts geändert.`,
  erasedTitle: 'Ihre Daten wurden gelöscht',
  erased: 'Ihre Daten wurden auf Ihren Wunsch gelöscht; Sie erhalten keine Werbung.',
  confirmAskTitle: 'E-Mail-Adresse bestätigen',
  confirmAsk: (shop: string) => `Möchten Sie Werbung per E-Mail von ${shop} erhalten? Dann bestätigen Sie bitte Ihre Adresse mit dieser Schaltfläche. Erst danach schicken wir Ihnen Werbung per E-Mail.`,
  confirmButton: 'E-Mail-Adresse bestätigen',
  confirmDoneTitle: 'Ihre E-Mail-Adresse ist bestätigt',
  confirmDone: (shop: string) => `Vielen Dank. ${shop} darf Ihnen nun Werbung per E-Mail schicken. Sie können das jederzeit mit einem Klick widerrufen: Der Link steht in jeder E-Mail.`,
  confirmAfterWithdrawal: 'Sie hatten Ihre Einwilligung in Werbung per E-Mail vorher widerrufen. Dabei bleibt es: Sie erhalten keine Werbung per E-Mail.',
  confirmOtherAddressTitle: 'Diese Adresse ist nicht mehr aktuell',
  confirmOtherAddress: 'Sie haben uns inzwischen eine andere E-Mail-Adresse genannt. Bitte bestätigen Sie diese mit dem Link in der E-Mail, die wir an sie geschickt haben. Bis dahin erhalten Sie keine Werbung per E-Mail.',
  usedTitle: 'Dieser Link wurde bereits verwendet',
  optoutUsed: 'Dieser Link wurde bereits verwendet; Ihr Widerruf gilt weiterhin.',
  confirmUsed: 'Dieser Link wurde bereits verwendet; Ihre E-Mail-Adresse ist bereits bestätigt.',
  invalidTitle: 'Dieser Link ist ungültig',
  invalid: 'Der Link ist unvollständig oder wurde verändert. Bitte öffnen Sie ihn direkt aus der E-Mail oder kopieren Sie ihn vollständig. Es wurde nichts geändert.',
  expiredTitle: 'Dieser Link ist abgelaufen',
  optoutExpired: 'Es wurde nichts geändert. Sie können Ihre Einwilligung trotzdem jederzeit widerrufen: Schreiben Sie uns oder rufen Sie uns an.',
  confirmExpired: 'Bestätigungslinks gelten 30 Tage. Es wurde nichts geändert. Wenn Sie Werbung per E-Mail erhalten möchten, sprechen Sie uns an.',
  contact: 'So erreichen Sie uns',
  phone: 'Telefon',
  email: 'E-Mail',
};

export type LinkStrings = typeof de;

const en: LinkStrings = {
  channel: { letter: 'letter', email: 'e-mail', sms: 'SMS' },
  optoutDoneTitle: 'Your withdrawal is saved',
  optoutDone: (channel, shop) => `You will no longer receive advertising by ${channel} from ${shop}.`,
  alreadyOffTitle: 'No advertising this way',
  alreadyOff: (channel, shop) => `You already receive no advertising by ${channel} from ${shop}. Nothing was changed.`,
  erasedTitle: 'Your data has been erased',
  erased: 'Your data was erased at your request; you receive no advertising.',
  confirmAskTitle: 'Confirm e-mail address',
  confirmAsk: (shop) => `Would you like to receive advertising by e-mail from ${shop}? Then please confirm your address with this button. Only then will we send you advertising by e-mail.`,
  confirmButton: 'Confirm e-mail address',
  confirmDoneTitle: 'Your e-mail address is confirmed',
  confirmDone: (shop) => `Thank you. ${shop} may now send you advertising by e-mail. You can withdraw this at any time with one click: the link is in every e-mail.`,
  confirmAfterWithdrawal: 'You had withdrawn your consent to advertising by e-mail before. That stands: you will receive no advertising by e-mail.',
  confirmOtherAddressTitle: 'This address is no longer current',
  confirmOtherAddress: 'You have since given us another e-mail address. Please confirm that one with the link in the e-mail we sent to it. Until then you will receive no advertising by e-mail.',
  usedTitle: 'This link has already been used',
  optoutUsed: 'This link has already been used; your withdrawal still stands.',
  confirmUsed: 'This link has already been used; your e-mail address is already confirmed.',
  invalidTitle: 'This link is not valid',
  invalid: 'The link is incomplete or has been changed. Please open it straight from the e-mail, or copy all of it. Nothing was changed.',
  expiredTitle: 'This link has expired',
  optoutExpired: 'Nothing was changed. You can still withdraw your consent at any time: write to us or call us.',
  confirmExpired: 'Confirmation links are valid for 30 days. Nothing was changed. If you would like advertising by e-mail, please ask us.',
  contact: 'How to reach us',
  phone: 'Phone',
  email: 'E-mail',
};

export const LINK_STRINGS: Record<Language, LinkStrings> = { de, en };
