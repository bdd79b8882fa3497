/**
 * The outbox and token sections of the SQLite store: which rows are due, how an attempt is
 * recorded, that only a failed mail can be retried, and that a token is used together with its
 * consent event or not at all.
 */
import { describe, expect, it } from 'vitest';
import { makeMailBench, recordGranting } from '../mail/test-mail';
import { databaseDigest } from '../test-app';
import type { NewConsentEvent } from './store';

const MINUTE = 60_000;

describe('store.mail', () => {
  it('gives the due rows oldest first, records sent and failed attempts, and retries only failed ones', async () => {
    const t = await makeMailBench();
    const [a, b, c] = [recordGranting(['email']), recordGranting([]), recordGranting(['sms'])];
    await t.upload(a);
    t.advance(MINUTE);
    await t.upload(b, c);
    const now = () => t.clock.now.toISOString();

    const due = await t.store.mail.due({ now: now(), limit: 10 });
    expect(due.map((r) => r.recordId)).toEqual([a.id, b.id, c.id]);
    expect(due[0]).toMatchObject({ recipient: a.customer.email, language: 'de', status: 'queued', attempts: 0, lastError: null, sentAt: null, messageId: null });
    expect((await t.store.mail.due({ now: now(), limit: 2 })).length).toBe(2);

    await t.store.mail.markSent({ id: due[0]!.id, now: now(), messageId: '<m1@x>' });
    await t.store.mail.markFailed({ id: due[1]!.id, now: now(), error: '421 try later', nextAttemptAt: new Date(t.clock.now.getTime() + 5 * MINUTE).toISOString() });
    await t.store.mail.markFailed({ id: due[2]!.id, now: now(), error: 'x'.repeat(5000), nextAttemptAt: null });

    expect((await t.store.mail.due({ now: now(), limit: 10 })).map((r) => r.recordId)).toEqual([]);
    t.advance(5 * MINUTE);
    expect((await t.store.mail.due({ now: now(), limit: 10 })).map((r) => r.recordId)).toEqual([b.id]);
    expect(await t.store.mail.counts()).toEqual({ queued: 1, sent: 1, failed: 1 });

    const [failed] = await t.store.mail.list({ status: 'failed', limit: 10 });
    expect(failed).toMatchObject({ recordId: c.id, attempts: 1, nextAttemptAt: null });
    expect(failed!.lastError!.length).toBe(1000);
    expect((await t.store.mail.list({ limit: 10 })).map((r) => r.recordId)).toEqual([c.id, b.id, a.id]);

    // A sent mail stays sent: a late failure report and a retry leave it alone.
    await t.store.mail.markFailed({ id: due[0]!.id, now: now(), error: 'late', nextAttemptAt: null });
    expect(await t.store.mail.retry({ id: due[0]!.id, now: now() })).toBe(false);
    expect(await t.store.mail.retry({ id: due[1]!.id, now: now() })).toBe(false);
    expect(await t.store.mail.retry({ id: 9999, now: now() })).toBe(false);
    expect(await t.store.mail.retry({ id: failed!.id, now: now() })).toBe(true);
    expect((await t.store.mail.list({ limit: 10 }))[0]).toMatchObject({ status: 'queued', attempts: 0, nextAttemptAt: now() });
    expect(await t.store.mail.counts()).toEqual({ queued: 2, sent: 1, failed: 0 });
    expect((await t.store.mail.list({ status: 'sent', limit: 10 }))[0]).toMatchObject({ recordId: a.id, messageId: '<m1@x>', lastError: null });
  });
});

describe('store.tokens', () => {
  it('uses a token once; its event is written with it, or neither is', async () => {
    const t = await makeMailBench();
    const record = recordGranting(['sms']);
    await t.upload(record);
    const [mail] = await t.store.mail.list({ limit: 1 });
    const at = t.clock.now.toISOString();
    const event = (customerId: string, sourceId: string): NewConsentEvent => ({
      customerId, channel: 'sms', action: 'withdrawn', route: 'email-link', at, recordedAt: at, recordId: record.id, noticeVersion: null,
      textVersion: null, textSha256: null, contact: record.customer.mobile, deviceId: null, staffId: null, sourceId, note: '',
    });

    // An event that cannot be stored (no such customer) takes the token's use with it.
    const digest = databaseDigest(t.file);
    await expect(t.store.tokens.useAndAppend({ tokenId: 'jti-1', purpose: 'optout', now: at, events: [event('no-such-customer', 'jti-1')] })).rejects.toThrow();
    expect(databaseDigest(t.file)).toBe(digest);

    expect(await t.store.tokens.useAndAppend({ tokenId: 'jti-1', purpose: 'optout', now: at, events: [event(mail!.customerId, 'jti-1')] })).toBe('appended');
    const after = databaseDigest(t.file);
    expect(await t.store.tokens.useAndAppend({ tokenId: 'jti-1', purpose: 'optout', now: at, events: [event(mail!.customerId, 'jti-1')] })).toBe('replayed');
    expect(databaseDigest(t.file)).toBe(after);
    expect(t.rows("SELECT channel, action, source_id FROM consent_events WHERE route = 'email-link'")).toEqual([{ channel: 'sms', action: 'withdrawn', source_id: 'jti-1' }]);

    expect(await t.store.tokens.use({ tokenId: 'jti-2', purpose: 'confirm', now: at })).toBe(true);
    expect(await t.store.tokens.use({ tokenId: 'jti-2', purpose: 'confirm', now: at })).toBe(false);
    expect(t.rows('SELECT token_id, purpose FROM used_tokens ORDER BY token_id')).toEqual([
      { token_id: 'jti-1', purpose: 'optout' },
      { token_id: 'jti-2', purpose: 'confirm' },
    ]);
  });

  it('with onlyWhile, uses the token but appends nothing when the channel is in another state', async () => {
    const t = await makeMailBench();
    const record = recordGranting(['sms']);
    await t.upload(record);
    const [mail] = await t.store.mail.list({ limit: 1 });
    t.clock.now = new Date(Date.parse(record.signedAt) + 60_000);
    const at = t.clock.now.toISOString();
    const withdraw = (sourceId: string): NewConsentEvent => ({
      customerId: mail!.customerId, channel: 'sms', action: 'withdrawn', route: 'email-link', at, recordedAt: at, recordId: record.id, noticeVersion: null,
      textVersion: null, textSha256: null, contact: '', deviceId: null, staffId: null, sourceId, note: '',
    });
    const onlyWhile = ['active', 'pending'] as const;
    expect(await t.store.tokens.useAndAppend({ tokenId: 'jti-a', purpose: 'optout', now: at, events: [withdraw('jti-a')], onlyWhile })).toBe('appended');
    expect(await t.store.tokens.useAndAppend({ tokenId: 'jti-b', purpose: 'optout', now: at, events: [withdraw('jti-b')], onlyWhile })).toBe('unchanged');
    expect(t.rows("SELECT source_id FROM consent_events WHERE route = 'email-link'")).toEqual([{ source_id: 'jti-a' }]);
    expect(t.rows('SELECT token_id FROM used_tokens ORDER BY token_id')).toEqual([{ token_id: 'jti-a' }, { token_id: 'jti-b' }]);
  });
});
