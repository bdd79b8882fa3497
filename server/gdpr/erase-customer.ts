/**
 * Art. 17 for one customer: the database part in one transaction (store.erasure.erase), then the
 * thank-you e-mails written as files (<mail dir>/<record id>.eml). The files go after the commit:
 * a file left behind by a crash is found again by the next erasure of the same customer, whereas a
 * file deleted before a failed transaction would be lost for a customer who is not erased.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Channel } from '../../shared/channels';
import type { ErasureSummary, Store } from '../store/store';

export async function eraseCustomer({
  store,
  mailDir,
  customerId,
  keepConsents,
  now,
}: {
  store: Store;
  /** Where the mailer writes .eml files (mail-settings.ts mailDir); null when none. */
  mailDir: string | null;
  customerId: string;
  keepConsents: Channel[];
  now: Date;
}): Promise<ErasureSummary | null> {
  const records = await store.customers.records({ customerId });
  const summary = await store.erasure.erase({ customerId, now: now.toISOString(), keepConsents });
  if (!summary) return null;
  let mailFiles = 0;
  if (mailDir) {
    for (const { id } of records) {
      // The same names the folder transport writes; anything else is no file of ours.
      if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) continue;
      const file = join(mailDir, `${id}.eml`);
      try {
        await rm(file);
        mailFiles += 1;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
  }
  return { ...summary, removed: { ...summary.removed, mailFiles } };
}

/** Runs purgeExpired now and then once a day; returns a function that stops it. */
export function schedulePurge({ store, now = () => new Date(), log = console.log }: { store: Store; now?: () => Date; log?: (line: string) => void }): () => void {
  const purge = async () => {
    try {
      const gone = await store.erasure.purgeExpired({ now: now().toISOString() });
      if (gone > 0) log(`Retention: ${gone} kept item(s) reached the end of their period and were deleted.`);
      // Expired owner logins go too (they are refused anyway; this keeps their hashes from piling up).
      await store.owner.deleteExpiredSessions({ now: now().toISOString() });
    } catch (error) {
      log(`Retention: the daily clean-up failed: ${(error as Error).message}`);
    }
  };
  void purge();
  const timer = setInterval(() => void purge(), 24 * 3_600_000);
  timer.unref();
  return () => clearInterval(timer);
}
