/**
 * Data minimisation on the tablet's own receipts: it needs no server. The app start and the timer
 * run it whatever their sync run said (offline, server down, tablet revoked, order pull failing),
 * so an acknowledged customer's details never stay on the tablet just because a later sync fails.
 * A record still in the outbox (waiting, rejected, or a conflict kept as evidence) is never touched.
 */
import { minimiseAfterDays } from '../../shared/sync-plan';
import { minimiseSyncedRecords } from '../data/minimise';
import { getShop } from '../data/shop';

/** Returns how many records were minimised now. */
export async function minimiseLocalRecords(options: { now?: Date } = {}): Promise<number> {
  return minimiseSyncedRecords({ now: options.now ?? new Date(), afterDays: minimiseAfterDays(await getShop()) });
}
