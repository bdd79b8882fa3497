/**
 * Turns a record into its PDF receipt and hands it to the browser as a download. The PDF module
 * (and jsPDF behind it) is imported here on demand, so neither is in the start-up chunk.
 */
import type { SignedRecord } from '../../shared/record';
import type { ShopConfig } from '../../shared/shop';
import { translate } from '../i18n';

export async function downloadReceipt(options: { record: SignedRecord; shop: ShopConfig }): Promise<void> {
  const { makeReceiptBlob } = await import('../pdf/receipt-pdf');
  // The receipt is the customer's, so it speaks the language they signed in.
  const blob = await makeReceiptBlob({ record: options.record, shop: options.shop, language: options.record.language });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `${translate(options.record.language, 'staff.today.receiptFile')}-${options.record.order.number.replace(/[^\w-]+/g, '_')}-${options.record.id.slice(0, 8)}.pdf`;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later, not at once: some browsers start reading the blob only after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
