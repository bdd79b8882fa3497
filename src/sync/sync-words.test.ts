import { describe, expect, it } from 'vitest';
import { de } from '../i18n/de';
import { en } from '../i18n/en';
import { translate } from '../i18n';
import { badgeWords, minimisedWords, oldestOf, reconnectKey, resultWords, sinceWords, syncErrorKey, waitingWords } from './sync-words';

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
  const run = (sent: number, stored: number, duplicate = 0) => ({ sent, stored, duplicate });

  it('counts what the server acknowledged, not what was tried, and says what still waits', () => {
    expect(say(resultWords(run(3, 2, 1), { failed: false, stillWaiting: 4 }))).toBe('3 übertragen · 4 warten weiter auf dem Tablet');
    expect(say(resultWords(run(3, 2, 1), { failed: false, stillWaiting: 0 }))).toBe('3 übertragen');
    expect(say(resultWords(run(1, 1), { failed: false, stillWaiting: 0 }), 'en')).toBe('1 delivered to the server');
  });

  it('a failed run says how many still wait, and not "0 übertragen"', () => {
    // Offline: one record went out and nothing came back.
    expect(say(resultWords(run(1, 0), { failed: true, stillWaiting: 1 }))).toBe('1 wartet weiter auf dem Tablet');
    expect(say(resultWords(run(0, 0), { failed: true, stillWaiting: 2 }), 'en')).toBe('2 still waiting on the tablet');
    expect(say(resultWords(run(4, 1), { failed: true, stillWaiting: 3 }))).toBe('1 übertragen · 3 warten weiter auf dem Tablet');
    // Nothing waited and the run failed (the pull, say): its error speaks, not "all is sent".
    expect(resultWords(run(0, 0), { failed: true, stillWaiting: 0 })).toEqual([]);
  });

  it('a run with nothing to send says so, whatever started it; before any run, nothing', () => {
    expect(say(resultWords(run(0, 0), { failed: false, stillWaiting: 0 }))).toBe('Nichts zu senden – alles ist übertragen.');
    expect(say(resultWords(run(0, 0), { failed: false, stillWaiting: 0 }), 'en')).toBe(en['sync.nothingToSend']);
    // Records in their backoff were not due: they wait, so it is not "all is sent".
    expect(say(resultWords(run(0, 0), { failed: false, stillWaiting: 2 }))).toBe('2 warten weiter auf dem Tablet');
    expect(resultWords(null, { failed: false, stillWaiting: 0 })).toEqual([]);
    expect(resultWords(null, { failed: true, stillWaiting: 3 })).toEqual([]);
  });

  it('never says "0 übertragen", nor reads as sent beside a record that still waits', () => {
    for (const sent of [0, 1, 2]) {
      for (const failed of [false, true]) {
        for (const stillWaiting of [0, 1, 2]) {
          const words = say(resultWords(run(sent, 0), { failed, stillWaiting }));
          expect(words).not.toMatch(/\b0 übertragen/);
          expect(words).not.toMatch(/Gesendet|Neu gespeichert/);
          if (stillWaiting > 0) expect(words).not.toMatch(/alles ist übertragen/);
        }
      }
    }
  });
});

describe('badgeWords', () => {
  it('says "1 wartet" and "2 warten", in both languages', () => {
    expect(translate('de', ...badgeWords(1))).toBe('1 wartet');
    expect(translate('de', ...badgeWords(2))).toBe('2 warten');
    expect(translate('de', ...badgeWords(12))).toBe('12 warten');
    expect(translate('en', ...badgeWords(1))).toBe('1 waiting');
    expect(translate('en', ...badgeWords(3))).toBe('3 waiting');
  });
});

describe('sinceWords', () => {
  it('gives close of day and Status one wording for a record just stored', () => {
    expect(translate('de', 'sync.oldest', { since: translate('de', ...sinceWords(20_000)) })).toBe('Der älteste wartet seit weniger als einer Minute.');
    expect(de).not.toHaveProperty('staff.status.oldest');
    expect(en).not.toHaveProperty('staff.status.oldest');
  });
});
