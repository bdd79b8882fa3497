import { describe, expect, it } from 'vitest';
import { de } from '../i18n/de';
import { en } from '../i18n/en';
import { translate } from '../i18n';
import { minimisedWords, oldestOf, reconnectKey, resultWords, syncErrorKey, waitingWords } from './sync-words';

describe('reconnectKey', () => {
  const refused = { refused: { code: 'invalid_token' as const, at: '2026-11-29T18:00:00.000Z' } };

  it('tells staff in plain words that the server no longer knows this tablet', () => {
    expect(reconnectKey({}, refused)).toBe('sync.refused');
    expect(reconnectKey({ revokedAt: '2026-11-29T18:00:00.000Z' }, refused)).toBe('sync.error.revoked');
  });

  it('says nothing while the server takes the tablet, or when none is connected', () => {
    expect(reconnectKey({}, { refused: null })).toBeNull();
    expect(reconnectKey(undefined, refused)).toBeNull();
  });

  it('keeps the per-run message for a refused token', () => {
    expect(syncErrorKey('invalid_token')).toBe('sync.error.token');
  });
});

describe('minimisedWords', () => {
  it('says after how many days the details left the tablet, as it happened', () => {
    const row = { syncedAt: '2026-11-01T10:00:00.000Z', minimisedAt: '2026-11-09T09:00:00.000Z' };
    expect(minimisedWords(row, 7)).toEqual(['sync.record.minimised', { days: 7 }]);
    expect(minimisedWords({ ...row, minimisedAt: '2026-11-10T11:00:00.000Z' }, 7)).toEqual(['sync.record.minimised', { days: 9 }]);
    expect(minimisedWords({ ...row, minimisedAt: '2026-11-02T12:00:00.000Z' }, 7)).toEqual(['sync.record.minimisedDay']);
    expect(minimisedWords({}, 14)).toEqual(['sync.record.minimised', { days: 14 }]);
  });

  it('promises no receipt from the server, and names what left the tablet and that the server keeps it', () => {
    for (const messages of [de, en]) {
      for (const key of ['sync.record.minimised', 'sync.record.minimisedDay', 'sync.settings.minimiseHint'] as const) {
        expect(messages[key], key).not.toMatch(/abrufbar|available from the server/);
        expect(messages[key], key).toMatch(/Unterschrift|signature/);
        expect(messages[key], key).toMatch(/Server|server/);
      }
    }
    expect(de['sync.record.minimised']).toContain('{days}');
    expect(en['sync.record.minimised']).toContain('{days}');
  });
});

describe('waitingWords', () => {
  it('says nothing waits only when neither records nor withdrawals wait', () => {
    expect(waitingWords({ records: 0, counterEvents: 0 })).toEqual([['staff.status.nothingWaiting']]);
    expect(waitingWords({ records: 0, counterEvents: 2 })).toEqual([['sync.counter.waitingMany', { count: 2 }]]);
    expect(waitingWords({ records: 1, counterEvents: 0 })).toEqual([['staff.status.waitingOne']]);
    expect(waitingWords({ records: 3, counterEvents: 1 })).toEqual([['staff.status.waitingMany', { count: 3 }], ['sync.counter.waitingOne']]);
  });

  it('never says "all sent" beside something that waits', () => {
    for (const [records, counterEvents] of [[0, 1], [1, 0], [5, 5]] as const) {
      const lines = waitingWords({ records, counterEvents }).map(([key]) => de[key]);
      expect(lines.join(' ')).not.toMatch(/Nichts wartet|übertragen\./);
    }
  });
});

describe('oldestOf', () => {
  it('takes the earlier waiting time, whichever kind it is', () => {
    expect(oldestOf('2026-11-29T09:00:00.000Z', '2026-11-28T17:00:00.000Z')).toBe('2026-11-28T17:00:00.000Z');
    expect(oldestOf(null, '2026-11-29T09:00:00.000Z')).toBe('2026-11-29T09:00:00.000Z');
    expect(oldestOf(null, null)).toBeNull();
  });
});

describe('resultWords', () => {
  const say = (lines: ReturnType<typeof resultWords>, language: 'de' | 'en' = 'de') => lines.map(([key, params]) => translate(language, key, params)).join(' · ');

  it('counts what the server acknowledged, not what was tried, and says what still waits', () => {
    // Offline: one record went out and nothing came back.
    expect(say(resultWords({ stored: 0, duplicate: 0 }, 1))).toBe('0 übertragen · 1 wartet weiter auf dem Tablet');
    expect(say(resultWords({ stored: 2, duplicate: 1 }, 4))).toBe('3 übertragen · 4 warten weiter auf dem Tablet');
    expect(say(resultWords({ stored: 2, duplicate: 1 }, 0))).toBe('3 übertragen');
    expect(say(resultWords({ stored: 0, duplicate: 0 }, 1), 'en')).toBe('0 delivered to the server · 1 still waiting on the tablet');
  });

  it('never reads as sent beside a record that still waits', () => {
    expect(say(resultWords({ stored: 0, duplicate: 0 }, 1))).not.toMatch(/Gesendet|Neu gespeichert/);
  });
});
