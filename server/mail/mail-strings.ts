/**
 * Every word of the thank-you e-mail and its calendar entry, German first and English second,
 * chosen by the language the customer signed in.
 */
import type { Channel, Language } from '../../shared/channels';

const de = {
  locale: 'de-DE',
  subject: (number: string, shop: string) => `Vielen Dank für Ihren Auftrag ${number} – ${shop}`,
  greeting: (name: string) => `Guten Tag ${name},`,
  thanks: (shop: string, number: string) => `vielen Dank für Ihren Auftrag bei ${shop}. Ihre Auftragsnummer ist ${number}.`,
  order: 'Ihr Auftrag',
  total: 'Summe',
  deposit: 'Anzahlung',
  balance: 'Restbetrag bei Abholung',
  pickup: (date: string) => `Abholung ab ${date}. Den Termin finden Sie im Anhang als Kalendereintrag.`,
  receipt: 'Ihren Beleg mit allen Angaben und Ihrer Unterschrift finden Sie im Anhang (PDF).',
  confirmTitle: 'Bitte bestätigen Sie Ihre E-Mail-Adresse',
  confirmText: 'Sie möchten Werbung per E-Mail von uns erhalten. Wir schicken sie Ihnen erst, wenn Sie Ihre Adresse mit diesem Link bestätigt haben:',
  confirmLink: 'E-Mail-Adresse bestätigen',
  optoutTitle: 'Einwilligung widerrufen',
  optoutText: 'Sie können Ihre Einwilligung jederzeit mit einem Klick widerrufen, für jeden Weg einzeln:',
  optout: { letter: 'Keine Werbung mehr per Brief', email: 'Keine Werbung mehr per E-Mail', sms: 'Keine Werbung mehr per SMS' } satisfies Record<Channel, string>,
  regards: 'Mit freundlichen Grüßen',
  phone: 'Telefon',
  icsTitle: (number: string, shop: string) => `Abholung: Auftrag ${number} – ${shop}`,
  icsDescription: (number: string) => `Ihr Auftrag ${number} ist ab diesem Tag abholbereit.`,
  receiptFile: (number: string) => `Beleg-${number}.pdf`,
  icsFile: (number: string) => `Abholung-${number}.ics`,
};

export type MailStrings = typeof de;

const en: MailStrings = {
  locale: 'en-GB',
  subject: (number, shop) => `Thank you for your order ${number} – ${shop}`,
  greeting: (name) => `Dear ${name},`,
  thanks: (shop, number) => `Thank you for your order at ${shop}. Your order number is ${number}.`,
  order: 'Your order',
  total: 'Total',
  deposit: 'Deposit',
  balance: 'Balance due at pickup',
  pickup: (date) => `Ready for pickup from ${date}. The date is attached as a calendar entry.`,
  receipt: 'Your receipt with all details and your signature is attached (PDF).',
  confirmTitle: 'Please confirm your e-mail address',
  confirmText: 'You would like to receive advertising from us by e-mail. We will send it only after you have confirmed your address with this link:',
  confirmLink: 'Confirm e-mail address',
  optoutTitle: 'Withdraw your consent',
  optoutText: 'You can withdraw your consent at any time with one click, for each channel on its own:',
  optout: { letter: 'No more advertising by letter', email: 'No more advertising by e-mail', sms: 'No more advertising by SMS' },
  regards: 'Kind regards',
  phone: 'Phone',
  icsTitle: (number, shop) => `Pickup: order ${number} – ${shop}`,
  icsDescription: (number) => `Your order ${number} is ready for pickup from this day.`,
  receiptFile: (number) => `Receipt-${number}.pdf`,
  icsFile: (number) => `Pickup-${number}.ics`,
};

export const MAIL_STRINGS: Record<Language, MailStrings> = { de, en };

export function formatMoney(t: MailStrings, cents: number): string {
  return new Intl.NumberFormat(t.locale, { style: 'currency', currency: 'EUR' }).format(cents / 100);
}

/** A calendar date (YYYY-MM-DD) in words, without any time zone shifting it. */
export function formatDay(t: MailStrings, isoDate: string): string {
  return new Intl.DateTimeFormat(t.locale, { dateStyle: 'full', timeZone: 'UTC' }).format(new Date(`${isoDate}T00:00:00Z`));
}
