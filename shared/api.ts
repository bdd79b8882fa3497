/**
 * The sync protocol between tablet and server, /api/v1: request and response shapes as schemas,
 * so both sides validate the same way. The server also serves these as OpenAPI at
 * /api/v1/openapi.json. Errors are always JSON: { error: ApiErrorCode, message: string }.
 */
import * as v from 'valibot';
import { ShopConfigSchema, StaffMemberSchema, PendingOrderSchema } from './shop';

export const API_BASE = '/api/v1';

/** At most this many records per upload; the tablet sends smaller batches. */
export const MAX_BATCH_RECORDS = 100;
/** At most this many bytes per request body (a record with its signature is ~50–150 KB). */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

export type ApiErrorCode =
  | 'unauthenticated' // no token
  | 'invalid_token' // unknown token
  | 'device_revoked' // the owner revoked this tablet
  | 'invalid_code' // enrolment code unknown, used or expired
  | 'malformed_json'
  | 'invalid_request' // the envelope is wrong (missing fields, wrong types)
  | 'invalid_record' // one or more records fail the shared schema or their hash
  | 'too_large'
  | 'conflict' // an order id that exists already
  | 'not_found'
  | 'too_many_attempts' // too many wrong enrolment codes from one address; wait a minute
  | 'server_error';

export interface ApiError {
  error: ApiErrorCode;
  message: string;
  /** For invalid_record: which records, and why (i18n keys from shared/record.ts). */
  records?: Array<{ index: number; id: string | null; issues: Array<{ path: string; message: string }> }>;
  /** For invalid_request: what is wrong with the body, by dotted path (plain English). */
  issues?: Array<{ path: string; message: string }>;
}

// POST /api/v1/enrol — no token; the one-time enrolment code is the credential.
export const EnrolRequestSchema = v.strictObject({
  code: v.pipe(v.string(), v.trim(), v.minLength(4), v.maxLength(64)),
  deviceName: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(80)),
});
export type EnrolRequest = v.InferOutput<typeof EnrolRequestSchema>;
const enrolResponseEntries = {
  deviceId: v.string(),
  /** Shown once; the server keeps only its SHA-256. Sent afterwards as `Authorization: Bearer <token>`. */
  token: v.string(),
  /** The name the server stored: the one asked for, or numbered when another tablet has it ("Tablet Theke 2"). */
  deviceName: v.pipe(v.string(), v.minLength(1), v.maxLength(80)),
  /** The shop's configuration, or null when no tablet has set it up yet (then this tablet does). */
  shop: v.nullable(ShopConfigSchema),
  /** Staff the server knows (the demo shop has one); usually empty, staff are made on the tablet. */
  staff: v.array(StaffMemberSchema),
};
/** What this server answers: always with `deviceName`. */
export const EnrolResponseSchema = v.strictObject(enrolResponseEntries);
export type EnrolResponse = v.InferOutput<typeof EnrolResponseSchema>;
/**
 * What a tablet accepts: a server older than `deviceName` sends none, and the tablet keeps the name
 * it typed; a newer server may add fields, which this tablet ignores rather than refusing to enrol.
 */
export const EnrolAnswerSchema = v.object({ ...enrolResponseEntries, deviceName: v.optional(enrolResponseEntries.deviceName) });

// POST /api/v1/records — device token. Body: { records: SignedRecord[] } (1..MAX_BATCH_RECORDS).
// All records are validated first; if any is invalid the answer is 422 invalid_record and nothing
// of the batch is stored. Otherwise 200 with one result per record, in order.
export const RECORD_RESULTS = ['stored', 'duplicate', 'conflict'] as const;
export type RecordResultStatus = (typeof RECORD_RESULTS)[number];
export const UploadResponseSchema = v.strictObject({
  results: v.array(
    v.strictObject({
      id: v.string(),
      /** stored: new; duplicate: same id and hash as before (acknowledged again); conflict: same id, other hash, kept aside. */
      status: v.picklist(RECORD_RESULTS),
      /** When the server first received this record (for a conflict: when it received this version). */
      receivedAt: v.string(),
    }),
  ),
});
export type UploadResponse = v.InferOutput<typeof UploadResponseSchema>;

// GET /api/v1/orders — device token. The open orders the shop's software pushed, not yet signed.
export const OrdersResponseSchema = v.strictObject({ orders: v.array(PendingOrderSchema) });
export type OrdersResponse = v.InferOutput<typeof OrdersResponseSchema>;

// POST /api/v1/orders — the shop's software, with an API key as Bearer token. Body: a PendingOrder.
// 201 created, 200 if exactly the same order exists, 409 conflict if the id exists with other data.

// GET /api/v1/shop — device token. The shop's configuration with the latest published texts.
// PUT /api/v1/shop — device token; only while the server has no shop yet (the first tablet's setup).
export const ShopResponseSchema = v.strictObject({ shop: v.nullable(ShopConfigSchema) });
export type ShopResponse = v.InferOutput<typeof ShopResponseSchema>;
