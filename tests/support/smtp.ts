/**
 * A real SMTP server for tests (the smtp-server package) on a free port of its own: it receives
 * what countersign sends, keeps every message whole, and can be told to refuse recipients, as a
 * mail provider does. Messages are read back with mailparser, as a mail program would.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: Buffer;
  parsed: ParsedMail;
  /** When the message was accepted (ms since 1970). */
  at: number;
}

export interface TestSmtp {
  /** smtp://127.0.0.1:<port>, for SMTP_URL. */
  url: string;
  port: number;
  received: ReceivedMail[];
  /** Refuse every recipient from now on (550), or accept again. */
  refuseRecipients(refuse: boolean): void;
  /** Waits until this many messages have arrived. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  stop(): Promise<void>;
}

export async function startTestSmtp({ port = 0 }: { port?: number } = {}): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  let refuse = false;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (refuse) {
        const error = new Error(`Mailbox ${address.address} unavailable`) as Error & { responseCode: number };
        error.responseCode = 550;
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (parsed) => {
            received.push({
              at: Date.now(),
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address),
              raw,
              parsed,
            });
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actualPort = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${actualPort}`,
    port: actualPort,
    received,
    refuseRecipients: (value) => (refuse = value),
    async waitFor(count, timeoutMs = 10_000) {
      for (const deadline = Date.now() + timeoutMs; received.length < count; ) {
        if (Date.now() > deadline) throw new Error(`expected ${count} mail(s) at the test SMTP server within ${timeoutMs} ms, got ${received.length}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      return received;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The links in a mail's plain text, by what they do. */
export function mailLinks(mail: ParsedMail): { confirm: string[]; optout: string[] } {
  const urls = (mail.text ?? '').match(/https?:\/\/\S+/g) ?? [];
  return { confirm: urls.filter((u) => u.includes('/c/confirm?')), optout: urls.filter((u) => u.includes('/c/optout?')) };
}
