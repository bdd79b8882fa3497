import { describe, expect, it } from 'vitest';
import { clockDate, clockTime } from './clock-format';

const LOCALES = { de: 'de-DE', en: 'en-GB' } as const;

describe('the lock screen clock', () => {
  // Every day of a year and every hour: the hand-made format must be what Intl would show.
  const days = Array.from({ length: 366 }, (_, i) => new Date(2028, 0, 1 + i, i % 24, (i * 7) % 60));

  for (const [language, locale] of Object.entries(LOCALES) as Array<[keyof typeof LOCALES, string]>) {
    it(`shows the date as Intl does for ${locale}`, () => {
      const intl = new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
      for (const day of days) expect(clockDate(day, language)).toBe(intl.format(day));
    });

    it(`shows the time as Intl does for ${locale}`, () => {
      const intl = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' });
      for (const day of days) expect(clockTime(day)).toBe(intl.format(day));
    });
  }
});
