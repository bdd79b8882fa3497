/**
 * The default privacy notice (Art. 13) and consent texts, in German and English, filled in with the
 * shop's own details. The setup wizard and the demo seed start from these; the shop may edit them.
 */
import type { ShopConfig, ShopText } from './shop';

type Details = Pick<ShopConfig, 'name' | 'street' | 'postalCode' | 'city' | 'controller' | 'dpo'>;

export function defaultTexts(d: Details): ShopConfig['texts'] {
  const address = `${d.name}, ${d.street}, ${d.postalCode} ${d.city}`;
  const contact = `${d.controller.name}, ${address}, ${d.controller.email}${d.controller.phone ? `, ${d.controller.phone}` : ''}`;
  const dpoDe = d.dpo ? `Unseren Datenschutzbeauftragten erreichen Sie unter: ${d.dpo.name}, ${d.dpo.email}.` : '';
  const dpoEn = d.dpo ? `You can reach our data protection officer at: ${d.dpo.name}, ${d.dpo.email}.` : '';
  // How to withdraw, per consent: only e-mails carry an opt-out link, so only the e-mail consent promises one.
  const ways = (items: string[], or: string) => `${items.slice(0, -1).join(', ')} ${or} ${items.at(-1)}`;
  const withdrawDe = (link = false) =>
    `Sie können diese Einwilligung jederzeit ohne Angabe von Gründen mit Wirkung für die Zukunft widerrufen – ${ways(['im Geschäft', 'per Post', `per E-Mail an ${d.controller.email}`, ...(link ? ['über den Abmeldelink in jeder E-Mail'] : [])], 'oder')}. Der Widerruf ist so einfach wie die Einwilligung.`;
  const withdrawEn = (link = false) =>
    `You can withdraw this consent at any time, without giving reasons, with effect for the future – ${ways(['in the shop', 'by post', `by e-mail to ${d.controller.email}`, ...(link ? ['through the opt-out link in every e-mail'] : [])], 'or')}. Withdrawing is as easy as consenting.`;

  const text = (id: string, de: string, en: string): ShopText => ({ id, version: 1, de, en });

  return {
    notice: text(
      'privacy-notice',
      [
        `Datenschutzhinweise nach Art. 13 DSGVO`,
        `Verantwortlich: ${contact}. ${dpoDe}`.trim(),
        `Zweck und Rechtsgrundlage: Wir verarbeiten Ihren Namen, Ihre Anschrift, Ihre Kontaktdaten und die Angaben zu Ihrem Auftrag, um Ihren Auftrag auszuführen, Sie über die Abholung zu informieren und die Rechnung zu stellen (Art. 6 Abs. 1 lit. b DSGVO) sowie um gesetzliche Aufbewahrungspflichten zu erfüllen (Art. 6 Abs. 1 lit. c DSGVO).`,
        `Empfänger: Ihre Daten erhalten nur Dienstleister, die wir zur Auftragsausführung einsetzen (z. B. Labore und IT-Dienstleister), jeweils auf Grundlage eines Vertrags nach Art. 28 DSGVO. Eine Übermittlung in Drittländer findet nicht statt.`,
        `Speicherdauer: Auftragsbestätigungen und Rechnungen bewahren wir sechs bzw. zehn Jahre auf (§ 257 HGB, § 147 AO). Alles Übrige löschen wir, sobald es für den Zweck nicht mehr nötig ist.`,
        `Ihre Rechte: Sie haben das Recht auf Auskunft (Art. 15), Berichtigung (Art. 16), Löschung (Art. 17), Einschränkung der Verarbeitung (Art. 18), Datenübertragbarkeit (Art. 20) und Widerspruch (Art. 21). Sie können sich bei einer Datenschutz-Aufsichtsbehörde beschweren (Art. 77).`,
        `Die Angabe Ihrer Daten ist für den Auftrag erforderlich; ohne sie können wir den Auftrag nicht ausführen. Werbung erhalten Sie nur, wenn Sie ihr in einem eigenen Schritt ausdrücklich zustimmen.`,
      ].join('\n\n'),
      [
        `Privacy notice under Art. 13 GDPR`,
        `Controller: ${contact}. ${dpoEn}`.trim(),
        `Purpose and legal basis: we process your name, address, contact details and the details of your order to carry out your order, to tell you when it is ready for pickup and to invoice it (Art. 6(1)(b) GDPR), and to meet our statutory retention duties (Art. 6(1)(c) GDPR).`,
        `Recipients: only service providers we use to carry out the order (for example laboratories and IT providers) receive your data, each under a contract according to Art. 28 GDPR. No data is transferred to third countries.`,
        `Retention: we keep order confirmations and invoices for six and ten years respectively (§ 257 HGB, § 147 AO, German commercial and tax law). Everything else is deleted as soon as it is no longer needed for its purpose.`,
        `Your rights: you have the right of access (Art. 15), rectification (Art. 16), erasure (Art. 17), restriction of processing (Art. 18), data portability (Art. 20) and to object (Art. 21). You may lodge a complaint with a data protection supervisory authority (Art. 77).`,
        `Your details are needed for the order; without them we cannot carry it out. You will only receive advertising if you expressly agree to it in a separate step.`,
      ].join('\n\n'),
    ),
    letter: text(
      'consent-letter',
      `Ja, ${d.name} darf mir per Post Informationen zu Angeboten, neuen Kollektionen und Erinnerungen an Vorsorgetermine schicken, höchstens einmal im Monat. ${withdrawDe()}`,
      `Yes, ${d.name} may send me letters about offers, new collections and check-up reminders, at most once a month. ${withdrawEn()}`,
    ),
    email: text(
      'consent-email',
      `Ja, ${d.name} darf mir per E-Mail Informationen zu Angeboten, neuen Kollektionen und Erinnerungen an Vorsorgetermine schicken, höchstens einmal im Monat. Sie erhalten zuerst eine E-Mail, in der Sie Ihre Adresse bestätigen. ${withdrawDe(true)}`,
      `Yes, ${d.name} may e-mail me about offers, new collections and check-up reminders, at most once a month. You will first get an e-mail asking you to confirm your address. ${withdrawEn(true)}`,
    ),
    sms: text(
      'consent-sms',
      `Ja, ${d.name} darf mir per SMS kurze Hinweise zu Angeboten und Erinnerungen an Vorsorgetermine schicken, höchstens einmal im Monat. ${withdrawDe()}`,
      `Yes, ${d.name} may text me short notes about offers and check-up reminders, at most once a month. ${withdrawEn()}`,
    ),
    health: text(
      'consent-health',
      `Ja, ${d.name} darf meine Brillenwerte und Messergebnisse (Gesundheitsdaten nach Art. 9 DSGVO) über diesen Auftrag hinaus speichern, damit ich sie bei späteren Aufträgen nicht erneut messen lassen muss. Diese Einwilligung ist freiwillig und unabhängig von Ihrem Auftrag. ${withdrawDe()}`,
      `Yes, ${d.name} may keep my prescription and measurement values (health data under Art. 9 GDPR) beyond this order, so that I need not be measured again for later orders. This consent is voluntary and independent of your order. ${withdrawEn()}`,
    ),
  };
}
