/**
 * Translation: t(key, params) in the current language, plus number, money and date formats.
 * The language lives in a Preact context so that every screen can switch it.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Language } from '../../shared/channels';
import type { ErrorKey } from '../../shared/record';
import { de, type MessageKey } from './de';
import { en } from './en';

export type { MessageKey };
const catalogues: Record<Language, Record<MessageKey, string>> = { de, en };

// Every message the shared schema can produce must be translated.
const _errorsCovered: Record<ErrorKey, string> = de;
void _errorsCovered;

export type Params = Record<string, string | number>;

export function translate(language: Language, key: MessageKey, params?: Params): string {
  const text = catalogues[language][key] ?? key;
  return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : text;
}

/** Translates a key that came from elsewhere (a schema issue, an error), falling back to a generic message. */
export function translateMessage(language: Language, key: string, params?: Params): string {
  return key in de ? translate(language, key as MessageKey, params) : translate(language, 'error.invalid');
}

export function formatMoney(language: Language, cents: number): string {
  return new Intl.NumberFormat(language === 'de' ? 'de-DE' : 'en-GB', { style: 'currency', currency: 'EUR' }).format(cents / 100);
}

export function formatDate(language: Language, isoDate: string): string {
  const date = isoDate.length === 10 ? new Date(`${isoDate}T12:00:00`) : new Date(isoDate);
  return new Intl.DateTimeFormat(language === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'long' }).format(date);
}

export function formatDateTime(language: Language, iso: string): string {
  return new Intl.DateTimeFormat(language === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export interface I18n {
  language: Language;
  setLanguage: (language: Language) => void;
  t: (key: MessageKey, params?: Params) => string;
  /** For keys that arrive as data: schema issues and error messages. */
  tm: (key: string, params?: Params) => string;
}

export function makeI18n(language: Language, setLanguage: (language: Language) => void): I18n {
  return {
    language,
    setLanguage,
    t: (key, params) => translate(language, key, params),
    tm: (key, params) => translateMessage(language, key, params),
  };
}

export const I18nContext = createContext<I18n>(makeI18n('de', () => {}));

export function useI18n(): I18n {
  return useContext(I18nContext);
}
