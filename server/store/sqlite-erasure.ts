/**
 * Art. 17 erasure on SQLite: what goes, what stays with its reason and end date (migration 2).
 * IN PROGRESS: being implemented.
 */
import type Database from 'better-sqlite3';
import type { Store } from './store';

const todo = (): never => {
  throw new Error('not implemented yet');
};

export function erasureStore(_db: Database.Database): Pick<Store, 'erasure'> {
  return { erasure: { erase: todo, holds: todo, purgeExpired: todo } };
}
