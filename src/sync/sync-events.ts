/**
 * Messages about a running sync, between whoever runs it (a page or the service worker) and every
 * open page, over one BroadcastChannel. Runs in pages and in the worker: no DOM here.
 */
import type { SyncReason, SyncResult } from '../../shared/sync-plan';

/** The Background Sync tag the page registers and the service worker answers. */
export const SYNC_TAG = 'countersign-sync';
const CHANNEL = 'countersign-sync';

export type SyncMessage =
  | { type: 'started'; reason: SyncReason }
  | { type: 'progress'; done: number; total: number }
  | { type: 'finished'; result: SyncResult };

let sender: BroadcastChannel | null = null;

export function announceSync(message: SyncMessage): void {
  if (typeof BroadcastChannel === 'undefined') return;
  sender ??= new BroadcastChannel(CHANNEL);
  sender.postMessage(message);
}

/** Calls cb for every sync message from any context (this one included); returns the unsubscribe. */
export function onSyncMessage(cb: (message: SyncMessage) => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => undefined;
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = (event: MessageEvent) => {
    const data = event.data as SyncMessage | null;
    if (data && (data.type === 'started' || data.type === 'progress' || data.type === 'finished')) cb(data);
  };
  return () => channel.close();
}
