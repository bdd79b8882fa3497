/** Sync errors and waiting times in plain words: which message says what, for every screen. */
import type { OutboxState, SyncCounts, SyncErrorCode, SyncState } from '../../shared/sync-plan';
import type { MessageKey, Params } from '../i18n';

const ERROR_KEYS: Partial<Record<SyncErrorCode, MessageKey>> = {
  offline: 'sync.error.offline',
  unreachable: 'sync.error.unreachable',
  timeout: 'sync.error.timeout',
  server_error: 'sync.error.server',
  device_revoked: 'sync.error.revoked',
  invalid_token: 'sync.error.token',
  unauthenticated: 'sync.error.token',
  not_enrolled: 'sync.error.notEnrolled',
  invalid_code: 'sync.error.code',
  too_many_attempts: 'sync.error.tooMany',
  not_found: 'sync.error.notFound',
  aborted: 'sync.error.aborted',
};

export function syncErrorKey(code: SyncErrorCode): MessageKey {
  return ERROR_KEYS[code] ?? 'sync.error.other';
}

/** What waits for the server: the signed records, and the withdrawals and objections from the counter. */
export interface Waiting {
  records: number;
  counterEvents: number;
}

/** What waits, one line each; "nothing waits, all is sent" only when neither records nor counter events wait. */
export function waitingWords(waiting: Waiting): Array<[MessageKey, Params?]> {
  const { records, counterEvents } = waiting;
  if (records === 0 && counterEvents === 0) return [['staff.status.nothingWaiting']];
  const lines: Array<[MessageKey, Params?]> = [];
  if (records > 0) lines.push(records === 1 ? ['staff.status.waitingOne'] : ['staff.status.waitingMany', { count: records }]);
  if (counterEvents > 0) lines.push(counterEvents === 1 ? ['sync.counter.waitingOne'] : ['sync.counter.waitingMany', { count: counterEvents }]);
  return lines;
}

/**
 * Records the server answered "conflict" for, in plain words, or null when there are none. They do
 * not wait (the server has them aside, the owner sees them) and they stay on this tablet.
 */
export function conflictWords(conflicts: number): [MessageKey, Params?] | null {
  if (conflicts <= 0) return null;
  return conflicts === 1 ? ['sync.conflict.one'] : ['sync.conflict.many', { count: conflicts }];
}

/** What a recorded run did (SyncState.lastResult), as far as its words need it. */
export type RunCounts = Pick<SyncCounts, 'sent' | 'stored' | 'duplicate'>;

/**
 * The last run's result in plain words, whatever started it (start, network back, timer, service
 * worker, "Sync now"): how many records the server acknowledged (stored, or there already), never
 * how many were tried, and how many still wait on this tablet now. A run that had nothing to send
 * and left nothing waiting says so; nothing at all before the first run. Never "0 übertragen".
 */
export function resultWords(last: RunCounts | null, o: { failed: boolean; stillWaiting: number }): Array<[MessageKey, Params?]> {
  if (!last) return [];
  const lines: Array<[MessageKey, Params?]> = [];
  const delivered = last.stored + last.duplicate;
  if (delivered > 0) lines.push(['sync.result.transferred', { count: delivered }]);
  if (o.stillWaiting > 0) lines.push(o.stillWaiting === 1 ? ['sync.result.stillWaitingOne'] : ['sync.result.stillWaitingMany', { count: o.stillWaiting }]);
  // A failed run's error says what went wrong; records it sent without an answer are not "nothing to send".
  if (lines.length === 0 && !o.failed && last.sent === 0) lines.push(['sync.nothingToSend']);
  return lines;
}

/** The staff tab's badge, for screen readers: "1 wartet", "2 warten". */
export function badgeWords(count: number): [MessageKey, Params?] {
  return count === 1 ? ['sync.badgeOne'] : ['sync.badgeMany', { count }];
}

/** A record's line in the today list: sent, a conflict the owner has, or waiting. */
export function recordSyncKey(row: { syncedAt?: string; outboxState?: OutboxState }): MessageKey {
  if (row.syncedAt) return 'sync.record.synced';
  return row.outboxState === 'conflict' ? 'sync.record.conflict' : 'sync.record.waiting';
}

/** The earlier of two "waiting since" times (ISO strings), or null when nothing waits. */
export function oldestOf(...times: Array<string | null | undefined>): string | null {
  return times.reduce<string | null>((oldest, at) => (at && (oldest === null || at < oldest) ? at : oldest), null);
}

/** "seit 2 Stunden" / "for 2 hours": how long something has been waiting. */
export function sinceWords(ms: number): [MessageKey, Params?] {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return ['sync.since.now'];
  if (minutes < 60) return minutes === 1 ? ['sync.since.minute'] : ['sync.since.minutes', { n: minutes }];
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return hours === 1 ? ['sync.since.hour'] : ['sync.since.hours', { n: hours }];
  const days = Math.floor(hours / 24);
  return days === 1 ? ['sync.since.day'] : ['sync.since.days', { n: days }];
}

/** A minimised record in plain words: sent, and after how many days its details left the tablet. */
export function minimisedWords(row: { syncedAt?: string; minimisedAt?: string }, afterDays: number): [MessageKey, Params?] {
  const measured = row.syncedAt && row.minimisedAt ? Math.floor((Date.parse(row.minimisedAt) - Date.parse(row.syncedAt)) / 86_400_000) : Number.NaN;
  const days = Number.isFinite(measured) && measured >= 1 ? measured : afterDays;
  return days === 1 ? ['sync.record.minimisedDay'] : ['sync.record.minimised', { days }];
}

/** What every staff screen says while the server will not take this tablet's syncs, or null. */
export function reconnectKey(device: { revokedAt?: string } | undefined, state: Pick<SyncState, 'refused'>): MessageKey | null {
  if (!device) return null;
  if (device.revokedAt) return 'sync.error.revoked';
  return state.refused ? 'sync.refused' : null;
}
