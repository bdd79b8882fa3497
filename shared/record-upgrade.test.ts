/**
 * Upgrading an older record: the hash is checked on the record as it was signed, before the
 * upgrade, and what is stored keeps proving that hash. Uses a made-up version 0 (it called
 * timeZone "tz") and its upgrade step, handed in as a parameter.
 */
import { describe, expect, it } from 'vitest';
import { canonicalJson, sha256Hex } from './canonical';
import { fixtureRecord } from './record.fixture';
import { parseSignedRecord, parseSignedRecordWith, RECORD_VERSION, storedRecordJson, type RecordUpgrades } from './record';

const steps: RecordUpgrades = {
  0: ({ tz, ...rest }) => ({ ...rest, schemaVersion: 1, timeZone: tz }),
};

/** A version-0 record, sealed over its own canonical form as a version-0 tablet would have. */
function versionZero(change: (r: Record<string, unknown>) => void = () => {}): Record<string, unknown> {
  const { hash: _hash, timeZone, ...rest } = structuredClone(fixtureRecord());
  const unsigned: Record<string, unknown> = { ...rest, schemaVersion: 0, tz: timeZone };
  change(unsigned);
  return { ...unsigned, hash: sha256Hex(canonicalJson(unsigned)) };
}

const hashOf = (stored: string) => {
  const { hash: _hash, ...unsigned } = JSON.parse(stored) as Record<string, unknown>;
  return sha256Hex(canonicalJson(unsigned));
};

describe('upgrading an older signed record', () => {
  it('is meant for a current version of 1, which the fake step upgrades to', () => {
    expect(RECORD_VERSION).toBe(1);
  });

  it('checks the hash as received, then upgrades and validates, keeping the original hash', () => {
    const old = versionZero();
    const result = parseSignedRecordWith(JSON.parse(JSON.stringify(old)), steps);
    expect(result.ok ? null : result.issues).toBeNull();
    if (!result.ok) return;
    expect(result.value).toMatchObject({ schemaVersion: 1, timeZone: old.tz, hash: old.hash });
    expect(result.value).not.toHaveProperty('tz');
  });

  it('stores the record as it was signed, so the stored JSON still proves its hash, and reads it back upgraded', () => {
    const old = versionZero();
    const result = parseSignedRecordWith(structuredClone(old), steps);
    if (!result.ok) throw new Error('version 0 refused');
    const stored = storedRecordJson(result.value);
    expect(JSON.parse(stored)).toEqual(old);
    expect(hashOf(stored)).toBe(old.hash);
    // A reader (owner pages, Art. 15 archive) parses the stored body again.
    const again = parseSignedRecordWith(JSON.parse(stored), steps);
    expect(again.ok && again.value).toEqual(result.value);
    expect(again.ok && storedRecordJson(again.value)).toBe(stored);
  });

  it('refuses an older record changed after it was signed, although its upgrade would be valid', () => {
    const old = versionZero();
    const changed = { ...structuredClone(old), tz: 'Europe/Vienna' };
    expect(parseSignedRecordWith(changed, steps)).toEqual({ ok: false, issues: [{ path: '', message: 'error.hash' }] });
    const { hash: _hash, ...noHash } = old;
    expect(parseSignedRecordWith(noHash, steps)).toEqual({ ok: false, issues: [{ path: '', message: 'error.hash' }] });
  });

  it('cannot be laundered by a step that re-seals or drops the hash', () => {
    const old = versionZero();
    const resealing: RecordUpgrades = {
      0: (record) => {
        const { hash: _hash, ...upgraded } = steps[0]!(record);
        return { ...upgraded, hash: sha256Hex(canonicalJson(upgraded)) };
      },
    };
    const result = parseSignedRecordWith(structuredClone(old), resealing);
    expect(result.ok && result.value.hash).toBe(old.hash);
    expect(result.ok && hashOf(storedRecordJson(result.value))).toBe(old.hash);
  });

  it('validates the upgraded record with the current schema', () => {
    const old = versionZero((r) => ((r.customer as { email: string }).email = 'not an address'));
    const result = parseSignedRecordWith(old, steps);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues).toContainEqual({ path: 'customer.email', message: 'error.email' });
  });

  it('refuses an older version it has no upgrade for, at schemaVersion, before anything else', () => {
    const refused = { ok: false, issues: [{ path: 'schemaVersion', message: 'error.invalid' }] };
    expect(parseSignedRecord(versionZero())).toEqual(refused);
    expect(parseSignedRecordWith(versionZero(), {})).toEqual(refused);
    expect(parseSignedRecordWith({ ...versionZero(), schemaVersion: 0.5 }, steps)).toEqual(refused);
    expect(parseSignedRecordWith({ ...versionZero(), schemaVersion: -1 }, steps)).toEqual(refused);
  });

  it('leaves current records as they were, and refuses a newer version', () => {
    const current = fixtureRecord();
    const result = parseSignedRecordWith(JSON.parse(JSON.stringify(current)), steps);
    expect(result.ok && JSON.parse(storedRecordJson(result.value))).toEqual(current);
    const future = parseSignedRecordWith({ ...current, schemaVersion: RECORD_VERSION + 1 }, steps);
    expect(!future.ok && future.issues.map((i) => i.path)).toContain('schemaVersion');
  });

  it('will not store an upgraded record once copied, whose hash its own form would not prove', () => {
    const result = parseSignedRecordWith(versionZero(), steps);
    if (!result.ok) throw new Error('version 0 refused');
    expect(() => storedRecordJson(structuredClone(result.value))).toThrow(/does not match its hash/);
  });
});
