/**
 * The OpenAPI 3.1 description of /api/v1, served at /api/v1/openapi.json. Written by hand from
 * shared/api.ts, shared/shop.ts, shared/record.ts and shared/consent.ts, which stay the source of
 * truth: the schemas (openapi-schemas.ts) describe shapes, the shared valibot schemas decide what is
 * valid (e.g. the record's hash). openapi.test.ts checks that every route the server answers is
 * described here, that each schema has its valibot schema's fields and limits, and each body limit.
 */
import { API_BASE, MAX_BATCH_RECORDS, MAX_BODY_BYTES, RECORD_RESULTS, type ApiErrorCode } from '../../shared/api';
import { MAX_BATCH_EVENTS } from '../../shared/consent';
import { MAX_CONSENT_EVENTS_BYTES } from '../consents/consent-events-api';
import { MAX_ENROL_BYTES } from '../devices/enrol-api';
import { MAX_ORDER_BYTES } from '../orders/orders-api';
import { DEMO_CODE_DAYS, DEMO_CODE_USES } from '../demo-seed';
import { ENROLMENT_CODE_HOURS } from '../devices/enrolment';
import { formatBytes } from '../http/api-error';
import { API_ERROR_CODES, nullable, object, ref, schemas, string } from './openapi-schemas';

// Every ApiErrorCode is listed, and nothing else: a compile error names the one missing.
const _allErrorCodes: Exclude<ApiErrorCode, (typeof API_ERROR_CODES)[number]> extends never ? true : never = true;
void _allErrorCodes;

/**
 * Each endpoint's request body limit. orders-api.ts (MAX_ORDER_BYTES) and enrol-api.ts
 * (MAX_ENROL_BYTES) keep theirs private, so those two are written out here; openapi.test.ts sends
 * each endpoint a body of exactly its limit and one byte more, so a change there fails it.
 */
export const BODY_LIMITS = {
  'post /enrol': MAX_ENROL_BYTES,
  'post /records': MAX_BODY_BYTES,
  'post /consent-events': MAX_CONSENT_EVENTS_BYTES,
  'post /orders': MAX_ORDER_BYTES,
  'put /shop': MAX_BODY_BYTES,
} as const;

const json = (schema: object) => ({ 'application/json': { schema } });
const error = (description: string) => ({ description, content: json(ref('ApiError')) });
/** The request body with its limit, and the 413 that enforces it. */
const body = (operation: keyof typeof BODY_LIMITS, schema: object) => ({
  requestBody: { required: true, description: `At most ${formatBytes(BODY_LIMITS[operation])}.`, content: json(schema) },
  'x-max-body-bytes': BODY_LIMITS[operation],
});
const tooLarge = (operation: keyof typeof BODY_LIMITS) => error(`\`too_large\`: the body is larger than ${formatBytes(BODY_LIMITS[operation])}.`);

const deviceAuth = [{ deviceToken: [] }];
const authErrors = {
  401: error('No token (`unauthenticated`) or an unknown one (`invalid_token`).'),
  403: error('`device_revoked`: the owner revoked this tablet.'),
};

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'countersign sync API',
    version: '1',
    description: [
      "The API between countersign tablets, the shop's own software and the countersign server.",
      'Every error is JSON `{ "error": code, "message": sentence }` with a 4xx or 5xx status: an unknown path is 404 `not_found`, a failure of the server 500 `server_error`. Answers carry `Cache-Control: no-store`.',
      `Each endpoint that takes a body states its limit (\`x-max-body-bytes\`); a larger body is refused with 413 \`too_large\` before it is read. An upload holds 1 to ${MAX_BATCH_RECORDS} records, or 1 to ${MAX_BATCH_EVENTS} counter events.`,
      "Tablets authenticate with the device token they got at enrolment, the shop's software with an API key; both as `Authorization: Bearer …`.",
    ].join('\n\n'),
  },
  servers: [{ url: API_BASE }],
  components: {
    securitySchemes: {
      deviceToken: { type: 'http', scheme: 'bearer', description: 'The token a tablet received from POST /enrol.' },
      apiKey: { type: 'http', scheme: 'bearer', description: 'An API key the owner made in the owner area (starts with csk_).' },
    },
    schemas,
  },
  paths: {
    '/health': {
      get: {
        summary: 'Is the server up',
        security: [],
        responses: { 200: { description: 'Up.', content: json(object({ ok: { const: true }, version: string, demo: { type: 'boolean' } })) } },
      },
    },
    '/openapi.json': { get: { summary: 'This document', security: [], responses: { 200: { description: 'OpenAPI 3.1.' } } } },
    '/enrol': {
      post: {
        summary: 'Enrol a tablet with a code from the owner',
        description: `No token: the enrolment code is the credential. A code is single-use and valid for ${ENROLMENT_CODE_HOURS} hours (the demo code: ${DEMO_CODE_DAYS} days, ${DEMO_CODE_USES} tablets). After ten wrong codes within a minute from one address (attempts still being checked count too), further attempts from it are answered 429 with Retry-After until the minute is over.`,
        security: [],
        ...body('post /enrol', object({ code: { type: 'string', minLength: 4, maxLength: 64 }, deviceName: { type: 'string', minLength: 1, maxLength: 80 } }, { description: 'Both trimmed first.' })),
        responses: {
          201: {
            description: 'Enrolled. The token is shown only now; send it as `Authorization: Bearer <token>` from then on. `shop` is null until a tablet has set the shop up (PUT /shop); `staff` is empty except for the demo shop.',
            content: json(ref('EnrolResponse')),
          },
          400: error('`malformed_json` or `invalid_request`.'),
          403: error('`invalid_code`: unknown, used up or expired.'),
          413: tooLarge('post /enrol'),
          429: error('`too_many_attempts`.'),
        },
      },
    },
    '/records': {
      post: {
        summary: 'Upload a batch of signed records',
        description:
          'Idempotent by record id. Every record is validated and its hash recomputed first; if any fails, the answer is 422 and nothing of the batch is stored. Otherwise, in one transaction: a new id is stored (its order marked signed), the same id with the same hash is acknowledged again (`duplicate`), the same id with another hash is kept aside for the owner (`conflict`) and never overwrites the stored record.',
        security: deviceAuth,
        ...body('post /records', object({ records: { type: 'array', minItems: 1, maxItems: MAX_BATCH_RECORDS, items: ref('SignedRecord') } })),
        responses: {
          200: {
            description: 'One result per record, in order. Mark a record synced only on one of these.',
            content: json(object({ results: { type: 'array', items: object({ id: string, status: { enum: [...RECORD_RESULTS] }, receivedAt: { type: 'string', description: 'ISO 8601 (UTC): when the server first received this record; for a conflict, this version.' } }) } })),
          },
          400: error('`malformed_json` or `invalid_request` (the envelope), with `issues`.'),
          ...authErrors,
          413: tooLarge('post /records'),
          422: error('`invalid_record`, with `records` naming each bad record.'),
        },
      },
    },
    '/consent-events': {
      post: {
        summary: 'Upload withdrawals and objections recorded at the counter',
        description:
          'Idempotent by event id. Every event is validated first; if any fails, the answer is 422 and nothing of the batch is stored. Otherwise, in one transaction, each new event finds its customer (by e-mail and/or mobile as the owner set, else by name and address; made if unknown) and appends one ledger event per channel (route `counter`). An id seen before is acknowledged again as `duplicate`.',
        security: deviceAuth,
        ...body('post /consent-events', object({ events: { type: 'array', minItems: 1, maxItems: MAX_BATCH_EVENTS, items: ref('CounterEvent') } })),
        responses: {
          200: {
            description: 'One result per event, in order. Mark an event synced only on one of these.',
            content: json(object({ results: { type: 'array', items: object({ id: string, status: { enum: ['stored', 'duplicate'] }, customerId: string }) } })),
          },
          400: error('`malformed_json` or `invalid_request` (the envelope), with `issues`.'),
          ...authErrors,
          413: tooLarge('post /consent-events'),
          422: error('`invalid_request`, with `issues` by path (`events.<index>.<field>`, messages are i18n keys).'),
        },
      },
    },
    '/orders': {
      get: {
        summary: 'The open orders (not yet signed)',
        security: deviceAuth,
        responses: { 200: { description: 'Oldest first (by createdAt, then id).', content: json(object({ orders: { type: 'array', items: ref('PendingOrder') } })) }, ...authErrors },
      },
      post: {
        summary: "Push a pending order from the shop's own software",
        description: 'Idempotent by order id. A device token is not an API key.',
        security: [{ apiKey: [] }],
        ...body('post /orders', ref('PendingOrder')),
        responses: {
          201: { description: 'Created.', content: json(object({ id: string, created: { const: true } })) },
          200: { description: 'This exact order exists already.', content: json(object({ id: string, created: { const: false } })) },
          400: error('`malformed_json`.'),
          401: error('No API key (`unauthenticated`), or an unknown or revoked one (`invalid_token`).'),
          409: error('`conflict`: the id exists with other contents; nothing changed.'),
          413: tooLarge('post /orders'),
          422: error('`invalid_request`, with `issues`.'),
        },
      },
    },
    '/shop': {
      get: {
        summary: "The shop's configuration with the latest published texts",
        security: deviceAuth,
        responses: { 200: { description: 'null before the first set-up.', content: json(object({ shop: nullable(ref('ShopConfig')) })) }, ...authErrors },
      },
      put: {
        summary: 'Store the shop the first tablet was set up with',
        description: 'Only while the server has no shop. Afterwards texts change only by the owner publishing a new version.',
        security: deviceAuth,
        ...body('put /shop', ref('ShopConfig')),
        responses: {
          201: { description: 'Stored; the answer is the shop as GET /shop gives it.', content: json(object({ shop: ref('ShopConfig') })) },
          400: error('`malformed_json`.'),
          ...authErrors,
          409: error('`conflict`: there is a shop already.'),
          413: tooLarge('put /shop'),
          422: error('`invalid_request`, with `issues`.'),
        },
      },
    },
  },
} as const;
