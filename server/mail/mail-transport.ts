/**
 * Where the thank-you e-mail goes: over SMTP with nodemailer when SMTP_URL is set, else into a
 * folder as <recordId>.eml (one file per record, so erasure can find a customer's mail by record
 * id, and the demo works offline). A file is written whole or not at all (temp file + rename).
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import { describeSmtpUrl } from './mail-settings';
import type { ThankYouMail } from './thank-you-mail';

export interface MailTransport {
  /** Sends the mail; resolves with its Message-ID, rejects with the reason it was not sent. */
  send(o: { recordId: string; mail: ThankYouMail }): Promise<string>;
  /** For the banner: where mail goes, without secrets; German / English, may span lines (\n). */
  describe(): string;
  close(): void;
}

/** Short waits: an SMTP server that does not answer is a failed attempt, retried later. */
const SMTP_TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000 };

export function smtpTransport({ smtpUrl }: { smtpUrl: string }): MailTransport {
  const transporter = createTransport({ url: smtpUrl, ...SMTP_TIMEOUTS });
  return {
    async send({ mail }) {
      const info = await transporter.sendMail(mail);
      // Some servers accept part of the recipients; there is only one, so anything refused is a failure.
      if (info.rejected.length > 0) throw new Error(`the SMTP server refused ${info.rejected.join(', ')}: ${info.response}`);
      return info.messageId;
    },
    describe: () => `SMTP ${describeSmtpUrl(smtpUrl)}`,
    close: () => transporter.close(),
  };
}

export function folderTransport({ dir }: { dir: string }): MailTransport {
  const transporter = createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  return {
    async send({ recordId, mail }) {
      if (!/^[A-Za-z0-9_-]{1,64}$/.test(recordId)) throw new Error(`not a record id: ${recordId}`);
      const info = await transporter.sendMail(mail);
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const file = join(dir, `${recordId}.eml`);
      await writeFile(`${file}.tmp`, info.message as Buffer, { mode: 0o600 });
      await rename(`${file}.tmp`, file);
      return info.messageId;
    },
    describe: () => `Ordner / folder ${dir}\n(.eml-Dateien, kein SMTP_URL gesetzt / .eml files, no SMTP_URL set)`,
    close: () => undefined,
  };
}
