/**
 * The lock screen's time and date, formatted by hand as de-DE and en-GB format them. The first
 * Intl.DateTimeFormat in a page loads ICU's calendar data: about 100 ms at 4× CPU throttling, on
 * the kiosk's start path (`npm run bench`, figure 1). The unit test holds this to Intl's output.
 */
import type { Language } from '../../shared/channels';

const NAMES: Record<Language, { days: readonly string[]; months: readonly string[]; date: (day: string, date: number, month: string, year: number) => string }> = {
  de: {
    days: ['Sonntag', 'Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag'],
    months: ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'],
    date: (day, date, month, year) => `${day}, ${date}. ${month} ${year}`,
  },
  en: {
    days: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
    months: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
    date: (day, date, month, year) => `${day}, ${date} ${month} ${year}`,
  },
};

const pad = (n: number) => String(n).padStart(2, '0');

/** "14:05" (both languages use 24 hours), in the tablet's time zone. */
export function clockTime(now: Date): string {
  return `${pad(now.getHours())}:${pad(now.getMinutes())}`;
}

/** "Samstag, 3. Januar 2026" / "Saturday, 3 January 2026". */
export function clockDate(now: Date, language: Language): string {
  const names = NAMES[language];
  return names.date(names.days[now.getDay()]!, now.getDate(), names.months[now.getMonth()]!, now.getFullYear());
}
