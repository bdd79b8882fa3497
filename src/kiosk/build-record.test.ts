import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../shared/canonical';
import { parseSignedRecord } from '../../shared/record';
import { TINY_PNG, fixtureRecord, fixtureShop } from '../../shared/record.fixture';
import type { KioskSession } from '../data/kiosk-session';
import { textRef } from '../../shared/shop';
import { buildRecord, markSeen, type BuildRecordOptions } from './build-record';

const base = fixtureRecord();

function options(session: Partial<KioskSession> = {}, shop = fixtureShop()): BuildRecordOptions {
  return {
    id: '11111111-2222-4333-8444-555555555555',
    shop,
    pending: { order: base.order, customer: base.customer, createdAt: '2026-11-29T09:00:00.000Z' },
    deviceId: 'tablet-0001',
    appVersion: '0.1.0',
    userAgent: 'test',
    now: new Date('2026-11-29T10:00:00.000Z'),
    timeZone: 'Europe/Berlin',
    session: {
      orderId: base.order.id, staffId: 'staff-1', startedAt: '2026-11-29T09:59:00.000Z', step: 'confirm', language: 'de',
      contact: base.customer, mobileInput: '0170 1234567', choices: { letter: false, email: true, sms: false }, health: true,
      signature: { width: 600, height: 240, strokes: base.signature.strokes, png: TINY_PNG },
      ...session,
    },
  };
}

describe('buildRecord', () => {
  it('makes a record that the shared schema accepts, with its hash', () => {
    const record = buildRecord(options());
    expect(parseSignedRecord(record).ok).toBe(true);
    expect(record.choices).toEqual({
      letter: { granted: false, contact: 'Jürgen Groß, Lindenallee 5, 50667 Köln' },
      email: { granted: true, contact: 'juergen.gross@example.com' },
      sms: { granted: false, contact: '+491701234567' },
    });
    expect(record.health).toEqual({ granted: true });
    expect(record.capture).toEqual({ deviceId: 'tablet-0001', staffId: 'staff-1', appVersion: '0.1.0', userAgent: 'test' });
  });

  it('keeps the exact words shown, in the language they were shown in, with their hash', () => {
    const shop = fixtureShop();
    const seen = { notice: textRef(shop.texts.notice, 'de'), ...markSeen(undefined, shop, ['letter', 'email', 'sms'], 'en') };
    const record = buildRecord(options({ language: 'en', seen }, shop));
    expect(record.language).toBe('en');
    expect(record.shown.notice).toEqual({ id: 'privacy-notice', version: 1, language: 'de', text: shop.texts.notice.de, sha256: sha256Hex(shop.texts.notice.de) });
    expect(record.shown.email).toMatchObject({ language: 'en', text: shop.texts.email.en, sha256: sha256Hex(shop.texts.email.en) });
    // Never shown (the customer has not reached it): the shop's text in the record's language.
    expect(record.shown.health).toMatchObject({ language: 'en', text: shop.texts.health.en });
  });

  it('keeps the words shown even when the shop got a new text after they were shown', () => {
    const before = fixtureShop();
    const seen = markSeen(undefined, before, ['notice'], 'de')!;
    const after = fixtureShop({ texts: { ...before.texts, notice: { ...before.texts.notice, version: 2, de: 'Ganz neue Worte.', en: 'All new words.' } } });
    const record = buildRecord(options({ seen }, after));
    expect(record.shown.notice).toEqual({ id: 'privacy-notice', version: 1, language: 'de', text: before.texts.notice.de, sha256: sha256Hex(before.texts.notice.de) });
    expect(parseSignedRecord(record).ok).toBe(true);
  });

  it('asks nothing about health when the shop does not', () => {
    const record = buildRecord(options({}, fixtureShop({ askHealth: false })));
    expect(record.health).toBeNull();
    expect(record.shown.health).toBeNull();
    expect(parseSignedRecord(record).ok).toBe(true);
  });

  it('keeps no contact value for a channel the customer has no detail for', () => {
    const record = buildRecord(options({ contact: { ...base.customer, mobile: '' }, choices: { letter: true, email: false, sms: false } }));
    expect(record.choices.sms).toEqual({ granted: false, contact: null });
    expect(record.choices.letter.granted).toBe(true);
  });

  it('refuses to build a record without a signature', () => {
    expect(() => buildRecord(options({ signature: null }))).toThrow('error.signature');
  });
});

describe('markSeen', () => {
  const shop = fixtureShop();

  it('keeps each text of a step as rendered, beside the texts of earlier steps', () => {
    const first = markSeen(undefined, shop, ['notice'], 'de')!;
    expect(first).toEqual({ notice: textRef(shop.texts.notice, 'de') });
    const second = markSeen(first, shop, ['letter', 'email', 'sms'], 'en')!;
    expect(second).toEqual({ ...first, letter: textRef(shop.texts.letter, 'en'), email: textRef(shop.texts.email, 'en'), sms: textRef(shop.texts.sms, 'en') });
  });

  it('changes nothing when the same words are rendered again', () => {
    const seen = markSeen(undefined, shop, ['notice'], 'de')!;
    expect(markSeen(seen, shop, ['notice'], 'de')).toBeNull();
  });

  it('follows a change of language or of the words while the text is on screen', () => {
    const seen = markSeen(undefined, shop, ['notice'], 'de')!;
    expect(markSeen(seen, shop, ['notice'], 'en')?.notice?.language).toBe('en');
    const changed = fixtureShop({ texts: { ...shop.texts, notice: { ...shop.texts.notice, version: 2, de: 'Neu.' } } });
    expect(markSeen(seen, changed, ['notice'], 'de')?.notice).toMatchObject({ version: 2, text: 'Neu.' });
  });
});
