/**
 * The thank-you e-mail's outbox and the one-time link tokens on SQLite (migration 2).
 * IN PROGRESS: being implemented.
 */
import type Database from 'better-sqlite3';
import type { Store } from './store';

const todo = (): never => {
  throw new Error('not implemented yet');
};

export function mailStore(_db: Database.Database): Pick<Store, 'mail' | 'tokens'> {
  return {
    mail: { due: todo, markSent: todo, markFailed: todo, retry: todo, list: todo, counts: todo },
    tokens: { use: todo, useAndAppend: todo },
  };
}
