/**
 * What the lab page (pages/lab.ts, in the browser) offers the benchmark (in Node) as `window.lab`.
 * Plain data in and out; kept apart so that Node code never type-checks the page's imports.
 */
import type { SignedRecord } from '../../shared/record';
import type { KioskSession } from '../../src/data/kiosk-session';

export interface SaveRuns {
  /** ms per save */
  times: number[];
  recordIds: string[];
  /** navigator.storage.estimate().usage before and after */
  usageBefore: number;
  usageAfter: number;
}

export interface RawPutRuns {
  times: number[];
  usageBefore: number;
  usageAfter: number;
}

export interface SyncRun {
  ms: number;
  status: string;
  stored: number;
  sent: number;
  error: string | null;
}

export interface ScaleSeed {
  records: number;
  /** signed today */
  today: number;
  /** in the outbox */
  waiting: number;
}

export interface LabApi {
  saveRuns(options: { n: number; session: KioskSession }): Promise<SaveRuns>;
  rawPutRuns(options: { n: number; recordId: string }): Promise<RawPutRuns>;
  receiptRun(recordId: string): Promise<number>;
  bareJsPdfRun(recordId: string): Promise<number>;
  enrol(code: string): Promise<void>;
  waitForSyncIdle(): Promise<void>;
  clearRecords(): Promise<void>;
  readRecord(recordId: string): Promise<SignedRecord>;
  seedOutbox(options: { n: number; template: SignedRecord; tag: string }): Promise<void>;
  syncRun(): Promise<SyncRun>;
  syncStages(options: { batch: number; upTo?: 'read' | 'upload' | 'ack'; as?: 'string' | 'bytes' | 'blob' }): Promise<Record<string, number>>;
  seedScale(options: { template: SignedRecord; days: number; perDay: number; completeDays: number }): Promise<ScaleSeed>;
  rawTodayQuery(limit: number): Promise<{ ms: number; rows: number }>;
  rawOutboxCounts(): Promise<{ ms: number; waiting: number }>;
  usage(): Promise<number>;
}
