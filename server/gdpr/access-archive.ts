/**
 * Art. 15: everything held about one customer as one ZIP the owner can hand over. daten.json holds
 * the customer, each channel's state (and the health consent's, once it has a history), the consent ledger, every record's full body, the record
 * versions set aside as conflicts, the orders, the thank-you e-mails and any retention holds; belege/<record id>.pdf is each record's receipt; LIESMICH.txt
 * says what is what, in German and English.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';
import { CHANNELS } from '../../shared/channels';
import { topicStates, type ConsentTopic } from '../../shared/consent';
import { parseSignedRecord } from '../../shared/record';
import { makeReceiptPdf } from '../../src/pdf/receipt-pdf';
import type { Store } from '../store/store';

export const ACCESS_JSON = 'daten.json';
export const ACCESS_README = 'LIESMICH.txt';
export const RECEIPTS_FOLDER = 'belege';

/** The archive's human-readable guide, with the time it was made in the shop's time zone. */
const readme = (madeAt: Date, timeZone: string) => {
  const at = (locale: string) => madeAt.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  return `Auskunft nach Art. 15 DSGVO / Access under Art. 15 GDPR

Deutsch
-------
Dieses Archiv enthält alle Daten, die das Geschäft mit countersign über Sie gespeichert hat:
- ${ACCESS_JSON}: Ihre Kontaktdaten, der aktuelle Stand Ihrer Einwilligungen je Kanal (Brief,
  E-Mail, SMS) und, falls erteilt, Ihrer Einwilligung zur Speicherung Ihrer Brillenwerte
  (Gesundheitsdaten, Art. 9 DSGVO), deren vollständige Historie (wann, auf welchem Weg, welcher Text), jeder von Ihnen
  unterschriebene Datensatz vollständig (Auftrag, gezeigte Texte mit SHA-256, Ihre Entscheidungen,
  Ihre Unterschrift als Strichdaten und Bild), abweichende Fassungen dieser Datensätze, Ihre
  Aufträge aus der Kassensoftware, die an Sie gesendeten E-Mails und – nach einer Löschung – was
  aus gesetzlichen Gründen aufbewahrt wird, mit Grund und Enddatum.
- ${RECEIPTS_FOLDER}/<Datensatz-ID>.pdf: der Beleg jedes unterschriebenen Datensatzes.
Erstellt am ${at('de-DE')} (Zeiten in ${timeZone}). In ${ACCESS_JSON} sind alle Zeiten in UTC
(ISO 8601) angegeben, erkennbar am „Z“ am Ende.

English
-------
This archive holds all data the shop keeps about you in countersign:
- ${ACCESS_JSON}: your contact details, the current state of your consent per channel (letter,
  e-mail, SMS) and, where given, of your consent to keep your prescription values (health data,
  Art. 9 GDPR), its full history (when, by which route, which text), every record you signed in
  full (order, texts shown with SHA-256, your choices, your signature as strokes and image), other
  versions of those records, your orders from the shop's till software, the e-mails sent to you
  and, after an erasure, what is kept for legal reasons, with reason and end date.
- ${RECEIPTS_FOLDER}/<record id>.pdf: the receipt of each signed record.
Made on ${at('en-GB')} (times in ${timeZone}). In ${ACCESS_JSON} every time is in UTC (ISO 8601),
marked by the "Z" at its end.
`;
};

/** The ZIP's bytes, or null when there is no such customer. */
export async function buildAccessArchive({ store, customerId, now, timeZone = 'Europe/Berlin' }: { store: Store; customerId: string; now: Date; timeZone?: string }): Promise<Uint8Array | null> {
  const customer = await store.customers.get({ id: customerId });
  if (!customer) return null;
  const [history, summaries, mails, holds, copies, shop] = await Promise.all([
    store.consents.history({ customerId }),
    store.customers.records({ customerId }),
    store.erasure.mails({ customerId }),
    store.erasure.holds({ customerId }),
    store.erasure.copies({ customerId }),
    store.shop.get(),
  ]);

  const files: Zippable = {};
  const records: unknown[] = [];
  for (const summary of summaries) {
    const body = await store.records.body({ id: summary.id });
    if (body === null) continue;
    const parsed = JSON.parse(body) as unknown;
    records.push({ receivedAt: summary.receivedAt, device: summary.deviceName, record: parsed });
    // The receipt needs the shop's details; a record that no longer validates is still handed over as JSON.
    const valid = parseSignedRecord(parsed);
    if (shop && valid.ok) {
      const pdf = await makeReceiptPdf({ record: valid.value, shop, language: valid.value.language });
      files[`${RECEIPTS_FOLDER}/${summary.id}.pdf`] = [pdf, { level: 0 }];
    }
  }

  const states = topicStates(history);
  // The health consent (Art. 9) is listed once the customer answered yes to it; its events are in the ledger either way.
  const topics: ConsentTopic[] = history.some((e) => e.channel === 'health') ? [...CHANNELS, 'health'] : [...CHANNELS];
  const data = {
    madeAt: now.toISOString(),
    shop: shop ? { name: shop.name, street: shop.street, postalCode: shop.postalCode, city: shop.city, controller: shop.controller, dpo: shop.dpo } : null,
    customer,
    consents: topics.map((channel) => ({ channel, state: states[channel] })),
    ledger: history,
    records,
    recordConflicts: copies.conflicts,
    orders: copies.orders,
    mails,
    retentionHolds: holds,
  };
  files[ACCESS_JSON] = strToU8(JSON.stringify(data, null, 2));
  files[ACCESS_README] = strToU8(readme(now, timeZone).replace(/\n/g, '\r\n'));
  return zipSync(files, { level: 6, mtime: now });
}
