/**
 * The SQLite schema as an ordered, append-only list of migrations. MIGRATIONS[n] brings a database
 * from user_version n to n + 1; sqlite-store.ts applies the missing ones in one transaction at
 * start. Never edit a migration that has shipped: append a new one.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: the first schema.
  `
  -- One row. The set-up secret is only kept (hashed) until the owner sets a password.
  CREATE TABLE owner (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    password_hash TEXT,
    setup_secret_hash TEXT,
    password_set_at TEXT
  );
  INSERT INTO owner (id) VALUES (1);

  CREATE TABLE owner_sessions (
    token_hash TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );

  CREATE TABLE enrolment_codes (
    code_hash TEXT PRIMARY KEY,
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    max_uses INTEGER NOT NULL CHECK (max_uses >= 1),
    used_count INTEGER NOT NULL DEFAULT 0 CHECK (used_count >= 0)
  );

  -- Devices are revoked, never deleted: records keep pointing at the device that sent them.
  CREATE TABLE devices (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    enrolled_at TEXT NOT NULL,
    last_seen_at TEXT,
    revoked_at TEXT
  );

  -- One row: the ShopConfig without its texts, which live in text_versions with their history.
  CREATE TABLE shop (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    body TEXT NOT NULL,
    created_at TEXT NOT NULL
  );

  -- Every published version of the privacy notice and the consent texts; records name the one shown.
  CREATE TABLE text_versions (
    kind TEXT NOT NULL CHECK (kind IN ('notice', 'letter', 'email', 'sms', 'health')),
    version INTEGER NOT NULL CHECK (version >= 1),
    text_id TEXT NOT NULL,
    de TEXT NOT NULL,
    en TEXT NOT NULL,
    published_at TEXT NOT NULL,
    PRIMARY KEY (kind, version)
  );

  CREATE TABLE records (
    id TEXT PRIMARY KEY,
    hash TEXT NOT NULL,
    device_id TEXT NOT NULL REFERENCES devices (id),
    received_at TEXT NOT NULL,
    signed_at TEXT NOT NULL,
    order_id TEXT NOT NULL,
    body TEXT NOT NULL
  );
  CREATE INDEX records_by_received_at ON records (received_at);
  CREATE INDEX records_by_order ON records (order_id);

  -- Another version of a stored record: kept aside for the owner, never stored over the first.
  CREATE TABLE record_conflicts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    record_id TEXT NOT NULL REFERENCES records (id),
    hash TEXT NOT NULL,
    device_id TEXT NOT NULL REFERENCES devices (id),
    received_at TEXT NOT NULL,
    body TEXT NOT NULL,
    UNIQUE (record_id, hash)
  );

  CREATE TABLE orders (
    id TEXT PRIMARY KEY,
    body TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'signed')),
    created_at TEXT NOT NULL,
    received_at TEXT NOT NULL,
    signed_record_id TEXT REFERENCES records (id)
  );
  CREATE INDEX orders_by_status ON orders (status, created_at);

  CREATE TABLE api_keys (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    key_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    revoked_at TEXT
  );
  `,
  // 2: the consent ledger, the thank-you e-mail's outbox, one-time links, and Art. 17 erasure.
  `
  -- A person, matched across records by e-mail and/or mobile (setting customer_match), or by name
  -- and postal address when neither is known. email is lower-case, mobile E.164, '' when unknown.
  -- The contact columns are the latest the customer gave; erasure blanks them and sets erased_at.
  CREATE TABLE customers (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL DEFAULT '',
    street TEXT NOT NULL DEFAULT '',
    postal_code TEXT NOT NULL DEFAULT '',
    city TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    mobile TEXT NOT NULL DEFAULT '',
    language TEXT NOT NULL DEFAULT 'de' CHECK (language IN ('de', 'en')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    erased_at TEXT
  );
  CREATE INDEX customers_by_email ON customers (email) WHERE email <> '';
  CREATE INDEX customers_by_mobile ON customers (mobile) WHERE mobile <> '';
  CREATE INDEX customers_by_name ON customers (name COLLATE NOCASE);

  -- Which customer signed which record (one customer per record).
  CREATE TABLE record_customers (
    record_id TEXT PRIMARY KEY REFERENCES records (id) ON DELETE CASCADE,
    customer_id TEXT NOT NULL REFERENCES customers (id)
  );
  CREATE INDEX record_customers_by_customer ON record_customers (customer_id);

  -- The ledger: append-only; the state of a channel is derived from it (shared/consent.ts).
  -- source_id makes an event idempotent: the counter event's UUID, the link token's id, the record id.
  CREATE TABLE consent_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id TEXT NOT NULL REFERENCES customers (id),
    channel TEXT NOT NULL CHECK (channel IN ('letter', 'email', 'sms')),
    action TEXT NOT NULL CHECK (action IN ('granted', 'confirmed', 'withdrawn', 'objected')),
    route TEXT NOT NULL CHECK (route IN ('signature', 'email-link', 'counter', 'owner')),
    at TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    record_id TEXT REFERENCES records (id) ON DELETE SET NULL,
    notice_version INTEGER,
    text_version INTEGER,
    text_sha256 TEXT,
    contact TEXT NOT NULL DEFAULT '',
    device_id TEXT REFERENCES devices (id),
    staff_id TEXT,
    source_id TEXT,
    note TEXT NOT NULL DEFAULT '',
    UNIQUE (source_id, channel, action)
  );
  CREATE INDEX consent_events_by_customer ON consent_events (customer_id, channel, at);
  CREATE INDEX consent_events_by_channel ON consent_events (channel, at);

  -- The thank-you e-mail, written in the same transaction as its record: never lost, sent (or
  -- written as .eml) by the mailer, retried with backoff on failure.
  CREATE TABLE mail_outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    record_id TEXT NOT NULL UNIQUE REFERENCES records (id) ON DELETE CASCADE,
    customer_id TEXT NOT NULL REFERENCES customers (id),
    recipient TEXT NOT NULL,
    language TEXT NOT NULL CHECK (language IN ('de', 'en')),
    status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'failed')) DEFAULT 'queued',
    attempts INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    next_attempt_at TEXT,
    last_error TEXT,
    sent_at TEXT,
    message_id TEXT
  );
  CREATE INDEX mail_outbox_due ON mail_outbox (status, next_attempt_at);

  -- One-time links (opt-out, e-mail confirmation): the token id once used, so a replay changes nothing.
  CREATE TABLE used_tokens (
    token_id TEXT PRIMARY KEY,
    purpose TEXT NOT NULL,
    used_at TEXT NOT NULL
  );

  -- Settings the owner changes on the server (e.g. customer_match), and server secrets (link_key).
  CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );

  -- Art. 17: what erasure had to keep, each item with its legal reason and the date it may go.
  -- keep_until NULL means "while the consent is relied on" (until it is withdrawn).
  CREATE TABLE retention_holds (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id TEXT NOT NULL REFERENCES customers (id),
    item_kind TEXT NOT NULL CHECK (item_kind IN ('order-confirmation', 'consent-proof')),
    item_id TEXT NOT NULL,
    reason TEXT NOT NULL,
    keep_until TEXT,
    created_at TEXT NOT NULL,
    UNIQUE (item_kind, item_id)
  );

  -- Each erasure, without personal data: when, and how much went and stayed.
  CREATE TABLE erasures (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id TEXT NOT NULL,
    erased_at TEXT NOT NULL,
    summary TEXT NOT NULL
  );
  `,
  // 3: the health-data consent (Art. 9) as a ledger topic of its own, beside the three channels.
  // SQLite cannot change a CHECK, so consent_events is rebuilt: the same columns, constraints and
  // indexes, the same ids, and the AUTOINCREMENT high-water mark (erasure deletes events, so the
  // highest id left may be lower). No table has a foreign key to consent_events, so dropping it
  // inside the runner's transaction (foreign keys on) leaves nothing dangling; its own keys are
  // checked as the rows are copied. Health is withdrawn, never objected to (Art. 21(2) is about
  // advertising), and never confirmed (no double opt-in).
  `
  CREATE TABLE consent_events_v3 (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id TEXT NOT NULL REFERENCES customers (id),
    channel TEXT NOT NULL CHECK (channel IN ('letter', 'email', 'sms', 'health')),
    action TEXT NOT NULL CHECK (action IN ('granted', 'confirmed', 'withdrawn', 'objected')),
    route TEXT NOT NULL CHECK (route IN ('signature', 'email-link', 'counter', 'owner')),
    at TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    record_id TEXT REFERENCES records (id) ON DELETE SET NULL,
    notice_version INTEGER,
    text_version INTEGER,
    text_sha256 TEXT,
    contact TEXT NOT NULL DEFAULT '',
    device_id TEXT REFERENCES devices (id),
    staff_id TEXT,
    source_id TEXT,
    note TEXT NOT NULL DEFAULT '',
    UNIQUE (source_id, channel, action),
    CHECK (channel <> 'health' OR action IN ('granted', 'withdrawn'))
  );
  INSERT INTO consent_events_v3 (id, customer_id, channel, action, route, at, recorded_at, record_id, notice_version, text_version,
      text_sha256, contact, device_id, staff_id, source_id, note)
    SELECT id, customer_id, channel, action, route, at, recorded_at, record_id, notice_version, text_version,
      text_sha256, contact, device_id, staff_id, source_id, note
    FROM consent_events ORDER BY id;
  DELETE FROM sqlite_sequence WHERE name = 'consent_events_v3';
  INSERT INTO sqlite_sequence (name, seq) SELECT 'consent_events_v3', seq FROM sqlite_sequence WHERE name = 'consent_events';
  DROP TABLE consent_events;
  ALTER TABLE consent_events_v3 RENAME TO consent_events;
  CREATE INDEX consent_events_by_customer ON consent_events (customer_id, channel, at);
  CREATE INDEX consent_events_by_channel ON consent_events (channel, at);
  `,
  // 4: the health grants signed before migration 3. Records carried the health answer before the
  // ledger knew the topic, so a yes signed then has no event: without one the owner could not
  // record its withdrawal, and Art. 15 would leave it out. Each such record gets the event its
  // upload writes now (sqlite-ledger.ts: route signature, the record's time as ledger_time gives
  // it, see registerMigrationFunctions, the text shown, no contact value), idempotent by (record id, health, granted).
  // An erased customer gets none: erasure withdrew what it did not keep, and health is never kept.
  `
  INSERT INTO consent_events (customer_id, channel, action, route, at, recorded_at, record_id, notice_version, text_version,
      text_sha256, contact, device_id, staff_id, source_id, note)
    SELECT rc.customer_id, 'health', 'granted', 'signature', ledger_time(json_extract(r.body, '$.signedAt')), r.received_at, r.id,
      json_extract(r.body, '$.shown.notice.version'), json_extract(r.body, '$.shown.health.version'),
      json_extract(r.body, '$.shown.health.sha256'), '', r.device_id, json_extract(r.body, '$.capture.staffId'), r.id, ''
    FROM records r
    JOIN record_customers rc ON rc.record_id = r.id
    JOIN customers c ON c.id = rc.customer_id AND c.erased_at IS NULL
    WHERE json_valid(r.body) AND json_extract(r.body, '$.health.granted') = 1 AND json_extract(r.body, '$.shown.health') IS NOT NULL
    ORDER BY r.received_at, r.id
  ON CONFLICT (source_id, channel, action) DO NOTHING;
  `,
  // 5: when each linked record was signed, beside the link and indexed with the customer. Matching
  // a customer asks for the latest signature of theirs (customer-match.ts): a join to records made
  // that cost grow with the customer's records, so a catch-up of many records for one customer grew
  // quadratically. Kept as ledger_time gives it (UTC with milliseconds, as uploads write it), so
  // that MAX compares times, not offsets as text.
  `
  ALTER TABLE record_customers ADD COLUMN signed_at TEXT;
  UPDATE record_customers SET signed_at = (SELECT ledger_time(r.signed_at) FROM records r WHERE r.id = record_customers.record_id);
  DROP INDEX record_customers_by_customer;
  CREATE INDEX record_customers_by_customer ON record_customers (customer_id, signed_at);
  `,
];
