/**
 * The thank-you e-mail's outbox and the one-time link tokens on SQLite (migration 2). The outbox
 * rows are written by the record transaction (sqlite-ledger.ts); here the mailer takes them, and a
 * link click uses its token and appends its consent event in one transaction, so a replayed link
 * can never write a second event, and an opt-out finds the channel's state as it is at that moment.
 */
import type Database from 'better-sqlite3';
import type { Language } from '../../shared/channels';
import { consentState, type ConsentState, type ConsentStep } from '../../shared/consent';
import { INSERT_EVENT } from './sqlite-ledger';
import type { MailRow, MailStatus, NewConsentEvent, Store, TokenUse } from './store';

type Row = Record<string, unknown>;

export const mailRow = (r: Row): MailRow => ({
  id: r.id as number,
  recordId: r.record_id as string,
  customerId: r.customer_id as string,
  recipient: r.recipient as string,
  language: r.language as Language,
  status: r.status as MailStatus,
  attempts: r.attempts as number,
  createdAt: r.created_at as string,
  nextAttemptAt: (r.next_attempt_at as string | null) ?? null,
  lastError: (r.last_error as string | null) ?? null,
  sentAt: (r.sent_at as string | null) ?? null,
  messageId: (r.message_id as string | null) ?? null,
});

/** Long SMTP answers are cut, so that one bad server cannot fill the database. */
const MAX_ERROR_CHARS = 1000;

export function mailStore(db: Database.Database): Pick<Store, 'mail' | 'tokens'> {
  const q = {
    due: db.prepare(`SELECT * FROM mail_outbox WHERE status = 'queued' AND (next_attempt_at IS NULL OR next_attempt_at <= ?)
      ORDER BY created_at, id LIMIT ?`),
    markSent: db.prepare(`UPDATE mail_outbox SET status = 'sent', attempts = attempts + 1, sent_at = ?, message_id = ?, next_attempt_at = NULL
      WHERE id = ? AND status = 'queued'`),
    // No next attempt means the backoff is used up: 'failed' until the owner retries.
    markFailed: db.prepare(`UPDATE mail_outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?,
      status = CASE WHEN ? IS NULL THEN 'failed' ELSE 'queued' END WHERE id = ? AND status = 'queued'`),
    // The owner's retry starts the backoff afresh; the last error stays visible until the next attempt.
    retry: db.prepare(`UPDATE mail_outbox SET status = 'queued', attempts = 0, next_attempt_at = ? WHERE id = ? AND status = 'failed'`),
    listAll: db.prepare('SELECT * FROM mail_outbox ORDER BY id DESC LIMIT ?'),
    listByStatus: db.prepare('SELECT * FROM mail_outbox WHERE status = ? ORDER BY id DESC LIMIT ?'),
    counts: db.prepare('SELECT status, COUNT(*) AS n FROM mail_outbox GROUP BY status'),
    useToken: db.prepare('INSERT INTO used_tokens (token_id, purpose, used_at) VALUES (?, ?, ?) ON CONFLICT (token_id) DO NOTHING'),
    appendEvent: db.prepare(INSERT_EVENT),
    tokenUsed: db.prepare('SELECT 1 FROM used_tokens WHERE token_id = ?').pluck(),
    channelSteps: db.prepare('SELECT channel, action, at, recorded_at AS recordedAt, contact FROM consent_events WHERE customer_id = ? AND channel = ? ORDER BY at, id'),
  };

  type Use = { tokenId: string; purpose: string; now: string; events: NewConsentEvent[]; onlyWhile?: readonly ConsentState[] };
  const useAndAppend = db.transaction(({ tokenId, purpose, now, events, onlyWhile }: Use): TokenUse => {
    if (q.useToken.run(tokenId, purpose, now).changes !== 1) return 'replayed';
    const allowed = (e: NewConsentEvent) => !onlyWhile || onlyWhile.includes(consentState(e.channel, q.channelSteps.all(e.customerId, e.channel) as ConsentStep[]));
    if (!events.every(allowed)) return 'unchanged';
    for (const event of events) q.appendEvent.run(event);
    return 'appended';
  });

  return {
    mail: {
      async due({ now, limit }) {
        return (q.due.all(now, limit) as Row[]).map(mailRow);
      },
      async markSent({ id, now, messageId }) {
        q.markSent.run(now, messageId, id);
      },
      async markFailed({ id, error, nextAttemptAt }) {
        q.markFailed.run(error.slice(0, MAX_ERROR_CHARS), nextAttemptAt, nextAttemptAt, id);
      },
      async retry({ id, now }) {
        return q.retry.run(now, id).changes === 1;
      },
      async list({ status, limit }) {
        return ((status ? q.listByStatus.all(status, limit) : q.listAll.all(limit)) as Row[]).map(mailRow);
      },
      async counts() {
        const counts: Record<MailStatus, number> = { queued: 0, sent: 0, failed: 0 };
        for (const r of q.counts.all() as Array<{ status: MailStatus; n: number }>) counts[r.status] = r.n;
        return counts;
      },
    },
    tokens: {
      async use({ tokenId, purpose, now }) {
        return q.useToken.run(tokenId, purpose, now).changes === 1;
      },
      async used({ tokenId }) {
        return q.tokenUsed.get(tokenId) !== undefined;
      },
      async useAndAppend(o) {
        return useAndAppend.immediate(o);
      },
    },
  };
}
