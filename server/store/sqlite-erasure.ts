/**
 * Art. 17 erasure on SQLite (tables of migration 2): what goes, and what stays with its reason and
 * end date. One transaction each, so an erasure is never half done. The rules (periods, reasons)
 * live in server/gdpr/retention.ts; this file only applies them to the tables.
 */
import type Database from 'better-sqlite3';
import { CHANNELS, type Channel } from '../../shared/channels';
import { CONSENT_TOPICS, consentState, isMarketingChannel, type ConsentStep, type ConsentTopic } from '../../shared/consent';
import {
  CONSENT_PROOF_REASON,
  consentProofItemId,
  ERASURE_NOTE,
  ORDER_CONFIRMATION_REASON,
  orderConfirmationKeepUntil,
  retentionEnded,
} from '../gdpr/retention';
import { mailRow } from './sqlite-mail';
import type { ErasureSummary, HeldCopy, RetentionHoldRow, Store } from './store';

type Row = Record<string, unknown>;

/** The customer-row columns a kept consent still needs (everything else is blanked). */
const CONTACT_COLUMNS: Record<Channel, readonly string[]> = {
  letter: ['name', 'street', 'postal_code', 'city'],
  email: ['email'],
  sms: ['mobile'],
};
const ALL_CONTACT_COLUMNS = ['name', 'street', 'postal_code', 'city', 'email', 'mobile'] as const;

const hold = (r: Row): RetentionHoldRow => ({
  id: r.id as number,
  customerId: r.customer_id as string,
  itemKind: r.item_kind as RetentionHoldRow['itemKind'],
  itemId: r.item_id as string,
  reason: r.reason as string,
  keepUntil: (r.keep_until as string | null) ?? null,
  createdAt: r.created_at as string,
});

const copy = (r: Row): HeldCopy => {
  let body: unknown = r.body;
  try {
    body = JSON.parse(r.body as string);
  } catch {
    // Handed over as the text it is.
  }
  return { id: String(r.id), about: r.about as string, receivedAt: r.received_at as string, body };
};

export function erasureStore(db: Database.Database): Pick<Store, 'erasure'> {
  const q = {
    customer: db.prepare('SELECT * FROM customers WHERE id = ?'),
    events: db.prepare('SELECT channel, action, at, recorded_at AS recordedAt, contact FROM consent_events WHERE customer_id = ? ORDER BY at, id'),
    records: db.prepare(`SELECT r.id, r.signed_at, r.order_id FROM records r JOIN record_customers rc ON rc.record_id = r.id
      WHERE rc.customer_id = ? ORDER BY r.signed_at, r.id`),
    withdraw: db.prepare(`INSERT INTO consent_events (customer_id, channel, action, route, at, recorded_at, contact, note)
      VALUES (?, ?, 'withdrawn', 'owner', ?, ?, '', ?)`),
    deleteConflicts: db.prepare('DELETE FROM record_conflicts WHERE record_id = ?'),
    unlinkOrders: db.prepare('UPDATE orders SET signed_record_id = NULL WHERE signed_record_id = ?'),
    // The pending order repeats the customer's details; the signed record holds the order itself.
    deleteOrder: db.prepare("DELETE FROM orders WHERE id = ? AND status = 'signed'"),
    deleteRecord: db.prepare('DELETE FROM records WHERE id = ?'),
    deleteMails: db.prepare('DELETE FROM mail_outbox WHERE customer_id = ?'),
    mails: db.prepare('SELECT * FROM mail_outbox WHERE customer_id = ? ORDER BY created_at, id'),
    upsertHold: db.prepare(`INSERT INTO retention_holds (customer_id, item_kind, item_id, reason, keep_until, created_at) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (item_kind, item_id) DO UPDATE SET reason = excluded.reason, keep_until = excluded.keep_until`),
    deleteHold: db.prepare('DELETE FROM retention_holds WHERE id = ?'),
    deleteProofHold: db.prepare("DELETE FROM retention_holds WHERE item_kind = 'consent-proof' AND item_id = ?"),
    holds: db.prepare("SELECT * FROM retention_holds WHERE customer_id = ? ORDER BY item_kind DESC, keep_until, item_id"),
    expiredHolds: db.prepare('SELECT * FROM retention_holds WHERE keep_until IS NOT NULL AND keep_until < ? ORDER BY id'),
    // "While the consent is relied on": these end when the kept consent is withdrawn or objected to.
    openProofHolds: db.prepare("SELECT * FROM retention_holds WHERE item_kind = 'consent-proof' AND keep_until IS NULL ORDER BY id"),
    channelEvents: db.prepare('SELECT channel, action, at, recorded_at AS recordedAt, contact FROM consent_events WHERE customer_id = ? AND channel = ? ORDER BY at, id'),
    deleteChannelEvents: db.prepare("DELETE FROM consent_events WHERE customer_id = ? AND channel = ? AND NOT (route = 'owner' AND note = ? AND contact = '')"),
    erasureMarkers: db.prepare("SELECT COUNT(*) FROM consent_events WHERE customer_id = ? AND channel = ? AND route = 'owner' AND note = ? AND contact = ''").pluck(),
    logErasure: db.prepare('INSERT INTO erasures (customer_id, erased_at, summary) VALUES (?, ?, ?)'),
    conflicts: db.prepare(`SELECT c.id, c.record_id AS about, c.received_at, c.body FROM record_conflicts c
      JOIN record_customers rc ON rc.record_id = c.record_id WHERE rc.customer_id = ? ORDER BY c.received_at, c.id`),
    orders: db.prepare(`SELECT o.id, o.status AS about, o.received_at, o.body FROM orders o
      WHERE o.id IN (SELECT r.order_id FROM records r JOIN record_customers rc ON rc.record_id = r.id WHERE rc.customer_id = @id)
        OR o.signed_record_id IN (SELECT record_id FROM record_customers WHERE customer_id = @id)
        OR (o.status = 'open' AND ((@email <> '' AND lower(json_extract(o.body, '$.customer.email')) = @email)
          OR (@mobile <> '' AND json_extract(o.body, '$.customer.mobile') = @mobile)))
      ORDER BY o.received_at, o.id`),
  };

  /** Deletes a record and what hangs on it; the ledger's events keep their row (record_id set NULL). */
  const deleteRecord = (id: string): { conflicts: number; orders: number } => {
    const conflicts = q.deleteConflicts.run(id).changes;
    const order = db.prepare('SELECT order_id FROM records WHERE id = ?').get(id) as Row | undefined;
    q.unlinkOrders.run(id);
    const orders = order ? q.deleteOrder.run(order.order_id).changes : 0;
    q.deleteRecord.run(id);
    return { conflicts, orders };
  };

  const erase = db.transaction(({ customerId, now, keepConsents }: { customerId: string; now: string; keepConsents: Channel[] }): ErasureSummary | null => {
    const customer = q.customer.get(customerId) as Row | undefined;
    if (!customer) return null;
    const history = q.events.all(customerId) as ConsentStep[];
    const states = Object.fromEntries(CONSENT_TOPICS.map((c) => [c, consentState(c, history)])) as Record<ConsentTopic, ReturnType<typeof consentState>>;
    // Only a consent the shop may use now can be kept: a pending e-mail is not (yet) a consent.
    // Only a marketing channel can be kept: the health consent (Art. 9) always goes with the customer.
    const kept: ConsentTopic[] = CHANNELS.filter((c) => keepConsents.includes(c) && states[c] === 'active');
    const removed: Record<string, number> = { consentEvents: 0, records: 0, recordConflicts: 0, orders: 0, mails: 0, contactFields: 0 };

    // The ledger of the channels not kept goes; what remains of them is erasure's own withdrawal,
    // without any contact value, so that the page still shows "withdrawn (Art. 17)" (also after a
    // second erasure, which finds nothing more to withdraw).
    const others = CONSENT_TOPICS.filter((c) => !kept.includes(c));
    if (others.length > 0) {
      removed.consentEvents = db
        .prepare(`DELETE FROM consent_events WHERE customer_id = ? AND channel IN (${others.map(() => '?').join(',')})
          AND NOT (route = 'owner' AND note = ? AND contact = '')`)
        .run(customerId, ...others, ERASURE_NOTE).changes;
    }
    const withdrawn = others.filter((c) => states[c] === 'active' || states[c] === 'pending');
    for (const channel of withdrawn) q.withdraw.run(customerId, channel, now, now, ERASURE_NOTE);
    removed.consentsWithdrawn = withdrawn.length;

    for (const channel of kept.filter(isMarketingChannel)) q.upsertHold.run(customerId, 'consent-proof', consentProofItemId(customerId, channel), CONSENT_PROOF_REASON, null, now);
    // A proof an earlier erasure kept goes with its events when the owner no longer keeps it.
    for (const channel of others.filter(isMarketingChannel)) q.deleteProofHold.run(consentProofItemId(customerId, channel));

    // Before the records: deleting a record would take its mail along uncounted.
    removed.mails = q.deleteMails.run(customerId).changes;

    // Signed records are commercial letters: kept with a hold until their period ends, unless it has.
    for (const record of q.records.all(customerId) as Row[]) {
      const id = record.id as string;
      const keepUntil = orderConfirmationKeepUntil(record.signed_at as string);
      if (retentionEnded(keepUntil, now)) {
        const gone = deleteRecord(id);
        removed.records! += 1;
        removed.recordConflicts! += gone.conflicts;
        removed.orders! += gone.orders;
        continue;
      }
      // A version set aside as a conflict is not the letter the shop relies on; the stored one is.
      removed.recordConflicts! += q.deleteConflicts.run(id).changes;
      q.unlinkOrders.run(id);
      removed.orders! += q.deleteOrder.run(record.order_id).changes;
      q.upsertHold.run(customerId, 'order-confirmation', id, ORDER_CONFIRMATION_REASON, keepUntil, now);
    }

    const keepColumns = new Set(kept.filter(isMarketingChannel).flatMap((c) => CONTACT_COLUMNS[c]));
    const blank = ALL_CONTACT_COLUMNS.filter((column) => !keepColumns.has(column));
    removed.contactFields = blank.filter((column) => customer[column] !== '').length;
    db.prepare(`UPDATE customers SET ${blank.map((column) => `${column} = ''`).concat('erased_at = COALESCE(erased_at, ?)', 'updated_at = ?').join(', ')} WHERE id = ?`).run(now, now, customerId);

    const holds = (q.holds.all(customerId) as Row[]).map(hold);
    const summary = {
      removed,
      kept: { orderConfirmations: holds.filter((h) => h.itemKind === 'order-confirmation').length, consentProofs: holds.filter((h) => h.itemKind === 'consent-proof').length },
    };
    q.logErasure.run(customerId, now, JSON.stringify(summary));
    return { customerId, erasedAt: now, removed, kept: holds };
  });

  /**
   * The proof of a kept consent goes once it is no longer relied on: the channel's events (all but
   * erasure's own withdrawal, added if missing), and the contact columns no other kept consent needs.
   */
  const releaseConsentProof = (h: RetentionHoldRow, now: string) => {
    const channel = h.itemId.slice(h.customerId.length + 1) as Channel;
    q.deleteChannelEvents.run(h.customerId, channel, ERASURE_NOTE);
    if ((q.erasureMarkers.get(h.customerId, channel, ERASURE_NOTE) as number) === 0) q.withdraw.run(h.customerId, channel, now, now, ERASURE_NOTE);
    q.deleteHold.run(h.id);
    const stillKept = (q.holds.all(h.customerId) as Row[]).map(hold).filter((o) => o.itemKind === 'consent-proof');
    const needed = new Set(stillKept.flatMap((o) => CONTACT_COLUMNS[o.itemId.slice(o.customerId.length + 1) as Channel] ?? []));
    const blank = CONTACT_COLUMNS[channel].filter((column) => !needed.has(column));
    if (blank.length > 0) db.prepare(`UPDATE customers SET ${blank.map((column) => `${column} = ''`).join(', ')}, updated_at = ? WHERE id = ?`).run(now, h.customerId);
  };

  const purgeExpired = db.transaction(({ now }: { now: string }): number => {
    const expired = (q.expiredHolds.all(now.slice(0, 10)) as Row[]).map(hold);
    for (const h of expired) {
      if (h.itemKind === 'order-confirmation') {
        deleteRecord(h.itemId);
        q.deleteHold.run(h.id);
      } else releaseConsentProof(h, now);
    }
    const ended = (q.openProofHolds.all() as Row[]).map(hold).filter((h) => {
      const channel = h.itemId.slice(h.customerId.length + 1) as Channel;
      const steps = q.channelEvents.all(h.customerId, channel) as ConsentStep[];
      return consentState(channel, steps) !== 'active';
    });
    for (const h of ended) releaseConsentProof(h, now);
    return expired.length + ended.length;
  });

  return {
    erasure: {
      async erase(o) {
        return erase.immediate(o);
      },
      async holds({ customerId }) {
        return (q.holds.all(customerId) as Row[]).map(hold);
      },
      async mails({ customerId }) {
        return (q.mails.all(customerId) as Row[]).map(mailRow);
      },
      async copies({ customerId }) {
        const customer = q.customer.get(customerId) as Row | undefined;
        if (!customer) return { conflicts: [], orders: [] };
        return {
          conflicts: (q.conflicts.all(customerId) as Row[]).map(copy),
          orders: (q.orders.all({ id: customerId, email: customer.email, mobile: customer.mobile }) as Row[]).map(copy),
        };
      },
      async purgeExpired(o) {
        return purgeExpired.immediate(o);
      },
    },
  };
}
