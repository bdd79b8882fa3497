/**
 * Live views of the sync for staff screens: they update when the outbox, the sync state or the
 * device change, also when the service worker made the change (Dexie tells every open page).
 */
import { liveQuery } from 'dexie';
import type { SyncState } from '../../shared/sync-plan';
import { getDevice, type DeviceRegistration } from './device-registration';
import { getSyncState } from './sync-state';
import { outboxStatus, type OutboxStatus } from './sync-queue';

export interface SyncOverview {
  outbox: OutboxStatus;
  state: SyncState;
  device: DeviceRegistration | undefined;
}

/** Calls cb with the current overview now and after every change; returns the unsubscribe. */
export function watchSyncOverview(cb: (overview: SyncOverview) => void): () => void {
  const subscription = liveQuery(async () => {
    const [outbox, state, device] = await Promise.all([outboxStatus(), getSyncState(), getDevice()]);
    return { outbox, state, device };
  }).subscribe({ next: cb, error: (error: unknown) => console.error('countersign: sync overview failed', error) });
  return () => subscription.unsubscribe();
}

/** Only the number of records waiting, for the badge on the staff tab. */
export function watchWaitingCount(cb: (waiting: number) => void): () => void {
  const subscription = liveQuery(() => outboxStatus()).subscribe({ next: (s) => cb(s.waiting), error: () => undefined });
  return () => subscription.unsubscribe();
}
