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
];
