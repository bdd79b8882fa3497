/**
 * POST /api/v1/enrol with the owner's one-time code, then the device (under the name the server
 * stored), the server's shop and its staff stored in one transaction. Errors come back as codes
 * for plain words (sync-words.ts).
 */
import * as v from 'valibot';
import { EnrolAnswerSchema } from '../../shared/api';
import { outcomeError, type SyncError } from '../../shared/sync-plan';
import { saveEnrolment, type EnrolmentResult } from '../data/enrolment';
import { callApi } from '../sync/api-client';

export type EnrolOutcome = { ok: true; result: EnrolmentResult } | { ok: false; error: SyncError };

export async function enrolTablet(options: { code: string; deviceName: string; now?: Date }): Promise<EnrolOutcome> {
  const deviceName = options.deviceName.trim();
  const outcome = await callApi({ method: 'POST', path: '/enrol', body: JSON.stringify({ code: options.code.trim(), deviceName }), timeoutMs: 20_000 });
  const error = outcomeError(outcome);
  if (error) return { ok: false, error };
  const parsed = v.safeParse(EnrolAnswerSchema, (outcome as { body: unknown }).body);
  if (!parsed.success) return { ok: false, error: { code: 'bad_response', message: 'The enrolment answer does not match the protocol.' } };
  const { deviceId, token, shop, staff } = parsed.output;
  const enrolledAt = (options.now ?? new Date()).toISOString();
  // The server may have numbered the name ("Tablet Theke 2"); an older server says nothing, so the typed one stays.
  const name = parsed.output.deviceName ?? deviceName;
  const result = await saveEnrolment({ device: { deviceId, token, name, enrolledAt }, shop, staff });
  return { ok: true, result };
}
