/**
 * The OpenAPI document stays true to the code: every route is described, every documented schema
 * has exactly its valibot schema's properties, required keys, types and limits, and every body
 * limit is the one the endpoint enforces (probed at the limit and one byte above).
 */
import type * as v from 'valibot';
import { beforeAll, describe, expect, it } from 'vitest';
import { EnrolRequestSchema, EnrolResponseSchema, MAX_BODY_BYTES, OrdersResponseSchema, ShopResponseSchema, UploadResponseSchema } from '../../shared/api';
import { CounterEventSchema, CounterEventsRequestSchema, CounterEventsResponseSchema } from '../../shared/consent';
import { ContactSchema, OrderSchema, SignedRecordSchema } from '../../shared/record';
import { PendingOrderSchema, ShopConfigSchema, ShopTextSchema, StaffMemberSchema } from '../../shared/shop';
import { MAX_CONSENT_EVENTS_BYTES } from '../consents/consent-events-api';
import { MAX_ENROL_BYTES } from '../devices/enrol-api';
import { MAX_ORDER_BYTES } from '../orders/orders-api';
import { UploadEnvelopeSchema } from '../records/records-api';
import { bearer, enrolTablet, makeApiKey, makeTestApp, type TestApp } from '../test-app';
import { BODY_LIMITS, openApiDocument } from './openapi';

type Json = Record<string, unknown>;
type Node = Json & { type?: string; pipe?: Node[]; requirement?: unknown };

const docSchemas = openApiDocument.components.schemas as Record<string, Json>;
const resolve = (doc: Json): Json => (typeof doc.$ref === 'string' ? docSchemas[doc.$ref.split('/').pop()!]! : doc);

/** A valibot schema's actions, nested pipes flattened (e.g. v.pipe(required(254), v.email())). */
function actionsOf(schema: Node): Node[] {
  const [first, ...rest] = schema.pipe ?? [];
  return [...(first?.pipe ? actionsOf(first) : []), ...rest];
}

const IGNORED_ACTIONS = new Set(['trim', 'check', 'forward', 'finite']);
const FORMATS: Record<string, string> = { email: 'email', iso_timestamp: 'date-time', iso_date: 'date', uuid: 'uuid' };
const CONSTRAINTS = ['minLength', 'maxLength', 'minItems', 'maxItems', 'minimum', 'maximum', 'pattern', 'format'];

/** What the valibot schema's actions say, in JSON Schema words. */
function constraintsOf(schema: Node, problems: string[], path: string): Json {
  const out: Json = {};
  const array = schema.type === 'array';
  for (const action of actionsOf(schema)) {
    const type = action.type!;
    if (type === 'min_length') out[array ? 'minItems' : 'minLength'] = action.requirement;
    else if (type === 'max_length') out[array ? 'maxItems' : 'maxLength'] = action.requirement;
    else if (type === 'non_empty') out[array ? 'minItems' : 'minLength'] = 1;
    else if (type === 'min_value') out.minimum = action.requirement;
    else if (type === 'max_value') out.maximum = action.requirement;
    else if (type === 'regex') out.pattern = (action.requirement as RegExp).source;
    else if (type === 'starts_with') out.pattern = `^${String(action.requirement).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`;
    else if (type in FORMATS) out.format = FORMATS[type];
    else if (type !== 'integer' && !IGNORED_ACTIONS.has(type)) problems.push(`${path}: valibot action ${type} has no counterpart here`);
  }
  return out;
}

/** Compares a documented JSON Schema with a valibot schema; pushes each difference as "path: what". */
function compare(docIn: Json, schema: Node, path: string, problems: string[]): void {
  const doc = resolve(docIn);
  const say = (what: string): void => void problems.push(`${path || '(root)'}: ${what}`);
  const kind = schema.type!;
  if (kind === 'unknown') return;
  if (kind === 'optional') return compare(doc, schema.wrapped as Node, path, problems);
  if (kind === 'nullable') {
    const oneOf = doc.oneOf as Json[] | undefined;
    if (oneOf?.length === 2 && oneOf[0]!.type === 'null') return compare(oneOf[1]!, schema.wrapped as Node, path, problems);
    if (Array.isArray(doc.type) && doc.type.includes('null')) return compare({ ...doc, type: doc.type.find((t) => t !== 'null') }, schema.wrapped as Node, path, problems);
    return say('nullable in the code, not here');
  }
  if (kind === 'union') {
    const options = schema.options as Node[];
    const anyOf = doc.anyOf as Json[] | undefined;
    if (anyOf?.length !== options.length) return say(`a union of ${options.length} in the code`);
    return options.forEach((option, i) => compare(anyOf[i]!, option, `${path}|${i}`, problems));
  }
  if (kind === 'literal') return void (doc.const !== schema.literal && say(`const ${JSON.stringify(schema.literal)} in the code, ${JSON.stringify(doc.const)} here`));
  if (kind === 'picklist') return void expect(doc.enum, path).toEqual(schema.options);

  const type = kind === 'number' && actionsOf(schema).some((a) => a.type === 'integer') ? 'integer' : kind.endsWith('object') ? 'object' : kind;
  if (doc.type !== type) say(`type ${type} in the code, ${String(doc.type)} here`);
  const documented = Object.fromEntries(CONSTRAINTS.filter((key) => key in doc).map((key) => [key, doc[key]]));
  const expected = constraintsOf(schema, problems, path);
  if (JSON.stringify(documented, Object.keys(documented).sort()) !== JSON.stringify(expected, Object.keys(expected).sort())) {
    say(`limits ${JSON.stringify(expected)} in the code, ${JSON.stringify(documented)} here`);
  }
  if (kind === 'array') return compare(doc.items as Json, schema.item as Node, `${path}[]`, problems);
  if (type !== 'object') return;

  const entries = schema.entries as Record<string, Node>;
  const properties = (doc.properties ?? {}) as Record<string, Json>;
  const keys = (o: object) => Object.keys(o).sort().join(', ');
  if (keys(entries) !== keys(properties)) say(`properties [${keys(entries)}] in the code, [${keys(properties)}] here`);
  const required = Object.keys(entries).filter((key) => entries[key]!.type !== 'optional');
  if (required.sort().join(', ') !== [...((doc.required as string[]) ?? [])].sort().join(', ')) say(`required [${required.join(', ')}] in the code, [${String(doc.required)}] here`);
  if ((kind === 'strict_object') !== (doc.additionalProperties === false)) say(`${kind} in the code, additionalProperties ${String(doc.additionalProperties)} here`);
  for (const key of Object.keys(entries)) if (properties[key]) compare(properties[key], entries[key]!, path ? `${path}.${key}` : key, problems);
}

const paths = openApiDocument.paths as unknown as Record<string, Record<string, Json>>;
const operation = (name: string) => {
  const [method, path] = name.split(' ') as [string, string];
  return paths[path]![method]!;
};
const bodyOf = (name: string) => ((operation(name).requestBody as Json).content as Record<string, Json>)['application/json']!.schema as Json;
const answerOf = (name: string, status: number) =>
  (((operation(name).responses as Record<number, Json>)[status]!.content as Record<string, Json>)['application/json']!.schema as Json);

/** Each documented schema that mirrors a valibot schema, by where it is in the document. */
const mirrors: Array<[string, Json, v.GenericSchema]> = [
  ['ShopText', docSchemas.ShopText!, ShopTextSchema],
  ['ShopConfig', docSchemas.ShopConfig!, ShopConfigSchema],
  ['StaffMember', docSchemas.StaffMember!, StaffMemberSchema],
  ['Contact', docSchemas.Contact!, ContactSchema],
  ['Order', docSchemas.Order!, OrderSchema],
  ['PendingOrder', docSchemas.PendingOrder!, PendingOrderSchema],
  ['SignedRecord', docSchemas.SignedRecord!, SignedRecordSchema],
  ['CounterEvent', docSchemas.CounterEvent!, CounterEventSchema],
  ['POST /enrol body', bodyOf('post /enrol'), EnrolRequestSchema],
  ['POST /enrol 201', answerOf('post /enrol', 201), EnrolResponseSchema],
  ['POST /records body', bodyOf('post /records'), UploadEnvelopeSchema],
  ['POST /records 200', answerOf('post /records', 200), UploadResponseSchema],
  ['POST /consent-events body', bodyOf('post /consent-events'), CounterEventsRequestSchema],
  ['POST /consent-events 200', answerOf('post /consent-events', 200), CounterEventsResponseSchema],
  ['GET /orders 200', answerOf('get /orders', 200), OrdersResponseSchema],
  ['POST /orders body', bodyOf('post /orders'), PendingOrderSchema],
  ['GET /shop 200', answerOf('get /shop', 200), ShopResponseSchema],
  ['PUT /shop body', bodyOf('put /shop'), ShopConfigSchema],
];

describe('GET /api/v1/openapi.json', () => {
  it('is public, OpenAPI 3.1, and describes every endpoint the API answers', async () => {
    const t = await makeTestApp();
    const res = await t.app.request('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as typeof openApiDocument;
    expect(doc.openapi).toBe('3.1.0');

    const routes = t.app.routes
      .filter((r) => r.path.startsWith('/api/v1/') && r.method !== 'ALL' && !r.path.includes('*'))
      .map((r) => `${r.method.toLowerCase()} ${r.path.replace('/api/v1', '')}`);
    const described = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method} ${path}`));
    expect(new Set(routes)).toEqual(new Set(described));
  });

  it('points every $ref at a schema it defines', () => {
    const refs = [...JSON.stringify(openApiDocument).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(5);
    for (const name of refs) expect(openApiDocument.components.schemas, name).toHaveProperty(name);
  });

  it.each(mirrors)('documents %s with the fields, required keys, types and limits of its valibot schema', (_name, doc, schema) => {
    const problems: string[] = [];
    compare(doc, schema as unknown as Node, '', problems);
    expect(problems).toEqual([]);
  });

  it('notices a drift: a field the code has and the document lacks, or an optional one documented as required', () => {
    const problems: string[] = [];
    const { minimiseAfterDays: _dropped, ...properties } = (docSchemas.ShopConfig as { properties: Json }).properties;
    compare({ ...docSchemas.ShopConfig, properties, required: [...Object.keys(properties), 'syncWarnDays'] }, ShopConfigSchema as unknown as Node, '', problems);
    expect(problems).toEqual([expect.stringContaining('properties ['), expect.stringContaining('required [')]);
  });
});

describe('body limits in the document', () => {
  let t: TestApp;
  let auth: Record<string, Record<string, string>>;
  beforeAll(async () => {
    t = await makeTestApp();
    const device = bearer((await enrolTablet(t)).token);
    auth = { 'post /enrol': {}, 'post /records': device, 'post /consent-events': device, 'post /orders': bearer(await makeApiKey(t)), 'put /shop': device };
  });

  it('states a limit and a 413 for every endpoint that takes a body, taken from the endpoint modules where they export it', () => {
    const withBody = Object.entries(paths).flatMap(([path, ops]) => Object.entries(ops).filter(([, op]) => op.requestBody).map(([method]) => `${method} ${path}`));
    expect(withBody.sort()).toEqual(Object.keys(BODY_LIMITS).sort());
    for (const name of withBody) {
      expect(operation(name)['x-max-body-bytes'], name).toBe(BODY_LIMITS[name as keyof typeof BODY_LIMITS]);
      expect(JSON.stringify((operation(name).responses as Json)[413]), name).toContain(`(${BODY_LIMITS[name as keyof typeof BODY_LIMITS]} bytes)`);
    }
    expect(BODY_LIMITS['post /records']).toBe(MAX_BODY_BYTES);
    expect(BODY_LIMITS['put /shop']).toBe(MAX_BODY_BYTES);
    expect(BODY_LIMITS['post /consent-events']).toBe(MAX_CONSENT_EVENTS_BYTES);
    expect(BODY_LIMITS['post /orders']).toBe(MAX_ORDER_BYTES);
    expect(BODY_LIMITS['post /enrol']).toBe(MAX_ENROL_BYTES);
  });

  it.each(Object.entries(BODY_LIMITS))('%s takes a body of exactly %i bytes and refuses one byte more with 413', async (name, limit) => {
    const [method, path] = name.split(' ') as [string, string];
    const send = (bytes: number) =>
      t.app.request(`/api/v1${path}`, { method: method.toUpperCase(), headers: { 'content-type': 'application/json', ...auth[name] }, body: 'x'.repeat(bytes) });
    const atLimit = await send(limit);
    expect(atLimit.status).toBe(400);
    expect(await atLimit.json()).toMatchObject({ error: 'malformed_json' });
    const above = await send(limit + 1);
    expect(above.status).toBe(413);
    expect(await above.json()).toMatchObject({ error: 'too_large' });
  });
});
