import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';

/**
 * The reference platform's database: one SQLite file in WAL mode. Every write of one request runs
 * in one transaction, so a request either changes nothing or everything it meant to. Events are
 * stored as their canonical JSON text, byte for byte what the device signed.
 */

const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
  CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL) STRICT;
  CREATE TABLE halls (
    hall_code TEXT PRIMARY KEY,
    division_code TEXT NOT NULL,
    organ TEXT NOT NULL
  ) STRICT;
  CREATE TABLE enrolment_codes (
    code TEXT PRIMARY KEY,
    hall_code TEXT NOT NULL REFERENCES halls(hall_code),
    expires_at TEXT,
    used_at TEXT,
    device_id TEXT
  ) STRICT;
  CREATE TABLE devices (
    device_id TEXT PRIMARY KEY,
    hall_code TEXT NOT NULL REFERENCES halls(hall_code),
    division_code TEXT NOT NULL,
    slot INTEGER NOT NULL,
    window TEXT NOT NULL,
    key_alg TEXT NOT NULL,
    public_key TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    app_version TEXT NOT NULL,
    enrolment_code TEXT NOT NULL UNIQUE,
    enrolled_at TEXT NOT NULL,
    revoked_at TEXT,
    head_seq INTEGER NOT NULL,
    head_hash TEXT NOT NULL,
    UNIQUE (division_code, slot)
  ) STRICT;
  CREATE TABLE events (
    ledger INTEGER PRIMARY KEY,
    device_id TEXT NOT NULL REFERENCES devices(device_id),
    seq INTEGER NOT NULL,
    event_id TEXT NOT NULL UNIQUE,
    record_id TEXT,
    type TEXT NOT NULL,
    hash TEXT NOT NULL,
    body TEXT NOT NULL,
    receipt_no TEXT NOT NULL UNIQUE,
    platform_time TEXT NOT NULL,
    ts_sig TEXT NOT NULL,
    batch_id TEXT NOT NULL,
    UNIQUE (device_id, seq)
  ) STRICT;
  CREATE INDEX events_record ON events(record_id);
  CREATE TABLE rejections (
    id INTEGER PRIMARY KEY,
    device_id TEXT NOT NULL,
    batch_id TEXT NOT NULL,
    event_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    code TEXT NOT NULL,
    detail TEXT,
    hash TEXT NOT NULL,
    at TEXT NOT NULL
  ) STRICT;
  CREATE TABLE batches (
    batch_id TEXT PRIMARY KEY,
    device_id TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    response TEXT NOT NULL,
    at TEXT NOT NULL
  ) STRICT;
  CREATE TABLE records (
    record_id TEXT PRIMARY KEY,
    hall_code TEXT NOT NULL,
    device_id TEXT NOT NULL,
    commitment_code TEXT NOT NULL,
    id_number TEXT NOT NULL,
    entity_name TEXT NOT NULL
  ) STRICT;
  CREATE INDEX records_code ON records(commitment_code);
  CREATE INDEX records_id_number ON records(id_number);
  CREATE INDEX records_name ON records(entity_name);
  CREATE TABLE central_changes (
    ledger INTEGER PRIMARY KEY,
    change_id TEXT NOT NULL UNIQUE,
    hall_code TEXT NOT NULL,
    record_id TEXT NOT NULL,
    body TEXT NOT NULL
  ) STRICT;
  CREATE INDEX central_changes_hall ON central_changes(hall_code, ledger);
  CREATE TABLE credit_register (
    id_type TEXT NOT NULL,
    identifier TEXT NOT NULL,
    name TEXT NOT NULL,
    -- What other sources (courts, regulators) hold: seeded, never changed by this platform.
    status TEXT NOT NULL CHECK (status IN ('none', 'repaired', 'unrepaired')),
    -- What this platform's own findings and repairs make of the entity's records.
    derived TEXT CHECK (derived IN ('none', 'repaired', 'unrepaired')),
    PRIMARY KEY (id_type, identifier)
  ) STRICT;
  `,
  `
  -- Events refused for their content (schema, conflict) whose signature and chain link were
  -- sound: the platform holds the link so that the device's later events still follow it, keeps
  -- the event as evidence, and answers a resend with the same refusal.
  CREATE TABLE refused_links (
    device_id TEXT NOT NULL REFERENCES devices(device_id),
    seq INTEGER NOT NULL,
    event_id TEXT NOT NULL UNIQUE,
    record_id TEXT,
    hash TEXT NOT NULL,
    body TEXT NOT NULL,
    code TEXT NOT NULL,
    detail TEXT,
    batch_id TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (device_id, seq)
  ) STRICT;
  CREATE INDEX refused_links_record ON refused_links(record_id);
  `,
  `
  -- The refusal log is trimmed per device to its latest entries (push.ts).
  CREATE INDEX rejections_device ON rejections(device_id, id);
  `,
  `
  -- Seqs of a device's chain a supervisor declared lost (the device signed, this platform
  -- approved; shared/platform/loss.ts): never received, shown as such in the reconciliation.
  -- link_hash is what the device's next event links to, so its later events go through.
  CREATE TABLE declared_losses (
    device_id TEXT NOT NULL REFERENCES devices(device_id),
    seq INTEGER NOT NULL,
    event_id TEXT NOT NULL,
    reason TEXT NOT NULL,
    link_hash TEXT NOT NULL,
    declaration_id TEXT NOT NULL,
    supervisor_id TEXT NOT NULL,
    declared_at TEXT NOT NULL,
    approved_at TEXT NOT NULL,
    PRIMARY KEY (device_id, seq)
  ) STRICT;
  `,
  // The business register's names of credit codes (the credit check's registered name).
  `
  CREATE TABLE business_register (
    identifier TEXT PRIMARY KEY,
    name TEXT NOT NULL
  ) STRICT;
  `,
  `
  -- The letters' document timestamps (RFC 3161 tokens of the platform's TSA, tsa.ts): one per
  -- record and digest, so that a device asking again gets the same token.
  CREATE TABLE letter_timestamps (
    record_id TEXT NOT NULL,
    digest TEXT NOT NULL,
    device_id TEXT NOT NULL REFERENCES devices(device_id),
    serial INTEGER NOT NULL UNIQUE,
    token TEXT NOT NULL,
    time TEXT NOT NULL,
    PRIMARY KEY (record_id, digest)
  ) STRICT;
  `,
  `
  -- The files behind a record (shared/platform/evidence.ts): the signed letter, the signature
  -- image, the photo; one per record and kind.
  CREATE TABLE evidence (
    record_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    device_id TEXT NOT NULL REFERENCES devices(device_id),
    mime_type TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    data BLOB NOT NULL,
    received_at TEXT NOT NULL,
    PRIMARY KEY (record_id, kind)
  ) STRICT;
  `,
  `
  -- Device key rotations (shared/platform/key-rotation.ts), oldest first by id: the old key signed
  -- the device's events up to after_seq, the new key (devices.public_key, or a later rotation's
  -- old key) the ones after it. request_hash and response answer a resend of the latest one.
  CREATE TABLE key_rotations (
    id INTEGER PRIMARY KEY,
    device_id TEXT NOT NULL REFERENCES devices(device_id),
    rotation_id TEXT NOT NULL UNIQUE,
    after_seq INTEGER NOT NULL,
    old_alg TEXT NOT NULL,
    old_key TEXT NOT NULL,
    new_alg TEXT NOT NULL,
    new_key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    response TEXT NOT NULL,
    at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX key_rotations_device ON key_rotations(device_id, id);
  `,
];

export type Db = Database.Database;

export function openDatabase(path: string): Db {
  const db = new Database(path);
  cacheStatements(db);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const version = Number(db.pragma('user_version', { simple: true }));
  db.transaction(() => {
    MIGRATIONS.slice(version).forEach((sql) => db.exec(sql));
    db.pragma(`user_version = ${MIGRATIONS.length}`);
  })();
  return db;
}

/**
 * Each SQL text is compiled once per connection: a push of 500 events runs the same dozen
 * statements thousands of times, and compiling them anew each time cost as much as running them.
 * A cached statement is only ever run (get/all/run/iterate); none of the platform's code switches
 * one into pluck, raw or expand mode, which would carry over to its next user.
 */
function cacheStatements(db: Db): void {
  const prepare = db.prepare.bind(db);
  const cache = new Map<string, ReturnType<typeof prepare>>();
  db.prepare = ((sql: string) => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = prepare(sql);
      cache.set(sql, statement);
    }
    return statement;
  }) as Db['prepare'];
}

/** The next number of the platform's one ledger (receipts and central changes share it). */
export function nextLedger(db: Db): number {
  const row = db
    .prepare<[], { value: number }>(
      `INSERT INTO counters (name, value) VALUES ('ledger', 1) ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value`,
    )
    .get();
  if (!row) throw new Error('ledger counter not written');
  return row.value;
}

/** `count` consecutive ledger numbers in one step (a push batch's accepted events): the first. */
export function nextLedgers(db: Db, count: number): number {
  const row = db
    .prepare<[number, number], { value: number }>(
      `INSERT INTO counters (name, value) VALUES ('ledger', ?) ON CONFLICT (name) DO UPDATE SET value = value + ? RETURNING value`,
    )
    .get(count, count);
  if (!row) throw new Error('ledger counter not written');
  return row.value - count + 1;
}

export function counter(db: Db, name: string): number {
  return (
    db.prepare<[string], { value: number }>('SELECT value FROM counters WHERE name = ?').get(name)
      ?.value ?? 0
  );
}

export function bumpCounter(db: Db, name: string): void {
  db.prepare(
    `INSERT INTO counters (name, value) VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET value = value + 1`,
  ).run(name);
}

export function getMeta(db: Db, key: string): string | undefined {
  return db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?').get(key)
    ?.value;
}

export function setMeta(db: Db, key: string, value: string): void {
  db.prepare(
    'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(key, value);
}

/** A digest of every row of every table: equal before and after means nothing was changed. */
export function databaseDigest(db: Db): string {
  const hash = createHash('sha256');
  const tables = db
    .prepare<[], { name: string }>(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
    )
    .all();
  for (const { name } of tables) {
    hash.update(`#${name}\n`);
    for (const row of db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).iterate()) {
      hash.update(`${JSON.stringify(row)}\n`);
    }
  }
  return hash.digest('hex');
}
