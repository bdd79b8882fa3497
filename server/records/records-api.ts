/**
 * POST /api/v1/records: a tablet uploads a batch of signed records (device token). 200 with one
 * result per record (stored, duplicate or conflict), or a refusal with nothing of the batch stored.
 */
import { Hono } from 'hono';
import * as v from 'valibot';
import { MAX_BATCH_RECORDS, MAX_BODY_BYTES, type UploadResponse } from '../../shared/api';
import { requireDevice, type DeviceEnv } from '../devices/device-auth';
import { apiError, limitBody, parseBody, readJson } from '../http/api-error';
import type { Store } from '../store/store';
import { uploadRecords } from './upload-records';

/** The envelope only; each record is checked against the shared schema by uploadRecords. */
export const UploadEnvelopeSchema = v.strictObject({
  records: v.pipe(v.array(v.unknown()), v.minLength(1, 'Send at least one record.'), v.maxLength(MAX_BATCH_RECORDS, `Send at most ${MAX_BATCH_RECORDS} records per request.`)),
});

export function createRecordsApi({ store, now }: { store: Store; now: () => Date }): Hono<DeviceEnv> {
  return new Hono<DeviceEnv>().post('/', requireDevice({ store, now }), limitBody(MAX_BODY_BYTES, 'send fewer records per request'), async (c) => {
    const body = await readJson(c);
    if (!body.ok) return body.response;
    const envelope = parseBody(UploadEnvelopeSchema, body.value);
    if (!envelope.ok) {
      return apiError(c, 400, 'invalid_request', `Send {"records": [...]} with 1 to ${MAX_BATCH_RECORDS} signed records.`, { issues: envelope.issues });
    }
    const { records } = envelope.value;
    const outcome = await uploadRecords({ store, deviceId: c.get('device').id, records, now: now() });
    if (!outcome.ok) {
      const n = outcome.invalid.length;
      return apiError(
        c,
        422,
        'invalid_record',
        `${n} of ${records.length} record${records.length === 1 ? '' : 's'} ${n === 1 ? 'is' : 'are'} invalid (schema or hash); nothing of this batch was stored. See "records" for which and why.`,
        { records: outcome.invalid },
      );
    }
    return c.json<UploadResponse>({ results: outcome.results });
  });
}
