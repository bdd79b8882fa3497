/**
 * The OpenAPI 3.1 description of /api/v1, served at /api/v1/openapi.json. Written by hand from
 * shared/api.ts, shared/shop.ts and shared/record.ts, which stay the source of truth: the schemas
 * here describe shapes, the shared valibot schemas decide what is valid (e.g. the record's hash).
 * openapi.test.ts checks that every route the server answers is described here.
 */
import { API_BASE, MAX_BATCH_RECORDS, MAX_BODY_BYTES, RECORD_RESULTS } from '../../shared/api';
import { MAX_BATCH_EVENTS } from '../../shared/consent';
import { TEXT_KINDS } from '../../shared/shop';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object) => ({ 'application/json': { schema } });
const error = (description: string) => ({ description, content: json(ref('ApiError')) });

const string = { type: 'string' };
const isoTime = { type: 'string', format: 'date-time' };
const sha256 = { type: 'string', pattern: '^[0-9a-f]{64}$' };
const cents = { type: 'integer', minimum: 0 };
const object = (properties: Record<string, object>, extra: object = {}) => ({
  type: 'object',
  additionalProperties: false,
  required: Object.keys(properties),
  properties,
  ...extra,
});

const deviceAuth = [{ deviceToken: [] }];
const authErrors = {
  401: error('No token (`unauthenticated`) or an unknown one (`invalid_token`).'),
  403: error('`device_revoked`: the owner revoked this tablet.'),
};

const shopText = object({ id: string, version: { type: 'integer', minimum: 1 }, de: string, en: string });
const contact = object({
  name: string,
  street: string,
  postalCode: string,
  city: string,
  email: { type: 'string', description: 'An e-mail address, or empty.' },
  mobile: { type: 'string', description: 'E.164 (+49…), or empty.' },
});
const order = object({
  id: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' },
  number: string,
  items: { type: 'array', minItems: 1, maxItems: 100, items: object({ description: string, quantity: { type: 'integer', minimum: 1, maximum: 999 }, unitPriceCents: cents }) },
  totalCents: { ...cents, description: 'Must equal the sum of quantity × unitPriceCents.' },
  depositCents: { ...cents, description: 'At most totalCents.' },
  currency: { const: 'EUR' },
  pickupDate: { type: 'string', format: 'date' },
});
const textRef = object({
  id: string,
  version: { type: 'integer', minimum: 1 },
  language: { enum: ['de', 'en'] },
  text: { type: 'string', maxLength: 20_000, description: 'The exact words shown.' },
  sha256: { ...sha256, description: 'SHA-256 of `text` (UTF-8); the server checks it.' },
});
const choice = object({ granted: { type: 'boolean' }, contact: { type: ['string', 'null'] } });

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'countersign sync API',
    version: '1',
    description: [
      'The API between countersign tablets, the shop\'s own software and the countersign server.',
      'Every error is JSON `{ "error": code, "message": sentence }` with a 4xx or 5xx status.',
      `Request bodies above ${MAX_BODY_BYTES} bytes are refused with 413 \`too_large\`; an upload holds 1 to ${MAX_BATCH_RECORDS} records.`,
      'Tablets authenticate with the device token they got at enrolment, the shop\'s software with an API key; both as `Authorization: Bearer …`.',
    ].join('\n\n'),
  },
  servers: [{ url: API_BASE }],
  components: {
    securitySchemes: {
      deviceToken: { type: 'http', scheme: 'bearer', description: 'The token a tablet received from POST /enrol.' },
      apiKey: { type: 'http', scheme: 'bearer', description: 'An API key the owner made in the owner area (starts with csk_).' },
    },
    schemas: {
      ApiError: {
        type: 'object',
        required: ['error', 'message'],
        properties: {
          error: {
            enum: ['unauthenticated', 'invalid_token', 'device_revoked', 'invalid_code', 'malformed_json', 'invalid_request', 'invalid_record', 'too_large', 'conflict', 'not_found', 'too_many_attempts', 'server_error'],
          },
          message: { type: 'string', description: 'Plain English, for people.' },
          records: {
            description: 'For invalid_record: each bad record with its index in the batch and its issues (i18n keys from shared/record.ts).',
            type: 'array',
            items: object({ index: { type: 'integer' }, id: { type: ['string', 'null'] }, issues: { type: 'array', items: object({ path: string, message: string }) } }),
          },
          issues: { description: 'For invalid_request: what is wrong with the body.', type: 'array', items: object({ path: string, message: string }) },
        },
      },
      ShopText: shopText,
      ShopConfig: object({
        id: string,
        name: string,
        street: string,
        postalCode: string,
        city: string,
        controller: object({ name: string, email: string, phone: string }),
        dpo: { oneOf: [{ type: 'null' }, object({ name: string, email: string })] },
        texts: object(Object.fromEntries(TEXT_KINDS.map((kind) => [kind, ref('ShopText')]))),
        askHealth: { type: 'boolean' },
        inactivitySeconds: { type: 'integer', minimum: 30, maximum: 600 },
      }),
      StaffMember: object({ id: string, name: string, pinHash: sha256, salt: { type: 'string', pattern: '^[0-9a-f]{32}$' } }),
      Contact: contact,
      Order: order,
      PendingOrder: object({ order: ref('Order'), customer: ref('Contact'), createdAt: isoTime }),
      SignedRecord: object(
        {
          schemaVersion: { const: 1 },
          id: { type: 'string', format: 'uuid' },
          signedAt: isoTime,
          timeZone: string,
          language: { enum: ['de', 'en'] },
          shop: object({ id: string, name: string }),
          order: ref('Order'),
          customer: ref('Contact'),
          shown: object({ notice: textRef, letter: textRef, email: textRef, sms: textRef, health: { oneOf: [{ type: 'null' }, textRef] } }),
          choices: object({ letter: choice, email: choice, sms: choice }),
          health: { oneOf: [{ type: 'null' }, object({ granted: { type: 'boolean' } })] },
          capture: object({ deviceId: string, staffId: string, appVersion: string, userAgent: string }),
          signature: object({
            width: { type: 'number' },
            height: { type: 'number' },
            strokes: { type: 'array', items: object({ points: { type: 'array', items: object({ x: { type: 'number' }, y: { type: 'number' }, time: { type: 'number' }, pressure: { type: 'number' } }) } }) },
            png: { type: 'string', description: 'data:image/png;base64,…' },
          }),
          hash: { ...sha256, description: 'SHA-256 over the canonical JSON of every other field (shared/canonical.ts). The server recomputes it.' },
        },
        { description: 'A signed record, as shared/record.ts defines and validates it.' },
      ),
      CounterEvent: object(
        {
          id: { type: 'string', format: 'uuid', description: 'Made on the tablet; the upload is idempotent by it.' },
          at: { ...isoTime, description: 'When staff recorded it.' },
          action: { enum: ['withdrawn', 'objected'], description: 'Withdrawal of a consent (Art. 7(3)) or objection to advertising (Art. 21(2)).' },
          channels: { type: 'array', minItems: 1, maxItems: 3, items: { enum: ['letter', 'email', 'sms'] } },
          customer: object(
            {
              name: { type: 'string', maxLength: 120 },
              street: { type: 'string', maxLength: 120 },
              postalCode: { type: 'string', maxLength: 10 },
              city: { type: 'string', maxLength: 80 },
              email: { type: 'string', description: 'An e-mail address, or empty.' },
              mobile: { type: 'string', description: 'E.164 (+49…), or empty.' },
            },
            { description: 'At least an e-mail address or a mobile number, or else name, street and postal code.' },
          ),
          staffId: { type: 'string', minLength: 1, maxLength: 64 },
          note: { type: 'string', maxLength: 500, description: 'Free text from staff; may be empty.' },
        },
        { description: 'A withdrawal or objection recorded at the counter, as shared/consent.ts defines and validates it.' },
      ),
    },
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
        description: 'No token: the enrolment code is the credential. Codes are single-use and valid for 24 hours (the demo code: 30 days, 100 tablets). Ten wrong codes a minute from one address are answered with 429.',
        security: [],
        requestBody: { required: true, content: json(object({ code: { type: 'string', minLength: 4, maxLength: 64 }, deviceName: { type: 'string', minLength: 1, maxLength: 80 } })) },
        responses: {
          201: {
            description: 'Enrolled. The token is shown only now; send it as `Authorization: Bearer <token>` from then on.',
            content: json(object({ deviceId: string, token: string, shop: { oneOf: [{ type: 'null' }, ref('ShopConfig')] }, staff: { type: 'array', items: ref('StaffMember') } })),
          },
          400: error('`malformed_json` or `invalid_request`.'),
          403: error('`invalid_code`: unknown, used up or expired.'),
          413: error('`too_large`.'),
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
        requestBody: { required: true, content: json(object({ records: { type: 'array', minItems: 1, maxItems: MAX_BATCH_RECORDS, items: ref('SignedRecord') } })) },
        responses: {
          200: {
            description: 'One result per record, in order. Mark a record synced only on one of these.',
            content: json(object({ results: { type: 'array', items: object({ id: string, status: { enum: [...RECORD_RESULTS] }, receivedAt: isoTime }) } })),
          },
          400: error('`malformed_json` or `invalid_request` (the envelope).'),
          ...authErrors,
          413: error('`too_large`.'),
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
        requestBody: { required: true, content: json(object({ events: { type: 'array', minItems: 1, maxItems: MAX_BATCH_EVENTS, items: ref('CounterEvent') } })) },
        responses: {
          200: {
            description: 'One result per event, in order. Mark an event synced only on one of these.',
            content: json(object({ results: { type: 'array', items: object({ id: string, status: { enum: ['stored', 'duplicate'] }, customerId: string }) } })),
          },
          400: error('`malformed_json` or `invalid_request` (the envelope).'),
          ...authErrors,
          413: error('`too_large`.'),
          422: error('`invalid_request`, with `issues` by path (`events.<index>.<field>`, messages are i18n keys).'),
        },
      },
    },
    '/orders': {
      get: {
        summary: 'The open orders (not yet signed)',
        security: deviceAuth,
        responses: { 200: { description: 'Oldest first.', content: json(object({ orders: { type: 'array', items: ref('PendingOrder') } })) }, ...authErrors },
      },
      post: {
        summary: "Push a pending order from the shop's own software",
        description: 'Idempotent by order id.',
        security: [{ apiKey: [] }],
        requestBody: { required: true, content: json(ref('PendingOrder')) },
        responses: {
          201: { description: 'Created.', content: json(object({ id: string, created: { const: true } })) },
          200: { description: 'This exact order exists already.', content: json(object({ id: string, created: { const: false } })) },
          400: error('`malformed_json`.'),
          401: error('No API key, or an unknown or revoked one.'),
          409: error('`conflict`: the id exists with other contents; nothing changed.'),
          413: error('`too_large`.'),
          422: error('`invalid_request`, with `issues`.'),
        },
      },
    },
    '/shop': {
      get: {
        summary: "The shop's configuration with the latest published texts",
        security: deviceAuth,
        responses: { 200: { description: 'null before the first set-up.', content: json(object({ shop: { oneOf: [{ type: 'null' }, ref('ShopConfig')] } })) }, ...authErrors },
      },
      put: {
        summary: 'Store the shop the first tablet was set up with',
        description: 'Only while the server has no shop. Afterwards texts change only by the owner publishing a new version.',
        security: deviceAuth,
        requestBody: { required: true, content: json(ref('ShopConfig')) },
        responses: {
          201: { description: 'Stored.', content: json(object({ shop: ref('ShopConfig') })) },
          400: error('`malformed_json`.'),
          ...authErrors,
          409: error('`conflict`: there is a shop already.'),
          413: error('`too_large`.'),
          422: error('`invalid_request`, with `issues`.'),
        },
      },
    },
  },
} as const;
