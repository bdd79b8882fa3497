import { describe, expect, it } from 'vitest';
import { counterEventChanges, dueCounterEvents, interpretCounterUpload, type CounterQueueEntry } from './counter-sync-plan';

const response = (status: number, body: unknown) => ({ kind: 'response' as const, status, body });
const NOW = new Date('2026-11-29T18:00:00.000Z');

describe('dueCounterEvents', () => {
  const entry = (id: string, at: string, patch: Partial<CounterQueueEntry> = {}): CounterQueueEntry => ({ id, at, state: 'pending', attempts: 0, nextAttemptAt: at, ...patch });
  it('sends waiting events oldest first; backed-off ones only when a person asks or the network returns', () => {
    const later = entry('b', '2026-11-29T17:00:00.000Z', { nextAttemptAt: '2026-11-29T18:05:00.000Z' });
    const entries = [later, entry('a', '2026-11-29T16:00:00.000Z'), entry('c', '2026-11-29T15:00:00.000Z', { state: 'rejected' }), entry('d', '2026-11-29T14:00:00.000Z', { state: 'synced' })];
    expect(dueCounterEvents(entries, { now: NOW, ignoreBackoff: false }).map((e) => e.id)).toEqual(['a']);
    expect(dueCounterEvents(entries, { now: NOW, ignoreBackoff: true }).map((e) => e.id)).toEqual(['a', 'b']);
  });
});

describe('interpretCounterUpload', () => {
  it('acknowledges each event by the answer for it, and only that', () => {
    const decision = interpretCounterUpload(['a', 'b'], response(200, { results: [{ id: 'a', status: 'duplicate', customerId: 'c1' }] }));
    expect(decision.events).toEqual([
      { id: 'a', action: 'synced', status: 'duplicate', customerId: 'c1' },
      { id: 'b', action: 'backoff', error: { code: 'bad_response', message: 'The server did not report on this event.' } },
    ]);
  });

  it('reads which events a 422 refuses, from issue paths or from a list', () => {
    const byPath = interpretCounterUpload(['a', 'b'], response(422, { error: 'invalid_request', message: 'No.', issues: [{ path: 'events.1.channels', message: 'error.required' }] }));
    expect(byPath.events).toEqual([
      { id: 'a', action: 'retry' },
      { id: 'b', action: 'rejected', error: { code: 'invalid_request', message: 'No.', issues: [{ path: 'channels', message: 'error.required' }] } },
    ]);
    const byList = interpretCounterUpload(['a', 'b'], response(422, { error: 'invalid_request', message: 'No.', events: [{ id: 'a', issues: [] }] }));
    expect(byList.events.map((e) => e.action)).toEqual(['rejected', 'retry']);
    expect(interpretCounterUpload(['a', 'b'], response(422, { error: 'invalid_request', message: 'No.' }))).toMatchObject({ oneByOne: true, stop: null });
  });

  it('splits a batch the server finds too large, and keeps everything on refusals and outages', () => {
    expect(interpretCounterUpload(['a', 'b'], response(413, { error: 'too_large', message: 'Big.' }))).toMatchObject({ oneByOne: true });
    expect(interpretCounterUpload(['a'], response(413, { error: 'too_large', message: 'Big.' })).events[0]).toMatchObject({ action: 'rejected' });
    expect(interpretCounterUpload(['a'], response(403, { error: 'device_revoked', message: 'Gone.' }))).toEqual({ events: [], stop: { code: 'device_revoked', message: 'Gone.' }, oneByOne: false });
    expect(interpretCounterUpload(['a'], { kind: 'network', offline: true, message: 'x' })).toMatchObject({ events: [], stop: { code: 'offline' } });
    expect(interpretCounterUpload(['a'], response(404, { error: 'not_found', message: 'No route.' })).events[0]).toMatchObject({ action: 'backoff', error: { code: 'not_found' } });
  });

  it('backs off with the records\' policy', () => {
    const entries = new Map([['a', { id: 'a', at: '', state: 'pending' as const, attempts: 2, nextAttemptAt: '' }]]);
    const changes = counterEventChanges(entries, [{ id: 'a', action: 'backoff', error: { code: 'timeout', message: 'Slow.' } }], { now: NOW, random: () => 0.5 });
    expect(changes).toEqual([{ id: 'a', kind: 'update', patch: { attempts: 3, nextAttemptAt: '2026-11-29T18:00:20.000Z', lastError: { code: 'timeout', message: 'Slow.' } } }]);
  });
});
