/** What is still waiting for the server: how many records, and since when (conflicts apart). */
import { outboxStatus } from './sync-queue';

export interface OutboxSummary {
  /** Records still to reach the server; conflicts (answered, kept on this tablet) are not among them. */
  waiting: number;
  /** ISO time the oldest waiting record was queued, or null when nothing waits. */
  oldestQueuedAt: string | null;
}

export async function outboxSummary(): Promise<OutboxSummary> {
  const { waiting, oldestQueuedAt } = await outboxStatus();
  return { waiting, oldestQueuedAt };
}
