/**
 * The lock screen's time and date, formatted by hand as de-DE and en-GB format them. The first
 * Intl.DateTimeFormat in a page loads ICU's calendar data: about 100 ms at 4× CPU throttling, on
 * the kiosk's start path (`npm run bench`, figure 1). The names and their order come from src/i18n;
 * the unit test holds the result to Intl's output.
 */
import type { Language } from '../../shared/channels';
import { translate, type MessageKey } from '../i18n';

const pad = (n: number) => String(n).padStart(2, '0');

/** "14:05" (both languages use 24 hours), in the tablet's time zone. */
export function clockTime(now: Date): string {
  return `${pad(now.getHours())}:${pad(now.getMinutes())}`;
}

/** "Samstag, 3. Januar 2026" / "Saturday, 3 January 2026". */
export function clockDate(now: Date, language: Language): string {
  // The names and the order are the language's (src/i18n): weekday, day, month, year.
  const day = translate(language, `clock.day.${now.getDay()}` as MessageKey);
  const month = translate(language, `clock.month.${now.getMonth()}` as MessageKey);
  return translate(language, 'clock.date', { day, date: now.getDate(), month, year: now.getFullYear() });
}
