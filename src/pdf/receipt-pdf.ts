/**
 * The PDF receipt of one signed record: what was ordered, which notice was shown, each choice, the
 * signature and the hashes that prove it. This is the only module that touches jsPDF, and it loads
 * it lazily so the library (~130 KB gzip) never sits on the kiosk's start path.
 */
import type { jsPDF as JsPdf } from 'jspdf';
import { CHANNELS, type Language } from '../../shared/channels';
import type { SignedRecord, TextRef } from '../../shared/record';
import { formatMobile } from '../../shared/phone';
import type { ShopConfig } from '../../shared/shop';
import { formatDate, formatMoney, translate, type MessageKey, type Params } from '../i18n';
import { toWinAnsi } from './win-ansi';

export interface ReceiptOptions {
  record: SignedRecord;
  shop: ShopConfig;
  language: Language;
}

const PAGE = { width: 210, height: 297, margin: 18, bottom: 282 };
const CONTENT = PAGE.width - 2 * PAGE.margin;
const PT_TO_MM = 0.3528;

/** Builds the receipt and returns the PDF's bytes. */
export async function makeReceiptPdf(options: ReceiptOptions): Promise<Uint8Array> {
  const { jsPDF } = await import('jspdf');
  const doc = new jsPDF({ unit: 'mm', format: 'a4', compress: true });
  const { record, language } = options;
  const t = (key: MessageKey, params?: Params) => translate(language, key, params);
  doc.setProperties({ title: `${t('pdf.title')} ${record.order.number}`, subject: record.id, creator: 'countersign' });
  doc.setLanguage(language === 'de' ? 'de-DE' : 'en-GB');

  const w = new Writer(doc);
  writeHeader(w, options, t);
  writeOrder(w, options, t);
  writeShown(w, record, t);
  writeChoices(w, options, t);
  writeSignature(w, record, language, t);
  writeProof(w, record, t);
  writePageNumbers(doc, t);
  return new Uint8Array(doc.output('arraybuffer'));
}

/** The same receipt as a Blob, ready for URL.createObjectURL. */
export async function makeReceiptBlob(options: ReceiptOptions): Promise<Blob> {
  const bytes = await makeReceiptPdf(options);
  return new Blob([bytes.buffer as ArrayBuffer], { type: 'application/pdf' });
}

type T = (key: MessageKey, params?: Params) => string;

/** A top-to-bottom cursor that starts a new page before anything would run off the current one. */
class Writer {
  y = PAGE.margin;
  constructor(readonly doc: JsPdf) {}

  ensure(height: number): void {
    if (this.y + height <= PAGE.bottom) return;
    this.doc.addPage();
    this.y = PAGE.margin;
  }

  font(size: number, style: 'normal' | 'bold' = 'normal', family: 'helvetica' | 'courier' = 'helvetica'): void {
    this.doc.setFont(family, style);
    this.doc.setFontSize(size);
  }

  lineHeight(): number {
    return this.doc.getFontSize() * PT_TO_MM * 1.3;
  }

  /** Writes wrapped text at x within width; long words such as hashes are broken, never cut. */
  text(value: string, options: { x?: number; width?: number; align?: 'left' | 'right' } = {}): void {
    const x = options.x ?? PAGE.margin;
    const width = options.width ?? CONTENT - (x - PAGE.margin);
    const lines = this.doc.splitTextToSize(toWinAnsi(value), width) as string[];
    for (const line of lines) {
      this.ensure(this.lineHeight());
      this.y += this.lineHeight();
      const at = options.align === 'right' ? x + width : x;
      this.doc.text(line, at, this.y - this.lineHeight() * 0.25, { align: options.align ?? 'left' });
    }
  }

  heading(value: string): void {
    this.ensure(14);
    this.y += 4;
    this.font(12, 'bold');
    this.text(value);
    this.rule();
    this.font(10);
  }

  rule(): void {
    this.doc.setDrawColor(170);
    this.doc.setLineWidth(0.2);
    this.doc.line(PAGE.margin, this.y + 0.5, PAGE.margin + CONTENT, this.y + 0.5);
    this.y += 1.5;
  }

  gap(mm: number): void {
    this.y += mm;
  }
}

function writeHeader(w: Writer, { record, shop }: ReceiptOptions, t: T): void {
  w.font(16, 'bold');
  w.text(record.shop.name);
  w.font(10);
  w.text(`${shop.street}, ${shop.postalCode} ${shop.city}`);
  const phone = shop.controller.phone ? `, ${shop.controller.phone}` : '';
  w.text(t('pdf.controller', { name: shop.controller.name, email: shop.controller.email }) + phone);
  w.gap(4);
  w.font(13, 'bold');
  w.text(t('pdf.title'));
  w.font(10);
}

function writeOrder(w: Writer, { record, language }: ReceiptOptions, t: T): void {
  const { order, customer } = record;
  const money = (cents: number) => formatMoney(language, cents);
  w.heading(t('pdf.order', { number: order.number }));
  w.font(10, 'bold');
  w.text(t('pdf.customer'));
  w.font(10);
  w.text(`${customer.name}, ${customer.street}, ${customer.postalCode} ${customer.city}`);
  if (customer.email) w.text(`${t('pdf.email')}: ${customer.email}`);
  // The record keeps E.164; people read "+49 171 2345678", as on the confirm step.
  if (customer.mobile) w.text(`${t('pdf.mobile')}: ${formatMobile(customer.mobile)}`);
  w.gap(3);

  const cols = { desc: PAGE.margin, qty: PAGE.margin + 96, unit: PAGE.margin + 112, sum: PAGE.margin + 142 };
  const row = (cells: [string, string, string, string]) => {
    const top = w.y;
    w.text(cells[0], { x: cols.desc, width: 92 });
    const bottom = w.y;
    w.y = top;
    w.text(cells[1], { x: cols.qty, width: 14, align: 'right' });
    w.y = top;
    w.text(cells[2], { x: cols.unit, width: 28, align: 'right' });
    w.y = top;
    w.text(cells[3], { x: cols.sum, width: 32, align: 'right' });
    w.y = Math.max(bottom, w.y);
  };
  w.font(10, 'bold');
  row([t('pdf.item'), t('pdf.quantity'), t('pdf.unitPrice'), t('pdf.lineTotal')]);
  w.rule();
  w.font(10);
  for (const item of order.items) {
    w.ensure(10);
    row([item.description, String(item.quantity), money(item.unitPriceCents), money(item.quantity * item.unitPriceCents)]);
  }
  w.rule();
  const sumLine = (label: string, value: string, bold = false) => {
    w.font(10, bold ? 'bold' : 'normal');
    const top = w.y;
    w.text(label, { x: cols.qty - 40, width: 84 });
    w.y = top;
    w.text(value, { x: cols.sum, width: 32, align: 'right' });
  };
  sumLine(t('pdf.total'), money(order.totalCents), true);
  sumLine(t('pdf.deposit'), money(order.depositCents));
  sumLine(t('pdf.balance'), money(order.totalCents - order.depositCents));
  w.font(10);
  w.gap(2);
  w.text(`${t('pdf.pickup')}: ${formatDate(language, order.pickupDate)}`);
}

function writeTextRef(w: Writer, title: string, ref: TextRef, t: T): void {
  w.font(10, 'bold');
  w.text(title);
  w.font(9);
  w.text(t('pdf.textRef', { id: ref.id, version: ref.version, language: ref.language }));
  writeHash(w, ref.sha256);
}

/** Hashes in a small monospace font: a full SHA-256 fits one line, and Writer.text wraps anything longer. */
function writeHash(w: Writer, hash: string): void {
  w.font(8.5, 'normal', 'courier');
  w.text(`SHA-256: ${hash}`);
  w.font(10);
}

function writeShown(w: Writer, record: SignedRecord, t: T): void {
  w.heading(t('pdf.shownTexts'));
  writeTextRef(w, t('pdf.notice'), record.shown.notice, t);
}

function writeChoices(w: Writer, { record, shop }: ReceiptOptions, t: T): void {
  w.heading(t('pdf.choices'));
  for (const channel of CHANNELS) {
    const choice = record.choices[channel];
    w.ensure(22);
    w.font(10, 'bold');
    const answer = choice.granted ? t('pdf.granted') : t('pdf.refused');
    const contact = choice.contact === null ? t('pdf.noContact') : channel === 'sms' ? formatMobile(choice.contact) : choice.contact;
    w.text(t('pdf.choice', { channel: t(`pdf.channel.${channel}`), answer, contact }));
    w.font(9);
    w.text(t('pdf.textRef', { id: record.shown[channel].id, version: record.shown[channel].version, language: record.shown[channel].language }));
    writeHash(w, record.shown[channel].sha256);
    w.gap(1.5);
  }
  if (record.health && record.shown.health) {
    w.ensure(22);
    w.font(10, 'bold');
    w.text(`${t('pdf.health')}: ${record.health.granted ? t('pdf.granted') : t('pdf.refused')}`);
    w.font(9);
    w.text(t('pdf.textRef', { id: record.shown.health.id, version: record.shown.health.version, language: record.shown.health.language }));
    writeHash(w, record.shown.health.sha256);
    w.gap(1.5);
  }
  w.font(9);
  w.text(t('pdf.withdraw', { email: shop.controller.email }));
  w.font(10);
}

function writeSignature(w: Writer, record: SignedRecord, language: Language, t: T): void {
  const { width, height, png } = record.signature;
  let imageWidth = 70;
  let imageHeight = (imageWidth * height) / width;
  if (imageHeight > 35) {
    imageHeight = 35;
    imageWidth = (imageHeight * width) / height;
  }
  w.ensure(imageHeight + 20);
  w.heading(t('pdf.signature'));
  w.gap(2);
  w.doc.addImage(png, 'PNG', PAGE.margin, w.y, imageWidth, imageHeight, undefined, 'FAST');
  w.y += imageHeight;
  w.rule();
  w.font(9);
  w.text(t('pdf.signedAt', { date: signedAtText(record, language), zone: record.timeZone }));
  w.font(10);
}

/** Date and time in the zone the tablet was in when the customer signed, as the customer saw it. */
function signedAtText(record: SignedRecord, language: Language): string {
  const locale = language === 'de' ? 'de-DE' : 'en-GB';
  const date = new Date(record.signedAt);
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'medium', timeZone: record.timeZone }).format(date);
  } catch {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'medium', timeZone: 'UTC' }).format(date) + ' UTC';
  }
}

function writeProof(w: Writer, record: SignedRecord, t: T): void {
  w.ensure(40);
  w.heading(t('pdf.proof'));
  w.font(9, 'bold');
  w.text(t('pdf.recordId'));
  w.font(9, 'normal', 'courier');
  w.text(record.id);
  w.font(9, 'bold');
  w.text(t('pdf.recordHash'));
  writeHash(w, record.hash);
  w.font(9);
  w.text(t('pdf.signedAtUtc', { time: record.signedAt }));
  w.text(t('pdf.capture', { device: record.capture.deviceId, staff: record.capture.staffId, version: record.capture.appVersion }));
  w.text(t('pdf.schema', { version: record.schemaVersion }));
}

function writePageNumbers(doc: JsPdf, t: T): void {
  const pages = doc.getNumberOfPages();
  doc.setFont('helvetica', 'normal');
  doc.setFontSize(8);
  doc.setTextColor(90);
  for (let page = 1; page <= pages; page++) {
    doc.setPage(page);
    doc.text(toWinAnsi(t('pdf.page', { page, pages })), PAGE.width - PAGE.margin, PAGE.height - 8, { align: 'right' });
  }
  doc.setTextColor(0);
}
