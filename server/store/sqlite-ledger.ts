/**
 * The consent ledger on SQLite: customers, their consent events, counter events and settings
 * (tables from migration 2). Events are only ever appended; every state is derived from them with
 * shared/consent.ts, never stored. ledgerWriter runs inside the record upload's transaction, so a
 * record, its customer, its grants and its thank-you e-mail are stored together or not at all.
 * Since migration 3 the ledger also keeps the health-data consent (Art. 9) as topic 'health'; the
 * marketing views here (active, rates, the search's states) iterate CHANNELS and never include it.
 */
import type Database from 'better-sqlite3';
import { CHANNELS } from '../../shared/channels';
import { consentStates, foldConsent, type ConsentAction, type ConsentRoute, type ConsentStep, type ConsentTopic, type CounterEvent } from '../../shared/consent';
import { postalAddress, type SignedRecord, type TextRef } from '../../shared/record';
import { CUSTOMER_MATCH_KEY, customerMatcher, customerRow, isCustomerMatch } from '../ledger/customer-match';
import { searchFold, searchPatterns } from '../ledger/customer-search';
import { recordSummary, type Row } from './sqlite-rows';
import type { ActiveConsent, ConsentEventRow, CustomerRow, CustomerSummary, NewConsentEvent, OptInRate, Store } from './store';


/** Appends one event; one whose (source_id, channel, action) is stored already is skipped (idempotent). */
export const INSERT_EVENT = `INSERT INTO consent_events (customer_id, channel, action, route, at, recorded_at, record_id, notice_version,
    text_version, text_sha256, contact, device_id, staff_id, source_id, note)
  VALUES (@customerId, @channel, @action, @route, @at, @recordedAt, @recordId, @noticeVersion, @textVersion, @textSha256, @contact,
    @deviceId, @staffId, @sourceId, @note)
  ON CONFLICT (source_id, channel, action) DO NOTHING`;

/**
 * A time as the ledger keeps it: UTC with milliseconds, so that times sort as text (the fold and
 * ORDER BY at rely on it), whatever ISO 8601 form the tablet sent ("+01:00", no milliseconds).
 */
export function ledgerTime(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : new Date(ms).toISOString();
}

/** What the record transaction calls for each newly stored record (customer, grants, thank-you e-mail). */
export function ledgerWriter(db: Database.Database): { recordStored(o: { record: SignedRecord; deviceId: string; receivedAt: string }): void } {
  const matcher = customerMatcher(db);
  const linkRecord = db.prepare('INSERT INTO record_customers (record_id, customer_id, signed_at) VALUES (?, ?, ?)');
  const insertEvent = db.prepare(INSERT_EVENT);
  const queueMail = db.prepare(`INSERT OR IGNORE INTO mail_outbox (record_id, customer_id, recipient, language, status, created_at, next_attempt_at)
    VALUES (?, ?, ?, ?, 'queued', ?, ?)`);
  return {
    recordStored({ record, deviceId, receivedAt }) {
      const customer = matcher.resolve({ contact: record.customer, language: record.language, now: receivedAt, mode: 'replace', signedAt: record.signedAt });
      linkRecord.run(record.id, customer.id, ledgerTime(record.signedAt));
      // A grant of one topic, with the text shown for it; the same for a channel and for health.
      const grant = (channel: ConsentTopic, shown: TextRef, contact: string) =>
        insertEvent.run({
          customerId: customer.id,
          channel,
          action: 'granted',
          route: 'signature',
          at: ledgerTime(record.signedAt),
          recordedAt: receivedAt,
          recordId: record.id,
          noticeVersion: record.shown.notice.version,
          textVersion: shown.version,
          textSha256: shown.sha256,
          contact,
          deviceId,
          staffId: record.capture.staffId,
          sourceId: record.id,
          note: '',
        });
      // Only a switch turned on is an event: leaving one off is no withdrawal of an earlier consent.
      for (const channel of CHANNELS) {
        const choice = record.choices[channel];
        if (choice.granted) grant(channel, record.shown[channel], choice.contact ?? '');
      }
      // The health question (Art. 9) is a topic of its own; as with a channel, only a yes is an event.
      if (record.health?.granted === true && record.shown.health) grant('health', record.shown.health, '');
      const recipient = record.customer.email.trim();
      if (recipient !== '') queueMail.run(record.id, customer.id, recipient, record.language, receivedAt, receivedAt);
    },
  };
}

const eventRow = (r: Row): ConsentEventRow => ({
  id: r.id as number,
  customerId: r.customer_id as string,
  channel: r.channel as ConsentTopic,
  action: r.action as ConsentAction,
  route: r.route as ConsentRoute,
  at: r.at as string,
  recordedAt: r.recorded_at as string,
  recordId: (r.record_id as string | null) ?? null,
  noticeVersion: (r.notice_version as number | null) ?? null,
  textVersion: (r.text_version as number | null) ?? null,
  textSha256: (r.text_sha256 as string | null) ?? null,
  contact: r.contact as string,
  deviceId: (r.device_id as string | null) ?? null,
  staffId: (r.staff_id as string | null) ?? null,
  sourceId: (r.source_id as string | null) ?? null,
  note: r.note as string,
});

const byName = new Intl.Collator('de', { sensitivity: 'base', numeric: true });

export function ledgerStore(db: Database.Database): Pick<Store, 'customers' | 'consents' | 'counterEvents' | 'settings'> {
  const matcher = customerMatcher(db);
  // Unicode-aware case folding for the owner's search (SQLite's LIKE folds ASCII only).
  db.function('ledger_fold', { deterministic: true }, (s: unknown) => (typeof s === 'string' ? searchFold(s) : s));

  const q = {
    customer: db.prepare('SELECT * FROM customers WHERE id = ?'),
    // An erased customer is found only by what erasure kept (for a kept consent), never in the plain list.
    search: db.prepare(`SELECT c.*, (SELECT COUNT(*) FROM record_customers rc WHERE rc.customer_id = c.id) AS record_count
      FROM customers c
      WHERE (c.erased_at IS NULL OR @pattern <> '') AND (@pattern = '' OR ledger_fold(c.name) LIKE @pattern ESCAPE '\\' OR c.email LIKE @pattern ESCAPE '\\'
        OR c.mobile LIKE @mobilePattern ESCAPE '\\' OR (@mobile <> '' AND c.mobile = @mobile))
      ORDER BY c.updated_at DESC, c.rowid DESC LIMIT @limit`),
    steps: db.prepare('SELECT channel, action, at, recorded_at AS recordedAt, contact FROM consent_events WHERE customer_id = ? ORDER BY at, id'),
    records: db.prepare(`SELECT r.id, r.hash, r.device_id, d.name AS device_name, r.received_at, r.signed_at, r.order_id,
        json_extract(r.body, '$.capture.deviceId') AS capture_device_id
      FROM record_customers rc JOIN records r ON r.id = rc.record_id JOIN devices d ON d.id = r.device_id
      WHERE rc.customer_id = ? ORDER BY r.signed_at DESC, r.received_at DESC, r.rowid DESC`),
    history: db.prepare('SELECT * FROM consent_events WHERE customer_id = ? ORDER BY at, id'),
    insertEvent: db.prepare(INSERT_EVENT),
    // Erased customers too: erasure withdraws every consent except those the owner kept because the
    // shop still relies on them, and a kept consent belongs in the mailing export.
    channelEvents: db.prepare(`SELECT e.id, e.customer_id, e.channel, e.action, e.at, e.recorded_at AS recordedAt, e.contact FROM consent_events e
      WHERE e.channel = ? ORDER BY e.customer_id, e.at, e.id`),
    allCustomers: db.prepare('SELECT * FROM customers'),
    recordsPerMonth: db.prepare('SELECT substr(signed_at, 1, 7) AS month, COUNT(*) AS n FROM records GROUP BY month ORDER BY month'),
    grantsPerMonth: db.prepare(`SELECT substr(r.signed_at, 1, 7) AS month, e.channel, COUNT(DISTINCT e.record_id) AS n
      FROM consent_events e JOIN records r ON r.id = e.record_id
      WHERE e.route = 'signature' AND e.action = 'granted' GROUP BY month, e.channel`),
    sourceCustomer: db.prepare('SELECT customer_id FROM consent_events WHERE source_id = ? LIMIT 1').pluck(),
    getSetting: db.prepare('SELECT value FROM settings WHERE key = ?').pluck(),
    setSetting: db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
  };

  const append = db.transaction((events: NewConsentEvent[]): number => events.reduce((n, e) => n + q.insertEvent.run(e).changes, 0));

  const resolveCounter = db.transaction((customer: CounterEvent['customer'], now: string): CustomerRow =>
    matcher.resolve({ contact: customer, language: null, now, mode: 'fill' }),
  );

  const saveCounterEvents = db.transaction(({ deviceId, receivedAt, events }: { deviceId: string; receivedAt: string; events: CounterEvent[] }) =>
    events.map((event) => {
      const known = q.sourceCustomer.get(event.id) as string | undefined;
      if (known !== undefined) return { id: event.id, status: 'duplicate' as const, customerId: known };
      const customer = matcher.resolve({ contact: event.customer, language: null, now: receivedAt, mode: 'fill' });
      for (const channel of new Set(event.channels)) {
        q.insertEvent.run({
          customerId: customer.id,
          channel,
          action: event.action,
          route: 'counter',
          at: ledgerTime(event.at),
          recordedAt: receivedAt,
          recordId: null,
          noticeVersion: null,
          textVersion: null,
          textSha256: null,
          contact: counterContact(channel, event.customer, customer),
          deviceId,
          staffId: event.staffId,
          sourceId: event.id,
          note: event.note,
        });
      }
      return { id: event.id, status: 'stored' as const, customerId: customer.id };
    }),
  );

  return {
    customers: {
      async get({ id }) {
        const r = q.customer.get(id) as Row | undefined;
        return r ? customerRow(r) : null;
      },
      async search({ query, limit }) {
        return (q.search.all({ ...searchPatterns(query), limit }) as Row[]).map(
          (r): CustomerSummary => ({
            ...customerRow(r),
            states: consentStates(q.steps.all(r.id) as ConsentStep[]),
            recordCount: r.record_count as number,
          }),
        );
      },
      async records({ customerId }) {
        return (q.records.all(customerId) as Row[]).map(recordSummary);
      },
      async resolveCounterCustomer({ customer, now }) {
        return resolveCounter.immediate(customer, now);
      },
    },
    consents: {
      async history({ customerId }) {
        return (q.history.all(customerId) as Row[]).map(eventRow);
      },
      async append({ events }) {
        return append.immediate(events);
      },
      async active({ channel }) {
        // One pass over the channel's events, grouped by customer (the query orders them so).
        type Step = ConsentStep & { id: number; customer_id: string; contact: string };
        const found = new Map<string, { contact: string; since: string }>();
        let group: Step[] = [];
        const flush = () => {
          if (group.length === 0) return;
          const { state, since, grant } = foldConsent(channel, group);
          if (state === 'active' && since && grant) found.set(group[0]!.customer_id, { contact: grant.contact, since: since.at });
          group = [];
        };
        for (const step of q.channelEvents.iterate(channel) as IterableIterator<Step>) {
          if (group.length > 0 && group[0]!.customer_id !== step.customer_id) flush();
          group.push(step);
        }
        flush();
        if (found.size === 0) return [];
        const result: ActiveConsent[] = [];
        for (const r of q.allCustomers.iterate() as IterableIterator<Row>) {
          const hit = found.get(r.id as string);
          if (hit) result.push({ customer: customerRow(r), channel, contact: hit.contact, since: hit.since });
        }
        return result.sort((a, b) => byName.compare(a.customer.name, b.customer.name) || (a.customer.id < b.customer.id ? -1 : 1));
      },
      async rates() {
        const granted = new Map<string, number>();
        for (const r of q.grantsPerMonth.all() as Row[]) granted.set(`${r.month as string} ${r.channel as string}`, r.n as number);
        return (q.recordsPerMonth.all() as Row[]).flatMap((r) =>
          CHANNELS.map((channel): OptInRate => ({ month: r.month as string, channel, records: r.n as number, granted: granted.get(`${r.month as string} ${channel}`) ?? 0 })),
        );
      },
    },
    counterEvents: {
      async save(o) {
        return saveCounterEvents.immediate(o);
      },
    },
    settings: {
      async get({ key }) {
        return (q.getSetting.get(key) as string | undefined) ?? null;
      },
      async set({ key, value }) {
        if (key === CUSTOMER_MATCH_KEY && !isCustomerMatch(value)) throw new RangeError(invalidMatch(value));
        q.setSetting.run(key, value);
      },
      async customerMatch() {
        return matcher.customerMatch();
      },
      async setCustomerMatch({ match }) {
        if (!isCustomerMatch(match)) throw new RangeError(invalidMatch(match));
        q.setSetting.run(CUSTOMER_MATCH_KEY, match);
      },
    },
  };
}

const invalidMatch = (value: unknown) => `customer_match must be 'email', 'mobile' or 'email-or-mobile', not ${JSON.stringify(value)}`;

/** The value a counter event's channel applies to: what staff typed, else what the customer's row knows (none for health). */
function counterContact(channel: ConsentTopic, typed: CounterEvent['customer'], known: CustomerRow): string {
  if (channel === 'email') return typed.email.trim().toLowerCase() || known.email;
  if (channel === 'sms') return typed.mobile.trim() || known.mobile;
  if (channel === 'health') return '';
  const address = typed.name && typed.street && typed.postalCode ? typed : known;
  return address.name && address.street && address.postalCode ? postalAddress(address).trimEnd() : '';
}
