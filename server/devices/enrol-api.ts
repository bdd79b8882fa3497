/**
 * POST /api/v1/enrol: the tablet trades an enrolment code for its own device token. The code is the
 * credential, so wrong codes are limited per client address like passwords are.
 */
import { Hono } from 'hono';
import { EnrolRequestSchema, type EnrolResponse } from '../../shared/api';
import type { StaffMember } from '../../shared/shop';
import { DEMO_SHOP_ID } from '../demo';
import { apiError, limitBody, parseBody, readJson } from '../http/api-error';
import { clientIp } from '../http/client';
import { createFailureLimiter } from '../http/rate-limit';
import type { Store } from '../store/store';
import { enrolDevice } from './enrolment';

/** An enrolment request is a code and a name: anything bigger is not one. */
export const MAX_ENROL_BYTES = 16 * 1024;

export function createEnrolApi({
  store,
  now,
  trustProxy,
  demoStaff,
}: {
  store: Store;
  now: () => Date;
  trustProxy: boolean;
  /** In demo mode, the demo staff member: handed to new tablets only while the stored shop is the demo shop. */
  demoStaff: StaffMember | null;
}): Hono {
  const limiter = createFailureLimiter({ max: 10, windowMs: 60_000 });

  return new Hono().post('/', limitBody(MAX_ENROL_BYTES), async (c) => {
    const ip = clientIp(c, { trustProxy });
    const at = now();
    // Reserved before the code is checked, so parallel guesses count at once.
    const attempt = limiter.begin(ip, at.getTime());
    if (!attempt) {
      c.header('Retry-After', String(limiter.retryAfter(ip, at.getTime())));
      return apiError(c, 429, 'too_many_attempts', 'Too many wrong enrolment codes from this address; wait a minute and try again.');
    }
    try {
      const body = await readJson(c);
      if (!body.ok) return body.response;
      const request = parseBody(EnrolRequestSchema, body.value);
      if (!request.ok) return apiError(c, 400, 'invalid_request', 'Send {"code": "...", "deviceName": "..."}.', { issues: request.issues });

      const enrolled = await enrolDevice({ store, code: request.value.code, deviceName: request.value.deviceName, now: at });
      if (!enrolled) {
        attempt.fail();
        return apiError(c, 403, 'invalid_code', 'This enrolment code is unknown, used up or expired. Ask the shop owner for a new one (owner area, Devices).');
      }
      const shop = await store.shop.get();
      // A real shop never gets the demo staff member, whose PIN the terminal prints.
      const staff = demoStaff && shop?.id === DEMO_SHOP_ID ? [demoStaff] : [];
      return c.json<EnrolResponse>({ ...enrolled, shop, staff }, 201);
    } finally {
      attempt.release();
    }
  });
}
