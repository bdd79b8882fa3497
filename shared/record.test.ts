import { describe, expect, it } from 'vitest';
import { canonicalJson, sha256Hex } from './canonical';
import { TINY_PNG, fixtureRecord, fixtureShop } from './record.fixture';
import { parseSignedRecord, parseWith, recordHash, sealRecord, storedRecordJson, ContactSchema, OrderSchema, type SignedRecord, type TextRef } from './record';

function reseal(record: SignedRecord, change: (r: SignedRecord) => void): SignedRecord {
  const copy = structuredClone(record);
  change(copy);
  const { hash: _hash, ...unsigned } = copy;
  return sealRecord(unsigned);
}

describe('signed record schema', () => {
  it('accepts a complete record', () => {
    const result = parseSignedRecord(fixtureRecord());
    expect(result.ok).toBe(true);
  });

  it('accepts the record after a JSON round trip with the same hash', () => {
    const record = fixtureRecord();
    const result = parseSignedRecord(JSON.parse(JSON.stringify(record)));
    expect(result.ok && result.value.hash).toBe(record.hash);
  });

  it('stores a validated record as its hash and the canonical form that hash is over', () => {
    const record = fixtureRecord();
    const result = parseSignedRecord(JSON.parse(JSON.stringify(record)));
    if (!result.ok) throw new Error('fixture invalid');
    const stored = storedRecordJson(result.value);
    expect(JSON.parse(stored)).toEqual(record);
    const { hash, ...unsigned } = JSON.parse(stored) as SignedRecord;
    expect(stored).toBe(`{"hash":"${hash}",${canonicalJson(unsigned).slice(1)}`);
    expect(sha256Hex(canonicalJson(unsigned))).toBe(record.hash);
    expect(storedRecordJson(structuredClone(record))).toBe(stored);
  });

  it('refuses a record whose contents no longer match its hash', () => {
    const record = structuredClone(fixtureRecord());
    record.choices.sms.granted = true;
    const result = parseSignedRecord(record);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues.map((i) => i.message)).toContain('error.hash');
  });

  it('refuses unknown fields, so nothing unhashed can ride along', () => {
    const result = parseSignedRecord({ ...fixtureRecord(), extra: 1 });
    expect(result.ok).toBe(false);
  });

  it.each([
    ['missing id', (r: Record<string, unknown>) => delete r.id],
    ['a wrong schema version', (r: Record<string, unknown>) => (r.schemaVersion = 99)],
    ['a string where a number belongs', (r: SignedRecord) => ((r.order as { totalCents: unknown }).totalCents = '628')],
    ['a total that is not the sum of the items', (r: SignedRecord) => (r.order.totalCents += 1)],
    ['a deposit above the total', (r: SignedRecord) => (r.order.depositCents = r.order.totalCents + 1)],
    ['no items', (r: SignedRecord) => ((r.order.items = []), (r.order.totalCents = 0), (r.order.depositCents = 0))],
    ['an invalid e-mail address', (r: SignedRecord) => ((r.customer.email = 'not-an-address'), (r.choices.email.contact = 'not-an-address'))],
    ['a mobile number not in E.164', (r: SignedRecord) => ((r.customer.mobile = '0171 1234567'), (r.choices.sms.contact = '0171 1234567'))],
    ['a granted channel without a contact value', (r: SignedRecord) => ((r.choices.sms = { granted: true, contact: null }))],
    ['a granted e-mail for another address', (r: SignedRecord) => (r.choices.email.contact = 'someone.else@example.com')],
    ['no strokes', (r: SignedRecord) => (r.signature.strokes = [])],
    ['a signature image that is not a PNG', (r: SignedRecord) => (r.signature.png = TINY_PNG.replace('image/png', 'image/gif'))],
    ['a health answer without the health text shown', (r: SignedRecord) => (r.shown.health = null)],
    ['a notice hash that is not SHA-256 hex', (r: SignedRecord) => (r.shown.notice.sha256 = 'abc')],
    ['a notice without its words', (r: SignedRecord) => delete (r.shown.notice as Partial<TextRef>).text],
    ['an empty customer name', (r: SignedRecord) => (r.customer.name = '   ')],
  ])('refuses %s', (_name, change) => {
    const bad = reseal(fixtureRecord(), change as (r: SignedRecord) => void);
    expect(parseSignedRecord(bad).ok).toBe(false);
  });

  it('keeps the exact words shown, and refuses words that are not the ones the hash names', () => {
    const record = fixtureRecord();
    expect(record.shown.notice.text).toBe(fixtureShop().texts.notice.de);
    expect(record.shown.notice.sha256).toBe(sha256Hex(record.shown.notice.text));

    // Other words under the same hash, re-sealed so that the record hash itself still matches.
    const changed = reseal(record, (r) => (r.shown.email.text = `${r.shown.email.text} Und noch etwas.`));
    const result = parseSignedRecord(changed);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues).toContainEqual({ path: 'shown.email.sha256', message: 'error.hash' });
  });

  it('names the field and the message key of what is wrong', () => {
    const result = parseWith(ContactSchema, { ...fixtureRecord().customer, email: 'x@' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues[0]).toEqual({ path: 'email', message: 'error.email' });
  });

  it('puts the order total check on the total field', () => {
    const order = { ...fixtureRecord().order, totalCents: 1 };
    const result = parseWith(OrderSchema, order);
    expect(!result.ok && result.issues[0]).toEqual({ path: 'totalCents', message: 'error.total' });
  });

  it('refuses what is not a record at all', () => {
    for (const input of [null, 42, 'record', [], {}]) expect(parseSignedRecord(input).ok).toBe(false);
  });
});

describe('record hash', () => {
  it('is stable: the same record gives the same hash, whatever the key order', () => {
    const record = fixtureRecord();
    const reordered = Object.fromEntries(Object.entries(record).reverse()) as SignedRecord;
    expect(recordHash(reordered)).toBe(record.hash);
    expect(recordHash(fixtureRecord())).toBe(record.hash);
  });

  it('changes when any single field changes', () => {
    const record = fixtureRecord();
    const changes: Array<(r: SignedRecord) => void> = [
      (r) => (r.id = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4c'),
      (r) => (r.signedAt = '2026-11-29T10:15:30.124Z'),
      (r) => (r.language = 'en'),
      (r) => (r.customer.city = 'Koeln'),
      (r) => (r.choices.letter.granted = true),
      (r) => (r.shown.notice.version = 2),
      (r) => (r.shown.notice.text = `${r.shown.notice.text} `),
      (r) => (r.health = { granted: true }),
      (r) => (r.capture.staffId = 'staff-2'),
      (r) => (r.signature.strokes[0]!.points[1]!.pressure = 0.63),
      (r) => (r.signature.png = TINY_PNG + 'A'),
      (r) => (r.order.items[0]!.description = 'Gleitsichtgläser'),
    ];
    const hashes = new Set([record.hash]);
    for (const change of changes) {
      const copy = structuredClone(record);
      change(copy);
      const hash = recordHash(copy);
      expect(hash).not.toBe(record.hash);
      hashes.add(hash);
    }
    expect(hashes.size).toBe(changes.length + 1);
  });

  it('changes when any leaf of the record changes, each change to its own hash', () => {
    const record = fixtureRecord();
    const leaves = leafPaths(record).filter((path) => path[0] !== 'hash');
    // Every part of the record is walked, down to each stroke point.
    expect(new Set(leaves.map((path) => path[0]))).toEqual(new Set(Object.keys(record).filter((key) => key !== 'hash')));
    expect(leaves).toContainEqual(['signature', 'strokes', 0, 'points', 3, 'pressure']);
    const hashes = new Map<string, string>([[record.hash, 'unchanged']]);
    for (const path of leaves) {
      const copy = structuredClone(record);
      const [parent, key] = locate(copy, path);
      parent[key] = changedLeaf(parent[key]);
      const hash = recordHash(copy);
      expect(hashes.get(hash), `changing ${path.join('.')}`).toBeUndefined();
      hashes.set(hash, path.join('.'));
    }
    expect(hashes.size).toBe(leaves.length + 1);
  });

  it('changes when any list gets an element more or one fewer', () => {
    const record = fixtureRecord();
    const lists = arrayPaths(record);
    expect(lists.map((path) => path.join('.'))).toEqual(expect.arrayContaining(['order.items', 'signature.strokes', 'signature.strokes.0.points']));
    for (const path of lists) {
      const grown = structuredClone(record);
      const list = locateValue(grown, path) as unknown[];
      list.push(structuredClone(list.at(-1)));
      expect(recordHash(grown), `a copy of the last of ${path.join('.')} appended`).not.toBe(record.hash);
      const shrunk = structuredClone(record);
      (locateValue(shrunk, path) as unknown[]).pop();
      expect(recordHash(shrunk), `the last of ${path.join('.')} removed`).not.toBe(record.hash);
    }
  });

  it('is the same after a JSON round trip and with the keys reordered at every depth', () => {
    const record = fixtureRecord();
    const roundTripped = JSON.parse(JSON.stringify(record)) as SignedRecord;
    expect(recordHash(roundTripped)).toBe(record.hash);
    const reordered = reverseKeys(roundTripped) as SignedRecord;
    expect(Object.keys(reordered.order)).toEqual(Object.keys(record.order).reverse());
    expect(recordHash(reordered)).toBe(record.hash);
    expect(recordHash(JSON.parse(JSON.stringify(reordered)) as SignedRecord)).toBe(record.hash);
  });

  it('does not depend on the hash field itself', () => {
    const record = fixtureRecord();
    expect(recordHash({ ...record, hash: '0'.repeat(64) })).toBe(record.hash);
  });
});

type Path = Array<string | number>;
type Container = Record<string | number, unknown>;

const isContainer = (value: unknown): value is Container => typeof value === 'object' && value !== null;

/** The path of every primitive (or null) in a value, objects and arrays walked to the bottom. */
function leafPaths(value: unknown, path: Path = []): Path[] {
  if (!isContainer(value)) return [path];
  return Object.entries(value).flatMap(([key, item]) => leafPaths(item, [...path, Array.isArray(value) ? Number(key) : key]));
}

/** The path of every array in a value. */
function arrayPaths(value: unknown, path: Path = []): Path[] {
  if (!isContainer(value)) return [];
  const inner = Object.entries(value).flatMap(([key, item]) => arrayPaths(item, [...path, Array.isArray(value) ? Number(key) : key]));
  return Array.isArray(value) ? [path, ...inner] : inner;
}

function locateValue(root: unknown, path: Path): unknown {
  return path.reduce<unknown>((at, key) => (at as Container)[key], root);
}

/** The container holding the leaf at `path`, and the leaf's key in it. */
function locate(root: unknown, path: Path): [Container, string | number] {
  return [locateValue(root, path.slice(0, -1)) as Container, path.at(-1)!];
}

/** A different value of the same kind: a character more, one more, the other truth value. */
function changedLeaf(leaf: unknown): unknown {
  switch (typeof leaf) {
    case 'string':
      return `${leaf}x`;
    case 'number':
      return leaf + 1;
    case 'boolean':
      return !leaf;
    default:
      if (leaf === null) return 'x';
      throw new Error(`unexpected leaf ${String(leaf)}`);
  }
}

/** A deep copy whose object keys are in reverse insertion order at every depth. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (!isContainer(value)) return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([key, item]) => [key, reverseKeys(item)]));
}
