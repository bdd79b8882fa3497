/**
 * Lays the Art. 30 record (processing-record.ts) out as an A4 PDF with jsPDF: a title, one block
 * per section with label and text, page numbers. jsPDF's built-in fonts speak WinAnsi only, so
 * every string goes through the receipt's toWinAnsi (umlauts, ß and § are inside it).
 */
import { toWinAnsi } from '../../src/pdf/win-ansi';
import type { ProcessingRecord, RecordLanguage } from './processing-record';

const PAGE = { width: 210, margin: 18, bottom: 282 };
const CONTENT = PAGE.width - 2 * PAGE.margin;
const LABEL_WIDTH = 52;
const PT_TO_MM = 0.3528;

export async function makeProcessingRecordPdf(record: ProcessingRecord, language: RecordLanguage): Promise<Uint8Array> {
  const { jsPDF } = await import('jspdf');
  const doc = new jsPDF({ unit: 'mm', format: 'a4', compress: true });
  doc.setProperties({ title: record.title, subject: record.subtitle, creator: 'countersign' });
  doc.setLanguage(language === 'de' ? 'de-DE' : 'en-GB');
  let y = PAGE.margin;

  const font = (size: number, style: 'normal' | 'bold' = 'normal') => {
    doc.setFont('helvetica', style);
    doc.setFontSize(size);
  };
  const lineHeight = () => doc.getFontSize() * PT_TO_MM * 1.3;
  const lines = (text: string, width: number) => doc.splitTextToSize(toWinAnsi(text), width) as string[];
  const ensure = (height: number) => {
    if (y + height <= PAGE.bottom) return;
    doc.addPage();
    y = PAGE.margin;
  };
  const write = (text: string, x = PAGE.margin, width = CONTENT) => {
    for (const line of lines(text, width)) {
      ensure(lineHeight());
      y += lineHeight();
      doc.text(line, x, y - lineHeight() * 0.25);
    }
  };

  font(16, 'bold');
  write(record.title);
  font(10);
  write(record.subtitle);
  y += 2;

  for (const section of record.sections) {
    font(12, 'bold');
    ensure(16);
    y += 4;
    write(section.heading);
    doc.setDrawColor(170);
    doc.setLineWidth(0.2);
    doc.line(PAGE.margin, y + 0.5, PAGE.margin + CONTENT, y + 0.5);
    y += 2;
    for (const item of section.items) {
      if (!item.label) {
        font(10);
        write(`• ${item.text}`, PAGE.margin + 2, CONTENT - 2);
        y += 0.8;
        continue;
      }
      // Label on the left, text on the right; the row is as tall as the taller of the two.
      font(10);
      const textLines = lines(item.text, CONTENT - LABEL_WIDTH - 3);
      font(9, 'bold');
      const labelLines = lines(item.label, LABEL_WIDTH);
      ensure(Math.min(Math.max(textLines.length, labelLines.length) * 4.6, PAGE.bottom - PAGE.margin));
      const top = y;
      write(item.label, PAGE.margin, LABEL_WIDTH);
      const afterLabel = y;
      y = top;
      font(10);
      write(item.text, PAGE.margin + LABEL_WIDTH + 3, CONTENT - LABEL_WIDTH - 3);
      y = Math.max(y, afterLabel) + 1;
    }
  }

  font(9);
  y += 4;
  write(record.footer);

  const pages = doc.getNumberOfPages();
  for (let n = 1; n <= pages; n++) {
    doc.setPage(n);
    font(8);
    doc.text(toWinAnsi(language === 'de' ? `Seite ${n} von ${pages}` : `Page ${n} of ${pages}`), PAGE.width - PAGE.margin, 292, { align: 'right' });
  }
  return new Uint8Array(doc.output('arraybuffer'));
}
