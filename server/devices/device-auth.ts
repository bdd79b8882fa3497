/**
 * Middleware for the endpoints a tablet calls: `Authorization: Bearer <device token>`. No token is
 * 401 unauthenticated, an unknown one 401 invalid_token, a revoked device 403 device_revoked with
 * a sentence staff can act on. last_seen_at moves only after a request succeeded, so a refused
 * request writes nothing.
 */
import type { MiddlewareHandler } from 'hono';
import type { DeviceRow, Store } from '../store/store';
import { apiError, bearerToken } from '../http/api-error';
import { findDeviceByToken } from './devices';

export type DeviceEnv = { Variables: { device: DeviceRow } };

export function requireDevice({ store, now }: { store: Store; now: () => Date }): MiddlewareHandler<DeviceEnv> {
  return async (c, next) => {
    const token = bearerToken(c.req.header('authorization'));
    if (!token) {
      c.header('WWW-Authenticate', 'Bearer realm="countersign"');
      return apiError(c, 401, 'unauthenticated', 'This request needs a device token (Authorization: Bearer <token>). Enrol the tablet with a code from the owner first.');
    }
    const device = await findDeviceByToken({ store, token });
    if (!device) {
      c.header('WWW-Authenticate', 'Bearer realm="countersign", error="invalid_token"');
      return apiError(c, 401, 'invalid_token', 'This device token is not known to the server. Enrol the tablet again with a new code from the owner.');
    }
    if (device.revokedAt) {
      return apiError(
        c,
        403,
        'device_revoked',
        `The shop owner has removed this tablet ("${device.name}") from the shop, so the server no longer accepts its records. Nothing on the tablet is lost; ask the owner for a new enrolment code.`,
      );
    }
    c.set('device', device);
    await next();
    if (c.res.status < 400) await store.devices.touch({ id: device.id, now: now().toISOString() });
  };
}
