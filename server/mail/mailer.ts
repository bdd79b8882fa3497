/**
 * The mailer: takes due rows from the outbox (written with their record, so none is ever lost),
 * composes the thank-you e-mail and sends it. It runs once at start, every 30 s, and at once when
 * kicked after an upload; one run at a time. A failure is retried with growing waits and, after
 * the sixth, left 'failed' for the owner to retry. Nothing here ever touches a record, and no
 * error leaves this module: a broken SMTP server must not take the shop's server down.
 */
import type { SignedRecord } from '../../shared/record';
import { makeReceiptPdf } from '../../src/pdf/receipt-pdf';
import { linkKey, linkUrl, signToken } from '../links/link-tokens';
import type { MailRow, Store } from '../store/store';
import { mailFrom, type MailSettings } from './mail-settings';
import type { MailTransport } from './mail-transport';
import { composeThankYouMail, grantedChannels, type ThankYouLinks } from './thank-you-mail';

const MINUTE = 60_000;
/** Waits after the 1st … 5th failure; the 6th failure is final. */
export const BACKOFF_MS = [1 * MINUTE, 5 * MINUTE, 30 * MINUTE, 120 * MINUTE, 720 * MINUTE] as const;

export interface Mailer {
  /** Runs now (or once more right after the run in progress). Resolves when that run is done. */
  kick(): Promise<void>;
  /** Runs once, then on the timer. */
  start(): void;
  /** Stops the timer and waits for the run in progress. */
  stop(): Promise<void>;
}

export interface MailerOptions {
  store: Store;
  transport: MailTransport;
  settings: MailSettings;
  /** The address customers' links start with, e.g. https://kasse.example.com (no trailing slash). */
  linkBase: () => string;
  now?: () => Date;
  intervalMs?: number;
  /** Rows per run; more wait for the next. */
  batch?: number;
  /**
   * Mails wait until no kick (upload) came for this long, at most maxDeferMs: a tablet catching up
   * sends batch after batch, and each mail's PDF (~50 ms of CPU) would slow every upload down.
   */
  quietMs?: number;
  maxDeferMs?: number;
  log?: (line: string) => void;
}

/** A reason not to send that no retry can fix. */
class PermanentMailError extends Error {}

export function createMailer({
  store,
  transport,
  settings,
  linkBase,
  now = () => new Date(),
  intervalMs = 30_000,
  batch = 20,
  quietMs = 0,
  maxDeferMs = 60_000,
  log = console.warn,
}: MailerOptions): Mailer {
  let running: Promise<void> | null = null;
  /** performance.now() of the last kick: the mailer's own clock, not the test's `now`. */
  let lastKick = -Infinity;
  let again = false;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  async function sendOne(row: MailRow): Promise<string> {
    const body = await store.records.body({ id: row.recordId });
    if (!body) throw new PermanentMailError('the record is no longer stored');
    const customer = await store.customers.get({ id: row.customerId });
    if (!customer || customer.erasedAt) throw new PermanentMailError('the customer was erased');
    const shop = await store.shop.get();
    if (!shop) throw new Error('the shop is not set up');
    const record = JSON.parse(body) as SignedRecord;

    const key = await linkKey(store);
    const link = (purpose: 'optout' | 'confirm', channel: 'letter' | 'email' | 'sms') =>
      linkUrl({ base: linkBase(), purpose, token: signToken({ key, purpose, customerId: row.customerId, channel, recordId: record.id, now: now() }) });
    const granted = grantedChannels(record);
    const links: ThankYouLinks = {
      optout: Object.fromEntries(granted.map((channel) => [channel, link('optout', channel)])),
      confirm: granted.includes('email') ? link('confirm', 'email') : null,
    };
    const receiptPdf = await makeReceiptPdf({ record, shop, language: record.language });
    const from = mailFrom({ settings, shop, linkBase: linkBase() });
    const mail = composeThankYouMail({ record, shop, to: row.recipient, from, links, receiptPdf });
    return transport.send({ recordId: record.id, mail });
  }

  /** Waits while uploads keep coming (see quietMs), but not past the run's deadline. */
  async function untilQuiet(deadline: number): Promise<void> {
    for (let left = quietMs - (performance.now() - lastKick); left > 0 && !stopped; left = quietMs - (performance.now() - lastKick)) {
      if (performance.now() >= deadline) return;
      await new Promise((resolve) => setTimeout(resolve, Math.min(left, 250)));
    }
  }

  async function runOnce(): Promise<void> {
    const rows = await store.mail.due({ now: now().toISOString(), limit: batch });
    // One deadline for the whole run: under a steady stream of uploads it waits maxDeferMs in all.
    const deadline = performance.now() + maxDeferMs;
    for (const row of rows) {
      await untilQuiet(deadline);
      // Making the PDF takes ~50 ms of CPU: let waiting requests (uploads) go first between mails.
      await new Promise((resolve) => setImmediate(resolve));
      if (stopped) return;
      try {
        const messageId = await sendOne(row);
        await store.mail.markSent({ id: row.id, now: now().toISOString(), messageId });
      } catch (error) {
        const failure = row.attempts + 1;
        const wait = error instanceof PermanentMailError ? undefined : BACKOFF_MS[failure - 1];
        const nextAttemptAt = wait === undefined ? null : new Date(now().getTime() + wait).toISOString();
        const reason = error instanceof Error ? error.message : String(error);
        log(`countersign: the thank-you e-mail for record ${row.recordId} failed (attempt ${failure}): ${reason}${nextAttemptAt ? `; next try ${nextAttemptAt}` : '; given up until the owner retries'}`);
        await store.mail.markFailed({ id: row.id, now: now().toISOString(), error: reason, nextAttemptAt });
      }
    }
  }

  function run(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await runOnce();
        } catch (error) {
          log(`countersign: the mailer could not run: ${error instanceof Error ? error.message : String(error)}`);
        }
      } while (again && !stopped);
    })().finally(() => (running = null));
    return running;
  }

  return {
    kick() {
      if (stopped) return Promise.resolve();
      lastKick = performance.now();
      return run();
    },
    start() {
      stopped = false;
      void run();
      timer ??= setInterval(() => void run(), intervalMs);
      timer.unref();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
  };
}
