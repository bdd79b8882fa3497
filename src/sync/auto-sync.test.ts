/**
 * The page's triggers: the app start, the timer and the network coming back all call the one sync
 * function (requestSync → syncNow) with their own reason; the start and the timer minimise after
 * their run, whatever it said.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SyncReason, SyncResult } from '../../shared/sync-plan';
import { NO_COUNTS } from '../../shared/sync-plan';

const requestSync = vi.fn<(options: { reason: SyncReason }) => Promise<SyncResult>>();
const minimiseLocalRecords = vi.fn(() => Promise.resolve(0));
vi.mock('./request-sync', () => ({ requestSync: (options: { reason: SyncReason }) => requestSync(options) }));
vi.mock('./minimise-local', () => ({ minimiseLocalRecords: () => minimiseLocalRecords() }));
const { startAutoSync } = await import('./auto-sync');

function result(reason: SyncReason, extra: Partial<SyncResult> = {}): SyncResult {
  const at = new Date().toISOString();
  return { reason, status: 'ok', counts: NO_COUNTS, ordersAdded: 0, shopUpdated: false, minimised: 0, error: null, nextAttemptAt: null, startedAt: at, finishedAt: at, ...extra };
}

const reasons = () => requestSync.mock.calls.map(([options]) => options.reason);

let stop: () => void = () => undefined;

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-29T09:00:00.000Z') });
  vi.stubGlobal('window', new EventTarget());
  requestSync.mockReset();
  minimiseLocalRecords.mockClear();
  requestSync.mockImplementation(async ({ reason }) => result(reason));
});
afterEach(() => {
  stop();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('startAutoSync', () => {
  it('runs the one sync function at start, on the timer, and when the network comes back', async () => {
    stop = startAutoSync();
    expect(requestSync).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(reasons()).toEqual(['start']);

    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(reasons()).toEqual(['start', 'timer']);
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(reasons()).toEqual(['start', 'timer', 'timer']);

    window.dispatchEvent(new Event('online'));
    await vi.advanceTimersByTimeAsync(0);
    expect(reasons()).toEqual(['start', 'timer', 'timer', 'online']);
    // The 'online' run starts the timer afresh: the next timer run is five minutes after it.
    await vi.advanceTimersByTimeAsync(5 * 60_000 - 1);
    expect(reasons()).toHaveLength(4);
    await vi.advanceTimersByTimeAsync(1);
    expect(reasons()).toEqual(['start', 'timer', 'timer', 'online', 'timer']);
  });

  it('comes back when the backoff ends (not before ten seconds), and not by itself while offline', async () => {
    requestSync.mockImplementationOnce(async ({ reason }) =>
      result(reason, { status: 'failed', error: { code: 'unreachable', message: 'Down.' }, nextAttemptAt: new Date(Date.now() + 30_000).toISOString() }),
    );
    stop = startAutoSync();
    await vi.advanceTimersByTimeAsync(1_000);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(reasons()).toEqual(['start', 'timer']);

    requestSync.mockImplementationOnce(async ({ reason }) =>
      result(reason, { status: 'failed', error: { code: 'offline', message: 'Offline.' }, nextAttemptAt: new Date(Date.now() + 5_000).toISOString() }),
    );
    window.dispatchEvent(new Event('online'));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(reasons()).toEqual(['start', 'timer', 'online']);
  });

  it('minimises after the start and the timer runs, whatever the sync said, even when it threw', async () => {
    requestSync.mockImplementationOnce(async ({ reason }) => result(reason, { status: 'revoked', error: { code: 'device_revoked', message: 'Revoked.' } }));
    stop = startAutoSync();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(minimiseLocalRecords).toHaveBeenCalledTimes(1);

    requestSync.mockImplementationOnce(() => Promise.reject(new Error('IndexedDB is gone')));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(reasons()).toEqual(['start', 'timer']);
    expect(minimiseLocalRecords).toHaveBeenCalledTimes(2);
    warn.mockRestore();

    // The network's return is about sending, not about forgetting.
    window.dispatchEvent(new Event('online'));
    await vi.advanceTimersByTimeAsync(0);
    expect(reasons()).toEqual(['start', 'timer', 'online']);
    expect(minimiseLocalRecords).toHaveBeenCalledTimes(2);
  });

  it('stops every trigger when stopped', async () => {
    stop = startAutoSync();
    stop();
    window.dispatchEvent(new Event('online'));
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(requestSync).not.toHaveBeenCalled();
  });
});
