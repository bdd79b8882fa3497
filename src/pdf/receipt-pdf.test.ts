/**
 * The receipt is checked the way an auditor would: the PDF's bytes are read back with pdf.js, and
 * the text and the signature image must be there, whole, umlauts and € included.
 */
import { describe, expect, it } from 'vitest';
import type { Channel, Language } from '../../shared/channels';
import { parseSignedRecord, sealRecord, type SignedRecord } from '../../shared/record';
import { fixtureRecord, fixtureShop } from '../../shared/record.fixture';
import { textRef } from '../../shared/shop';
import { readPdf } from '../../tests/support/read-pdf';
import { makeReceiptPdf } from './receipt-pdf';
import { toWinAnsi } from './win-ansi';

/** A 120 × 40 RGBA PNG with one wavy stroke on a transparent background, like signature_pad's. */
const SIGNATURE_PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAHgAAAAoCAYAAAA16j4lAAAA4ElEQVR42u2awQ3DMAwDPUQG6ATdf7t0BAepZZPiHdBfi/jEBkpsjQEAAAAAAAAAslyf7z374NlUuEMBUjyn0v98D09h6arf4Gki7Sif4rl84Q7yqz1jwnUIucLTLmC1QiqGa9t3uxaUcIukFQOO3aHqWlzC3SB+qsgy4e5exG7xEz1Qqu+m3U3V15Z7qKIfBvTd6pBV/tUpT+68kzb33Bpywq6SzWbG6oUm7QvbvO+uWnDayU7U8R1ns4YhP5FwHC+JnK54E5jz7FDkfNRMjAnH0FHWBM8BAAAAAAAADvwAf/oUYYzYtXwAAAAASUVORK5CYII=';

const shop = fixtureShop();

/** The fixture record, re-sealed in another language, with other choices or without the health question. */
function record(options: { language?: Language; granted?: Partial<Record<Channel, boolean>>; askHealth?: boolean } = {}): SignedRecord {
  const { hash: _hash, ...base } = fixtureRecord();
  const language = options.language ?? 'de';
  const askHealth = options.askHealth ?? true;
  const granted = { letter: false, email: true, sms: false, ...options.granted };
  return sealRecord({
    ...base,
    language,
    shown: {
      notice: textRef(shop.texts.notice, language),
      letter: textRef(shop.texts.letter, language),
      email: textRef(shop.texts.email, language),
      sms: textRef(shop.texts.sms, language),
      health: askHealth ? textRef(shop.texts.health, language) : null,
    },
    choices: {
      letter: { ...base.choices.letter, granted: granted.letter },
      email: { ...base.choices.email, granted: granted.email },
      sms: { ...base.choices.sms, granted: granted.sms },
    },
    health: askHealth ? { granted: false } : null,
    signature: { ...base.signature, width: 600, height: 200, png: SIGNATURE_PNG },
  });
}

describe('makeReceiptPdf', () => {
  it('holds the record id, both hashes, every choice and the signature image', async () => {
    const signed = record();
    expect(parseSignedRecord(signed).ok).toBe(true);
    const bytes = await makeReceiptPdf({ record: signed, shop, language: 'de' });
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');

    const { text, images } = await readPdf(bytes);
    expect(text).toContain(signed.id);
    expect(text).toContain(signed.hash);
    expect(text).toContain(signed.shown.notice.sha256);
    expect(text).toContain('privacy-notice, Version 1');
    // The record carries the notice's words; the receipt names them by id, version and hash only.
    expect(text.replace(/\s+/g, '')).not.toContain(signed.shown.notice.text.slice(0, 120).replace(/\s+/g, ''));
    expect(text).toContain('Brief: Nein, nicht eingewilligt');
    expect(text).toContain('E-Mail: Ja, eingewilligt');
    expect(text).toContain('SMS: Nein, nicht eingewilligt');
    expect(text).toContain(signed.choices.email.contact!);
    // The mobile number reads as people write it, never as the stored E.164 (+491701234567).
    expect(signed.customer.mobile).toBe('+491701234567');
    expect(text).toContain('Mobil: +49 170 1234567');
    expect(text).toContain('SMS: Nein, nicht eingewilligt – +49 170 1234567');
    expect(text).not.toContain('+491701234567');
    expect(text).toContain('Gesundheitsdaten für spätere Aufträge speichern (Art. 9 DSGVO): Nein');
    expect(text).toContain(signed.order.number);
    expect(images).toBeGreaterThanOrEqual(1);
  });

  it("draws the fixture's own tiny grey-and-alpha PNG too", async () => {
    const { images } = await readPdf(await makeReceiptPdf({ record: fixtureRecord(), shop, language: 'de' }));
    expect(images).toBeGreaterThanOrEqual(1);
  });

  it('keeps umlauts, ß, typographic quotes and € intact', async () => {
    const { text } = await readPdf(await makeReceiptPdf({ record: record(), shop, language: 'de' }));
    expect(text).toContain('Jürgen Groß');
    expect(text).toContain('Lindenallee 5, 50667 Köln');
    expect(text).toContain('Hauptstraße 1, 10115 Berlin');
    expect(text).toContain('Fassung „Tönnies“');
    expect(text).toContain('628,00 €');
    expect(text).toContain('Auftragsbestätigung');
  });

  it('speaks English when asked, with the choices in English', async () => {
    const signed = record({ language: 'en', granted: { letter: true, email: false, sms: true } });
    const { text } = await readPdf(await makeReceiptPdf({ record: signed, shop, language: 'en' }));
    expect(text).toContain('Letter: Yes, consented');
    expect(text).toContain('E-mail: No, not consented');
    expect(text).toContain('Text message (SMS): Yes, consented');
    expect(text).toContain('€628.00');
    expect(text).toContain(signed.shown.notice.sha256);
    expect(text).toContain(signed.hash);
  });

  it('leaves the health line out when the shop does not ask', async () => {
    const signed = record({ askHealth: false });
    const { text } = await readPdf(await makeReceiptPdf({ record: signed, shop: fixtureShop({ askHealth: false }), language: 'de' }));
    expect(text).not.toContain('Gesundheitsdaten');
  });

  it('breaks onto more pages for a long order without losing the proof', async () => {
    const { hash: _hash, ...base } = record();
    const items = Array.from({ length: 60 }, (_, i) => ({ description: `Position ${i + 1}: Pflegemittel für Kontaktlinsen`, quantity: 1, unitPriceCents: 990 }));
    const signed = sealRecord({ ...base, order: { ...base.order, items, totalCents: 59400, depositCents: 0 } });
    const { pages, text } = await readPdf(await makeReceiptPdf({ record: signed, shop, language: 'de' }));
    expect(pages).toBeGreaterThan(1);
    expect(text).toContain('Position 60');
    expect(text).toContain(signed.hash);
    expect(text).toContain(`Seite ${pages} von ${pages}`);
  });
});

describe('toWinAnsi', () => {
  it('keeps what Windows-1252 can print and replaces the rest', () => {
    expect(toWinAnsi('Grüße – 12 € „gut“ …')).toBe('Grüße – 12 € „gut“ …');
    expect(toWinAnsi('10:30\u202fAM')).toBe('10:30\u00a0AM');
    expect(toWinAnsi('Łódź ✓')).toBe('?ód? ?');
  });
});
