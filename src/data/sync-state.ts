/** What the tablet remembers of its syncs (settings 'syncState'): last success, last try, last error. */
import { EMPTY_SYNC_STATE, nextSyncState, type SyncResult, type SyncState } from '../../shared/sync-plan';
import { db } from './db';

export async function getSyncState(): Promise<SyncState> {
  const value = (await db.settings.get('syncState'))?.value as Partial<SyncState> | undefined;
  return { ...EMPTY_SYNC_STATE, ...value };
}

export async function recordSyncResult(result: SyncResult): Promise<SyncState> {
  return db.transaction('rw', db.settings, async () => {
    const next = nextSyncState(await getSyncState(), result);
    await db.settings.put({ key: 'syncState', value: next });
    return next;
  });
}
