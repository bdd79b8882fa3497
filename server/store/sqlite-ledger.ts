/**
 * The consent ledger on SQLite: customers, their consent events, counter events and settings
 * (tables from migration 2). IN PROGRESS: being implemented.
 */
import type Database from 'better-sqlite3';
import type { SignedRecord } from '../../shared/record';
import type { Store } from './store';

const todo = (): never => {
  throw new Error('not implemented yet');
};

/** What the record transaction calls for each newly stored record (customer, grants, thank-you e-mail). */
export function ledgerWriter(_db: Database.Database): { recordStored(o: { record: SignedRecord; deviceId: string; receivedAt: string }): void } {
  return { recordStored: () => undefined };
}

export function ledgerStore(_db: Database.Database): Pick<Store, 'customers' | 'consents' | 'counterEvents' | 'settings'> {
  return {
    customers: { get: todo, search: todo, records: todo, resolveCounterCustomer: todo },
    consents: { history: todo, append: todo, active: todo, rates: todo },
    counterEvents: { save: todo },
    settings: { get: todo, set: todo, customerMatch: todo, setCustomerMatch: todo },
  };
}
