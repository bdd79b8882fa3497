/**
 * POST /api/v1/consent-events: a tablet uploads withdrawals and objections that staff recorded at
 * the counter (device token). Every event is checked against the shared schema first; one bad
 * event refuses the batch with nothing stored. A good batch is stored in one transaction,
 * idempotent by event id, so a tablet that never saw the answer can simply send it again.
 * A withdrawal may name the health-data consent ('health'); an objection naming it is refused
 * (error.objectionHealth at channels), since Art. 21(2) is about advertising.
 */
import { Hono } from 'hono';
import { CounterEventSchema, CounterEventsRequestSchema, MAX_BATCH_EVENTS, type CounterEvent, type CounterEventsResponse } from '../../shared/consent';
import { parseWith } from '../../shared/record';
import { requireDevice, type DeviceEnv } from '../devices/device-auth';
import { apiError, limitBody, parseBody, readJson } from '../http/api-error';
import type { Store } from '../store/store';

/** A counter event is well under 2 KB; 100 of them fit many times over. */
export const MAX_CONSENT_EVENTS_BYTES = 1024 * 1024;

export function createConsentEventsApi({ store, now }: { store: Store; now: () => Date }): Hono<DeviceEnv> {
  return new Hono<DeviceEnv>().post('/', requireDevice({ store, now }), limitBody(MAX_CONSENT_EVENTS_BYTES, 'send fewer events per request'), async (c) => {
    const body = await readJson(c);
    if (!body.ok) return body.response;
    const envelope = parseBody(CounterEventsRequestSchema, body.value);
    if (!envelope.ok) {
      return apiError(c, 400, 'invalid_request', `Send {"events": [...]} with 1 to ${MAX_BATCH_EVENTS} counter events.`, { issues: envelope.issues });
    }
    const events: CounterEvent[] = [];
    const issues: Array<{ path: string; message: string }> = [];
    envelope.value.events.forEach((raw, index) => {
      const parsed = parseWith(CounterEventSchema, raw);
      if (parsed.ok) events.push(parsed.value);
      else issues.push(...parsed.issues.map((issue) => ({ path: issue.path === '' ? `events.${index}` : `events.${index}.${issue.path}`, message: issue.message })));
    });
    if (issues.length > 0) {
      const bad = new Set(issues.map((issue) => issue.path.split('.')[1])).size;
      return apiError(
        c,
        422,
        'invalid_request',
        `${bad} of ${envelope.value.events.length} counter event${envelope.value.events.length === 1 ? '' : 's'} ${bad === 1 ? 'is' : 'are'} invalid; nothing of this batch was stored. See "issues" (messages are i18n keys from shared/record.ts).`,
        { issues },
      );
    }
    const results = await store.counterEvents.save({ deviceId: c.get('device').id, receivedAt: now().toISOString(), events });
    return c.json<CounterEventsResponse>({ results });
  });
}
