/** What is still waiting for the server: how many records, and since when. */
import { db } from './db';

export interface OutboxSummary {
  waiting: number;
  /** ISO time the oldest waiting record was queued, or null when nothing waits. */
  oldestQueuedAt: string | null;
}

export async function outboxSummary(): Promise<OutboxSummary> {
  const [waiting, oldest] = await Promise.all([db.outbox.count(), db.outbox.orderBy('queuedAt').first()]);
  return { waiting, oldestQueuedAt: oldest?.queuedAt ?? null };
}
