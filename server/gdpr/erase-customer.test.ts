/**
 * eraseCustomer takes the customer's .eml files along after the database part, and the daily
 * clean-up runs at once at start and says what it removed.
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureShop } from '../../shared/record.fixture';
import { hashPassword } from '../owner/password';
import { enrolTablet, makeTestApp } from '../test-app';
import { eraseCustomer, schedulePurge } from './erase-customer';
import { customerIdOf, recordOf, sync, XAVER } from './gdpr-fixtures';

describe('eraseCustomer', { timeout: 30_000 }, () => {
  it('deletes the mail files of the customer’s records, and none when there is no mail folder', async () => {
    const t = await makeTestApp({ shop: fixtureShop() });
    const tablet = await enrolTablet(t);
    const records = [recordOf(XAVER, ['letter']), recordOf(XAVER, ['sms'], { orderNumber: 'second' })];
    await sync(t, tablet.token, records);
    const customerId = await customerIdOf(t, XAVER.email);
    const dir = join(t.dir, 'mail-test');
    await mkdir(dir);
    await writeFile(join(dir, `${records[0]!.id}.eml`), 'Danke');
    await writeFile(join(dir, 'someone-else.eml'), 'Danke');
    const summary = await eraseCustomer({ store: t.store, mailDir: dir, customerId, keepConsents: [], now: t.clock.now });
    expect(summary!.removed.mailFiles).toBe(1);
    expect(existsSync(join(dir, `${records[0]!.id}.eml`))).toBe(false);
    expect(existsSync(join(dir, 'someone-else.eml'))).toBe(true);
    expect((await eraseCustomer({ store: t.store, mailDir: null, customerId, keepConsents: [], now: t.clock.now }))!.removed.mailFiles).toBe(0);
    expect(await eraseCustomer({ store: t.store, mailDir: dir, customerId: 'nobody', keepConsents: [], now: t.clock.now })).toBeNull();
  });

  it('purges at start and reports what went', async () => {
    const t = await makeTestApp({ shop: fixtureShop() });
    const tablet = await enrolTablet(t);
    const record = recordOf(XAVER, ['letter']);
    await sync(t, tablet.token, [record]);
    await t.store.erasure.erase({ customerId: await customerIdOf(t, XAVER.email), now: t.clock.now.toISOString(), keepConsents: [] });
    const passwordHash = await hashPassword({ password: 'ein langes Passwort' });
    expect(await t.store.owner.setFirstPassword({ passwordHash, now: t.clock.now.toISOString() })).toBe(true);
    const session = (tokenHash: string, expiresAt: string) => t.store.owner.createSession({ tokenHash, now: t.clock.now.toISOString(), expiresAt, passwordHash });
    expect(await session('a'.repeat(64), '2039-12-31T23:00:00.000Z')).toBe(true);
    expect(await session('b'.repeat(64), '2040-01-02T00:00:00.000Z')).toBe(true);
    const lines: string[] = [];
    const stop = schedulePurge({ store: t.store, now: () => new Date('2040-01-01T00:00:00.000Z'), log: (line) => lines.push(line) });
    stop();
    await expect.poll(() => lines).toEqual(['Retention: 1 kept item(s) reached the end of their period and were deleted.']);
    expect(await t.store.records.body({ id: record.id })).toBeNull();
    // The expired owner login went with it; the one still valid stayed.
    await expect.poll(() => sessionHashes(t.file)).toEqual(['b'.repeat(64)]);
  });
});

function sessionHashes(file: string): string[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT token_hash FROM owner_sessions ORDER BY token_hash').pluck().all() as string[];
  } finally {
    db.close();
  }
}
