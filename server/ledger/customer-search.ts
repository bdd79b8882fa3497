/**
 * The owner's customer search: what one typed query means for the SQL (LIKE patterns with % and _
 * escaped, so "50%" finds "50%" and not everything), and the case folding both sides share.
 */
import { normaliseMobile } from '../../shared/phone';

/** Case folding that knows every letter (SQLite's LIKE folds ASCII only): "GROSS" finds "Groß"'s neighbours, "JÜRGEN" finds "Jürgen". */
export function searchFold(s: string): string {
  return s.normalize('NFC').toLowerCase();
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export interface SearchPatterns {
  /** Substring pattern for name and e-mail (ESCAPE '\'); '' lists everyone. */
  pattern: string;
  /** Substring pattern for the mobile number: the query's digits when it looks like a phone number. */
  mobilePattern: string;
  /** The query as an E.164 mobile number ("0171 2345678" → "+491712345678"), or ''. */
  mobile: string;
}

export function searchPatterns(query: string): SearchPatterns {
  const q = searchFold(query.trim());
  if (q === '') return { pattern: '', mobilePattern: '', mobile: '' };
  const phoneLike = /^[+\d][\d\s/().-]*$/.test(q);
  const digits = q.replace(/[^\d+]/g, '');
  return {
    pattern: `%${escapeLike(q)}%`,
    mobilePattern: phoneLike && digits.length >= 3 ? `%${escapeLike(digits)}%` : `%${escapeLike(q)}%`,
    mobile: phoneLike ? (normaliseMobile(q) ?? '') : '',
  };
}
