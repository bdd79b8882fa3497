/**
 * The page's way to start a sync. The engine (Dexie writes, valibot, fetch) loads on first use, so
 * none of it is on the kiosk's start path. Callers never await this in front of a customer.
 */
import type { SyncResult } from '../../shared/sync-plan';
import { registerBackgroundSync } from '../sw-bridge';
import type { SyncOptions } from './sync-records';

export function requestSync(options: SyncOptions): Promise<SyncResult> {
  return import('./sync-records').then((engine) => engine.syncNow(options));
}

/** Right after a record is stored: try now, and let the browser retry in the background if it can. */
export function syncAfterSave(): void {
  registerBackgroundSync();
  requestSync({ reason: 'saved' }).catch((error: unknown) => console.warn('countersign: sync after save failed', error));
}
