/**
 * The Art. 30 record's words follow the shop's configuration, and its PDF reads back with pdf.js
 * in reading order: each label before its text, every section on some page, numbered pages.
 */
import { describe, expect, it } from 'vitest';
import { defaultTexts } from '../../shared/default-texts';
import { fixtureShop } from '../../shared/record.fixture';
import { readPdf } from '../../tests/support/read-pdf';
import { buildProcessingRecord } from './processing-record';
import { makeProcessingRecordPdf } from './processing-record-pdf';

const now = new Date('2026-11-29T10:00:00.000Z');

describe('the record of processing activities (Art. 30)', () => {
  it('names the controller, each activity with its legal basis, and the measures', () => {
    const record = buildProcessingRecord({ shop: fixtureShop(), smtpHost: null, https: true, now, language: 'de' });
    expect(record.title).toBe('Verzeichnis von Verarbeitungstätigkeiten');
    expect(record.subtitle).toBe('nach Art. 30 Abs. 1 DSGVO · Optik Beispiel · Stand 29. November 2026');
    expect(record.sections.map((s) => s.heading)).toEqual([
      'Verantwortlicher',
      'Auftragsabwicklung',
      'Nachweis der Unterschrift und der gezeigten Texte',
      'Werbung per Brief',
      'Werbung per E-Mail',
      'Werbung per SMS',
      'Speicherung von Gesundheitsdaten für künftige Aufträge',
      'Technische und organisatorische Maßnahmen (Art. 32 DSGVO)',
    ]);
    const basis = (heading: string) => record.sections.find((s) => s.heading === heading)!.items.find((i) => i.label === 'Rechtsgrundlage')!.text;
    expect(basis('Auftragsabwicklung')).toMatch(/^Art\. 6 Abs\. 1 lit\. b DSGVO/);
    expect(basis('Werbung per SMS')).toMatch(/^Art\. 6 Abs\. 1 lit\. a DSGVO/);
    expect(basis('Speicherung von Gesundheitsdaten für künftige Aufträge')).toMatch(/^Art\. 9 Abs\. 2 lit\. a DSGVO/);
    const recipients = record.sections.find((s) => s.heading === 'Werbung per E-Mail')!.items.find((i) => i.label === 'Empfänger')!.text;
    expect(recipients).toBe('Auftragsverarbeiter nach Art. 28 DSGVO (z. B. IT-Dienstleister); E-Mails werden ohne SMTP-Server nur als Datei auf dem Server abgelegt');
  });

  it('names the same recipients as the default privacy notice: processors under Art. 28, such as labs and IT providers', () => {
    const shop = fixtureShop();
    const notice = defaultTexts(shop);
    for (const [language, labs, processors, none] of [
      ['de', 'Labore', 'Art. 28 DSGVO', 'keine'],
      ['en', 'laboratories', 'Art. 28 GDPR', 'none'],
    ] as const) {
      expect(notice.notice[language]).toContain(labs);
      expect(notice.notice[language]).toContain(processors);
      const record = buildProcessingRecord({ shop, smtpHost: null, https: true, now, language });
      const recipients = record.sections.flatMap((s) => s.items.filter((i) => i.label === (language === 'de' ? 'Empfänger' : 'Recipients')).map((i) => [s.heading, i.text] as const));
      expect(recipients).toHaveLength(6);
      for (const [heading, text] of recipients) {
        expect(text, heading).toContain(processors);
        expect(text, heading).not.toMatch(new RegExp(`^${none}\\b`));
      }
      expect(recipients[0]![1]).toMatch(language === 'de' ? /^Auftragsverarbeiter nach Art\. 28 DSGVO \(z\. B\. Labore, IT-Dienstleister\)/ : /^Processors under Art\. 28 GDPR \(e\.g\. laboratories, IT providers\)/);
    }
  });

  it('leaves out the health question when the shop does not ask it, and names the SMTP host as a recipient', () => {
    const record = buildProcessingRecord({ shop: fixtureShop({ askHealth: false }), smtpHost: 'smtp.example.net', https: false, now, language: 'en' });
    expect(record.sections.map((s) => s.heading)).not.toContain('Keeping health data for future orders');
    expect(record.sections.find((s) => s.heading === 'Order handling')!.items.find((i) => i.label === 'Recipients')!.text).toContain('SMTP server smtp.example.net');
    expect(record.sections.find((s) => s.heading === 'Marketing by letter')!.items.find((i) => i.label === 'Recipients')!.text).toBe('Processors under Art. 28 GDPR (e.g. IT providers)');
    expect(record.sections.find((s) => s.heading === 'Marketing by e-mail')!.items.find((i) => i.label === 'Recipients')!.text).toContain('SMTP server smtp.example.net');
    // Without HTTPS it does not claim encrypted transport; it says what is still open.
    const all = JSON.stringify(record.sections);
    expect(all).not.toContain('Transport only encrypted');
    expect(all).toContain('OPEN: the server is not set up for HTTPS');
    expect(JSON.stringify(buildProcessingRecord({ shop: fixtureShop(), smtpHost: null, https: true, now, language: 'en' }).sections)).toContain('Transport only encrypted');
  });

  it('lays it out as a PDF that reads back in order', async () => {
    const record = buildProcessingRecord({ shop: fixtureShop(), smtpHost: null, https: true, now, language: 'de' });
    const pdf = await readPdf(await makeProcessingRecordPdf(record, 'de'));
    const text = pdf.text.replace(/\s+/g, ' ');
    expect(pdf.pages).toBeGreaterThanOrEqual(2);
    expect(text).toContain(`Seite ${pdf.pages} von ${pdf.pages}`);
    let at = 0;
    for (const section of record.sections) {
      const found = text.indexOf(section.heading, at);
      expect(found, section.heading).toBeGreaterThanOrEqual(at);
      at = found;
    }
    expect(text).toMatch(/Rechtsgrundlage Art\. 6 Abs\. 1 lit\. b DSGVO \(Vertrag\)/);
    expect(text).toContain('Verarbeitungstätigkeiten');
    expect(text).toContain('§ 257');
  });
});
