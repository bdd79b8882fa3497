/**
 * How long erasure (Art. 17) must keep what it cannot delete, and why. Pure rules, shared by the
 * SQLite store (which writes the holds), the owner pages and the Art. 30 record.
 *
 * The reasons are stored with each hold in German, the language of the law they cite; the owner
 * pages explain them in English beside it (strings.ts).
 */
import type { Channel } from '../../shared/channels';

/** Years a commercial letter is kept: § 257 Abs. 4 HGB. */
export const COMMERCIAL_LETTER_YEARS = 6;

export const ORDER_CONFIRMATION_REASON =
  '§ 257 Abs. 1 Nr. 2, Abs. 4, 5 HGB: unterschriebene Auftragsbestätigung (Handelsbrief), 6 Jahre ab Ende des Kalenderjahres aufzubewahren';

export const CONSENT_PROOF_REASON = 'Art. 7 Abs. 1 DSGVO: Nachweis der Einwilligung, solange sie genutzt wird';

/** The note on the withdrawal that erasure appends for every consent it does not keep. */
export const ERASURE_NOTE = 'Art. 17';

/**
 * The last day a signed record must be kept: 31 December of the sixth year after the year it was
 * signed (§ 257 Abs. 5 HGB: the period starts at the end of that calendar year). The year is taken
 * in UTC; a record signed on New Year's Eve night is therefore kept a year less only if signed
 * before midnight UTC, which is still inside the local calendar year in Germany.
 */
export function orderConfirmationKeepUntil(signedAt: string): string {
  const year = new Date(signedAt).getUTCFullYear();
  if (!Number.isFinite(year)) throw new RangeError(`not a time: ${signedAt}`);
  return `${year + COMMERCIAL_LETTER_YEARS}-12-31`;
}

/** True once the day after keepUntil has begun (keepUntil itself is still kept). Null never ends. */
export function retentionEnded(keepUntil: string | null, now: string): boolean {
  return keepUntil !== null && keepUntil < now.slice(0, 10);
}

/** The hold's item id for the consent proof of one channel of one customer (unique per kind). */
export function consentProofItemId(customerId: string, channel: Channel): string {
  return `${customerId}:${channel}`;
}
