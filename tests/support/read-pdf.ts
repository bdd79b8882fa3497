/**
 * Reads a PDF back from its bytes with pdf.js, as an auditor's tool would: the text of every page,
 * and how many images are painted. Used by the receipt's unit test and the end-to-end tests.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

// pdf.js draws the 14 standard fonts from its own font files; in Node it reads them from disk.
const standardFontDataUrl = join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts') + '/';

export interface ReadBack {
  pages: number;
  text: string;
  images: number;
}

export async function readPdf(bytes: Uint8Array): Promise<ReadBack> {
  // pdf.js takes ownership of the buffer it is given, so hand it a copy.
  const pdf = await getDocument({ data: bytes.slice(), useSystemFonts: false, isEvalSupported: false, standardFontDataUrl }).promise;
  let text = '';
  let images = 0;
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const content = await page.getTextContent();
    text += content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : ' ') : '')).join('') + '\n';
    const ops = await page.getOperatorList();
    images += ops.fnArray.filter((fn) => fn === OPS.paintImageXObject).length;
  }
  await pdf.destroy();
  return { pages: pdf.numPages, text: text.replace(/\u00a0/g, ' '), images };
}
