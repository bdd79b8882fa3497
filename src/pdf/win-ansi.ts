/**
 * jsPDF's built-in Helvetica and Courier speak WinAnsi (Windows-1252) only. Characters outside it
 * would print as garbage, so they are mapped to a close stand-in first; umlauts, ß and € are inside.
 */

/** The characters Windows-1252 places at 0x80–0x9F, on top of Latin-1. */
const CP1252_EXTRA = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';

const STAND_INS: Record<string, string> = {
  '\u2009': ' ', // thin space
  '\u202f': '\u00a0', // narrow no-break space, which Intl puts in some dates and amounts
  '\u2007': ' ',
  '\u2010': '-',
  '\u2011': '-',
  '\u2212': '-',
  '\u2032': "'",
  '\u2033': '"',
  '\u201b': "'",
  '\u201f': '"',
};

export function toWinAnsi(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '\n' || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || CP1252_EXTRA.includes(ch)) out += ch;
    else out += STAND_INS[ch] ?? '?';
  }
  return out;
}
