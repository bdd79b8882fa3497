/**
 * The record of processing activities (Art. 30 Abs. 1 DSGVO, "Verzeichnis von
 * Verarbeitungstätigkeiten") as plain content, built from the shop's configuration: who is
 * responsible, each processing activity with its purpose, legal basis, data, people, recipients
 * and periods, and the technical and organisational measures. processing-record-pdf.ts lays it
 * out; keeping the words apart lets a test read them without a PDF.
 */
import type { ShopConfig } from '../../shared/shop';
import { COMMERCIAL_LETTER_YEARS } from './retention';

export type RecordLanguage = 'de' | 'en';

export interface RecordSection {
  heading: string;
  /** Label and text; a label may be empty for a plain paragraph. */
  items: Array<{ label: string; text: string }>;
}

export interface ProcessingRecord {
  title: string;
  subtitle: string;
  sections: RecordSection[];
  footer: string;
}

export interface ProcessingRecordOptions {
  shop: ShopConfig;
  /** The SMTP server's host when one is configured (a recipient: the mail provider), else null. */
  smtpHost: string | null;
  /** Whether the server is reached over HTTPS (its own certificate, or an https:// public URL). */
  https: boolean;
  now: Date;
  /** The shop's time zone (TIME_ZONE): the "as of" date is the shop's day, not the server's. */
  timeZone?: string;
  language: RecordLanguage;
}

/** Both languages side by side, so that each sentence is written once per language and nowhere else. */
const pick = (language: RecordLanguage, de: string, en: string) => (language === 'de' ? de : en);

export function buildProcessingRecord({ shop, smtpHost, https, now, language, timeZone = 'Europe/Berlin' }: ProcessingRecordOptions): ProcessingRecord {
  const l = (de: string, en: string) => pick(language, de, en);
  const date = now.toLocaleDateString(language === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'long', timeZone });
  const minimiseDays = shop.minimiseAfterDays ?? 7;
  const years = COMMERCIAL_LETTER_YEARS;
  // As the default privacy notice (shared/default-texts.ts) names them: service providers under Art. 28.
  const processors = l('Auftragsverarbeiter nach Art. 28 DSGVO (z. B. Labore, IT-Dienstleister)', 'Processors under Art. 28 GDPR (e.g. laboratories, IT providers)');
  const itProviders = l('Auftragsverarbeiter nach Art. 28 DSGVO (z. B. IT-Dienstleister)', 'Processors under Art. 28 GDPR (e.g. IT providers)');
  const mailProvider = smtpHost
    ? l(`E-Mail-Versanddienstleister (SMTP-Server ${smtpHost}) als Auftragsverarbeiter (Art. 28 DSGVO)`, `E-mail service provider (SMTP server ${smtpHost}) as processor (Art. 28 GDPR)`)
    : l('E-Mails werden ohne SMTP-Server nur als Datei auf dem Server abgelegt', 'without an SMTP server, e-mails are only written as files on the server');
  const withMail = (recipients: string) => `${recipients}; ${mailProvider}`;
  const orderRetention = l(
    `${years} Jahre ab Ende des Kalenderjahres der Unterschrift (§ 257 Abs. 1 Nr. 2, Abs. 4, 5 HGB: Handelsbrief); auf dem Tablet werden Unterschrift und Kontaktdaten ${minimiseDays} Tage nach dem Empfang durch den Server entfernt`,
    `${years} years from the end of the calendar year of signing (§ 257(1) no. 2, (4), (5) German Commercial Code: commercial letter); on the tablet, signature and contact details are removed ${minimiseDays} days after the server received them`,
  );
  const consentRetention = l(
    'solange die Einwilligung genutzt wird; der Nachweis (Art. 7 Abs. 1 DSGVO) bleibt so lange erhalten, danach wird er gelöscht',
    'as long as the consent is relied on; its proof (Art. 7(1) GDPR) is kept for as long, then erased',
  );

  const controller: RecordSection = {
    heading: l('Verantwortlicher', 'Controller'),
    items: [
      { label: l('Name', 'Name'), text: `${shop.name}, ${shop.controller.name}` },
      { label: l('Anschrift', 'Address'), text: `${shop.street}, ${shop.postalCode} ${shop.city}` },
      { label: l('Kontakt', 'Contact'), text: [shop.controller.email, shop.controller.phone].filter(Boolean).join(', ') },
      {
        label: l('Datenschutzbeauftragter', 'Data protection officer'),
        text: shop.dpo ? `${shop.dpo.name}, ${shop.dpo.email}` : l('nicht benannt', 'none appointed'),
      },
    ],
  };

  const activity = (
    heading: string,
    rows: { purpose: string; basis: string; data: string; people: string; recipients: string; retention: string },
  ): RecordSection => ({
    heading,
    items: [
      { label: l('Zweck', 'Purpose'), text: rows.purpose },
      { label: l('Rechtsgrundlage', 'Legal basis'), text: rows.basis },
      { label: l('Kategorien personenbezogener Daten', 'Categories of personal data'), text: rows.data },
      { label: l('Kategorien betroffener Personen', 'Categories of data subjects'), text: rows.people },
      { label: l('Empfänger', 'Recipients'), text: rows.recipients },
      { label: l('Drittlandübermittlung', 'Transfers to third countries'), text: l('keine', 'none') },
      { label: l('Löschfristen', 'Time limits for erasure'), text: rows.retention },
    ],
  });
  const customers = l('Kundinnen und Kunden', 'Customers');
  const marketing = (channel: string, data: string, extra: string, recipients = itProviders) =>
    activity(l(`Werbung per ${channel}`, `Marketing by ${channel}`), {
      purpose: l(`Information über Angebote per ${channel}, nur mit Einwilligung${extra}`, `Information about offers by ${channel}, only with consent${extra}`),
      basis: l('Art. 6 Abs. 1 lit. a DSGVO (Einwilligung), jederzeit widerruflich (Art. 7 Abs. 3 DSGVO)', 'Art. 6(1)(a) GDPR (consent), withdrawable at any time (Art. 7(3) GDPR)'),
      data,
      people: l('Kundinnen und Kunden, die eingewilligt haben', 'Customers who consented'),
      recipients,
      retention: consentRetention,
    });

  const activities: RecordSection[] = [
    activity(l('Auftragsabwicklung', 'Order handling'), {
      purpose: l('Annahme und Ausführung von Aufträgen, Abholtermin, Auftragsbestätigung per E-Mail', 'Accepting and carrying out orders, the pickup appointment, the order confirmation by e-mail'),
      basis: l('Art. 6 Abs. 1 lit. b DSGVO (Vertrag); Art. 6 Abs. 1 lit. c DSGVO mit § 257 HGB (Aufbewahrung)', 'Art. 6(1)(b) GDPR (contract); Art. 6(1)(c) GDPR with § 257 German Commercial Code (retention)'),
      data: l('Name, Anschrift, E-Mail-Adresse, Mobilnummer, Auftragsnummer, Positionen, Preise, Anzahlung, Abholdatum', 'Name, postal address, e-mail address, mobile number, order number, items, prices, deposit, pickup date'),
      people: customers,
      recipients: withMail(processors),
      retention: orderRetention,
    }),
    activity(l('Nachweis der Unterschrift und der gezeigten Texte', 'Proof of the signature and of the texts shown'), {
      purpose: l(
        'Nachweis, wer wann welchen Auftrag unterschrieben hat und welcher Datenschutzhinweis und welche Einwilligungstexte gezeigt wurden (Art. 5 Abs. 2, Art. 7 Abs. 1 DSGVO)',
        'Proof of who signed which order when, and which privacy notice and consent texts were shown (Art. 5(2), Art. 7(1) GDPR)',
      ),
      basis: l('Art. 6 Abs. 1 lit. b und c DSGVO', 'Art. 6(1)(b) and (c) GDPR'),
      data: l(
        'Handschriftliche Unterschrift (Strichdaten mit Zeit und Druck, Bild), Zeitpunkt, Gerät, Mitarbeiterkennung, App-Version, Fassung und SHA-256 der gezeigten Texte, SHA-256 des Datensatzes',
        'Handwritten signature (strokes with time and pressure, image), time, device, staff id, app version, version and SHA-256 of the texts shown, SHA-256 of the record',
      ),
      people: l('Kundinnen und Kunden; Mitarbeitende (Kennung)', 'Customers; staff (id)'),
      recipients: itProviders,
      retention: orderRetention,
    }),
    marketing(l('Brief', 'letter'), l('Name, Anschrift, Nachweis der Einwilligung', 'Name, postal address, proof of consent'), ''),
    marketing(
      l('E-Mail', 'e-mail'),
      l('Name, E-Mail-Adresse, Nachweis der Einwilligung und ihrer Bestätigung', 'Name, e-mail address, proof of consent and of its confirmation'),
      l(' und bestätigter Adresse (Double-Opt-in, § 7 Abs. 2 Nr. 2 UWG)', ' and a confirmed address (double opt-in, § 7(2) no. 2 German Unfair Competition Act)'),
      withMail(itProviders),
    ),
    marketing(l('SMS', 'SMS'), l('Name, Mobilnummer, Nachweis der Einwilligung', 'Name, mobile number, proof of consent'), l(' (§ 7 Abs. 2 Nr. 2 UWG)', ' (§ 7(2) no. 2 German Unfair Competition Act)')),
  ];
  if (shop.askHealth) {
    activities.push(
      activity(l('Speicherung von Gesundheitsdaten für künftige Aufträge', 'Keeping health data for future orders'), {
        purpose: l('Refraktions- und Rezeptwerte für spätere Aufträge bereithalten', 'Keeping refraction and prescription values ready for later orders'),
        basis: l('Art. 9 Abs. 2 lit. a DSGVO (ausdrückliche Einwilligung), Art. 6 Abs. 1 lit. a DSGVO', 'Art. 9(2)(a) GDPR (explicit consent), Art. 6(1)(a) GDPR'),
        data: l('Gesundheitsdaten (Art. 9 DSGVO): Refraktions- und Rezeptwerte; die Antwort auf die Frage', 'Health data (Art. 9 GDPR): refraction and prescription values; the answer to the question'),
        people: l('Kundinnen und Kunden, die eingewilligt haben', 'Customers who consented'),
        recipients: itProviders,
        retention: consentRetention,
      }),
    );
  }

  const measures: RecordSection = {
    heading: l('Technische und organisatorische Maßnahmen (Art. 32 DSGVO)', 'Technical and organisational measures (Art. 32 GDPR)'),
    items: [
      l('Mitarbeitende entsperren das Tablet mit einer persönlichen PIN; Kundinnen und Kunden gelangen ohne PIN nicht in die Mitarbeiteransicht.', 'Staff unlock the tablet with a personal PIN; customers cannot reach the staff screens without a PIN.'),
      l('Jedes Tablet hat ein eigenes Geräte-Token; der Server speichert nur dessen Hash und kann das Gerät sperren.', 'Each tablet has a device token of its own; the server keeps only its hash and can revoke the device.'),
      https
        ? l('Übertragung nur verschlüsselt (HTTPS/TLS) zwischen Tablet, Server und Inhaberbereich.', 'Transport only encrypted (HTTPS/TLS) between tablet, server and owner area.')
        : l(
            'OFFEN: Der Server ist nicht über HTTPS eingerichtet (weder TLS_CERT/TLS_KEY noch eine https://-PUBLIC_URL). Vor dem Betrieb einrichten.',
            'OPEN: the server is not set up for HTTPS (neither TLS_CERT/TLS_KEY nor an https:// PUBLIC_URL). Set it up before use.',
          ),
      l('Das Inhaberpasswort wird nur als scrypt-Hash gespeichert; Anmeldeversuche sind begrenzt; Formulare nur von derselben Seite.', 'The owner password is kept only as a scrypt hash; login attempts are limited; forms are accepted from the same site only.'),
      l('Integrität: Jeder Datensatz trägt einen SHA-256 über seinen Inhalt; eine spätere Änderung ist erkennbar.', 'Integrity: each record carries a SHA-256 over its content; any later change is detectable.'),
      l(
        `Datenminimierung: Auf dem Tablet werden Unterschrift und Kontaktdaten ${minimiseDays} Tage nach dem Empfang durch den Server entfernt; Werbekanäle sind einzeln und standardmäßig aus.`,
        `Data minimisation: on the tablet, signature and contact details are removed ${minimiseDays} days after the server received them; marketing channels are separate and off by default.`,
      ),
      l('Betroffenenrechte: Auskunft (Art. 15) als ZIP-Archiv, Löschung (Art. 17) mit Aufbewahrungssperre, Widerruf per Link, an der Theke oder durch den Inhaber.', 'Data subject rights: access (Art. 15) as a ZIP archive, erasure (Art. 17) with retention holds, withdrawal by link, at the counter or by the owner.'),
    ].map((text) => ({ label: '', text })),
  };

  return {
    title: l('Verzeichnis von Verarbeitungstätigkeiten', 'Record of processing activities'),
    subtitle: l(`nach Art. 30 Abs. 1 DSGVO · ${shop.name} · Stand ${date}`, `under Art. 30(1) GDPR · ${shop.name} · as of ${date}`),
    sections: [controller, ...activities, measures],
    footer: l('Erstellt von countersign aus der Konfiguration des Geschäfts. Bitte prüfen und bei Änderungen neu erstellen.', "Made by countersign from the shop's configuration. Please check it, and make it again after changes."),
  };
}
