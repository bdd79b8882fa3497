/**
 * The thank-you e-mail for one signed record: plain text and simple HTML with the same words, the
 * pickup date as a calendar entry (.ics) and the PDF receipt the tablet would print. It carries
 * one opt-out link per channel the customer granted in this record and, when e-mail was granted,
 * the double opt-in link; consent must be as easy to withdraw as it was to give (Art. 7(3)).
 */
import { createEvent } from 'ics';
import { CHANNELS, type Channel } from '../../shared/channels';
import type { SignedRecord } from '../../shared/record';
import type { ShopConfig } from '../../shared/shop';
import { formatDay, formatMoney, MAIL_STRINGS, type MailStrings } from './mail-strings';

export interface ThankYouLinks {
  /** One opt-out link for each channel granted in the record. */
  optout: Partial<Record<Channel, string>>;
  /** The double opt-in link; only when e-mail was granted. */
  confirm: string | null;
}

export interface ThankYouMail {
  from: { name: string; address: string };
  to: string;
  replyTo: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  headers: Record<string, string>;
  list?: { unsubscribe: string };
  attachments: Array<{ filename: string; content: Buffer | string; contentType: string }>;
}

/** The channels the customer said yes to in this record, in the kiosk's order. */
export function grantedChannels(record: SignedRecord): Channel[] {
  return CHANNELS.filter((channel) => record.choices[channel].granted);
}

/** An all-day event on the pickup date; its UID is the record's, so a re-sent mail updates it. */
export function pickupIcs({ record, shop, t }: { record: SignedRecord; shop: ShopConfig; t: MailStrings }): string {
  const [y, m, d] = record.order.pickupDate.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  const { error, value } = createEvent({
    uid: `pickup-${record.id}@countersign`,
    productId: 'countersign',
    method: 'PUBLISH',
    sequence: 0,
    start: [y, m, d],
    end: [next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate()],
    title: t.icsTitle(record.order.number, shop.name),
    description: t.icsDescription(record.order.number),
    location: `${shop.name}, ${shop.street}, ${shop.postalCode} ${shop.city}`,
    status: 'CONFIRMED',
    busyStatus: 'FREE',
  });
  if (error || !value) throw new Error(`the calendar entry could not be made: ${error?.message ?? 'no output'}`);
  return value;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Order numbers become part of file names; keep them to letters, digits and dashes. */
const fileSafe = (text: string) => text.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 60);

export function composeThankYouMail({
  record,
  shop,
  to,
  from,
  links,
  receiptPdf,
}: {
  record: SignedRecord;
  shop: ShopConfig;
  to: string;
  from: { name: string; address: string };
  links: ThankYouLinks;
  receiptPdf: Uint8Array;
}): ThankYouMail {
  const t = MAIL_STRINGS[record.language];
  const { order } = record;
  const items = order.items.map((item) => `${item.quantity} × ${item.description}: ${formatMoney(t, item.quantity * item.unitPriceCents)}`);
  // As on the receipt: with a deposit, what is left to pay at pickup.
  const deposit = order.depositCents > 0 ? [`${t.deposit}: ${formatMoney(t, order.depositCents)}`, `${t.balance}: ${formatMoney(t, order.totalCents - order.depositCents)}`] : [];
  const money = [`${t.total}: ${formatMoney(t, order.totalCents)}`, ...deposit];
  const optouts = CHANNELS.flatMap((channel) => (links.optout[channel] ? [{ label: t.optout[channel], url: links.optout[channel]! }] : []));
  const shopLine = [`${shop.name}, ${shop.street}, ${shop.postalCode} ${shop.city}`, shop.controller.email, ...(shop.controller.phone ? [`${t.phone} ${shop.controller.phone}`] : [])];
  const pickup = t.pickup(formatDay(t, order.pickupDate));

  const text = [
    t.greeting(record.customer.name),
    '',
    t.thanks(shop.name, order.number),
    '',
    `${t.order}:`,
    ...items.map((line) => `- ${line}`),
    ...money,
    '',
    pickup,
    t.receipt,
    ...(links.confirm ? ['', `${t.confirmTitle}`, t.confirmText, links.confirm] : []),
    ...(optouts.length > 0 ? ['', `${t.optoutTitle}`, t.optoutText, ...optouts.map((o) => `${o.label}: ${o.url}`)] : []),
    '',
    t.regards,
    shop.name,
    '',
    '-- ',
    ...shopLine,
  ].join('\n');

  const p = (content: string) => `<p>${content}</p>`;
  const link = (url: string, label: string) => `<a href="${escapeHtml(url)}">${escapeHtml(label)}</a>`;
  const html = [
    `<!doctype html><html lang="${record.language}"><head><meta charset="utf-8"><title>${escapeHtml(t.subject(order.number, shop.name))}</title></head>`,
    '<body style="font-family: system-ui, sans-serif; line-height: 1.5; max-width: 40rem">',
    p(escapeHtml(t.greeting(record.customer.name))),
    p(escapeHtml(t.thanks(shop.name, order.number))),
    `<h2 style="font-size: 1.1rem">${escapeHtml(t.order)}</h2>`,
    `<ul>${items.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`,
    p(money.map(escapeHtml).join('<br>')),
    p(`<strong>${escapeHtml(pickup)}</strong>`),
    p(escapeHtml(t.receipt)),
    ...(links.confirm ? [`<h2 style="font-size: 1.1rem">${escapeHtml(t.confirmTitle)}</h2>`, p(escapeHtml(t.confirmText)), p(`<strong>${link(links.confirm, t.confirmLink)}</strong>`)] : []),
    ...(optouts.length > 0
      ? [`<h2 style="font-size: 1.1rem">${escapeHtml(t.optoutTitle)}</h2>`, p(escapeHtml(t.optoutText)), `<ul>${optouts.map((o) => `<li>${link(o.url, o.label)}</li>`).join('')}</ul>`]
      : []),
    p(`${escapeHtml(t.regards)}<br>${escapeHtml(shop.name)}`),
    `<p style="color: #666; font-size: .9rem">${shopLine.map(escapeHtml).join('<br>')}</p>`,
    '</body></html>',
  ].join('\n');

  const fromDomain = from.address.split('@')[1] ?? 'countersign.invalid';
  const unsubscribe = links.optout.email;
  return {
    from,
    to,
    replyTo: shop.controller.email,
    subject: t.subject(order.number, shop.name),
    text,
    html,
    // Stable per record: a mail sent again after a lost answer is recognisably the same one.
    messageId: `<thanks-${record.id}@${fromDomain}>`,
    // One-click unsubscribe (RFC 8058): mail programs POST to the link; /c/optout accepts that too.
    headers: unsubscribe ? { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {},
    ...(unsubscribe ? { list: { unsubscribe } } : {}),
    attachments: [
      { filename: t.icsFile(fileSafe(order.number)), content: pickupIcs({ record, shop, t }), contentType: 'text/calendar; charset=utf-8; method=PUBLISH' },
      { filename: t.receiptFile(fileSafe(order.number)), content: Buffer.from(receiptPdf), contentType: 'application/pdf' },
    ],
  };
}
