/**
 * Records and reads for the ledger's server tests: a record for a customer with exactly the given
 * channels switched on, an upload that must succeed, and rows read from the SQLite file through a
 * connection of their own.
 */
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import type { UploadResponse } from '../../shared/api';
import { postalAddress, type SignedRecord, type UnsignedRecord } from '../../shared/record';
import { newRecord, uploadRecords, type TestApp } from '../test-app';

/** A record for this customer, with exactly these channels switched on. */
export function recordFor(customer: Partial<UnsignedRecord['customer']>, granted: Array<'letter' | 'email' | 'sms'>, overrides: Partial<UnsignedRecord> = {}): SignedRecord {
  const base = newRecord();
  const c = { ...base.customer, ...customer };
  const choice = (on: boolean, contact: string) => ({ granted: on, contact: on ? contact : null });
  return newRecord({
    customer: c,
    choices: {
      letter: choice(granted.includes('letter'), postalAddress(c)),
      email: choice(granted.includes('email'), c.email),
      sms: choice(granted.includes('sms'), c.mobile),
    },
    ...overrides,
  });
}

export async function upload(t: TestApp, token: string, records: SignedRecord[]): Promise<UploadResponse['results']> {
  const res = await uploadRecords(t, token, records);
  expect(res.status).toBe(200);
  return ((await res.json()) as UploadResponse).results;
}

/** Rows straight from the file, through a connection of its own. */
export function rows<T = Record<string, unknown>>(t: TestApp, sql: string, ...params: unknown[]): T[] {
  const db = new Database(t.file, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}
