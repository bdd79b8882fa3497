/**
 * How the API refuses: always JSON { error, message } (shared/api.ts) with a 4xx/5xx status, a
 * stable code for programs and a plain English sentence for the person reading a log. Also the
 * body reading every JSON endpoint shares, so each refuses bad input the same way.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import * as v from 'valibot';
import type { ApiError, ApiErrorCode } from '../../shared/api';

export function apiError(
  c: Context,
  status: ContentfulStatusCode,
  error: ApiErrorCode,
  message: string,
  extra: Omit<ApiError, 'error' | 'message'> = {},
): Response {
  return c.json<ApiError>({ error, message, ...extra }, status);
}

/** Refuses a body above maxBytes with 413 before anything reads it; hint says what to do instead. */
export function limitBody(maxBytes: number, hint = ''): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: (c) => apiError(c, 413, 'too_large', `The request body is larger than the limit of ${formatBytes(maxBytes)}${hint ? `; ${hint}` : ''}.`),
  });
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / 1024 / 1024).toFixed(1)} MiB (${bytes} bytes)`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KiB (${bytes} bytes)`;
  return `${bytes} bytes`;
}

export type JsonBody = { ok: true; value: unknown } | { ok: false; response: Response };

/** The request body parsed as JSON, or a 400 malformed_json refusal. */
export async function readJson(c: Context): Promise<JsonBody> {
  const text = await c.req.text();
  if (text.trim() === '') return { ok: false, response: apiError(c, 400, 'malformed_json', 'The request body is empty; send a JSON object.') };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const why = error instanceof SyntaxError ? error.message : 'it cannot be parsed';
    return { ok: false, response: apiError(c, 400, 'malformed_json', `The request body is not valid JSON: ${why}.`) };
  }
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; issues: Array<{ path: string; message: string }> };

/** Validates with a valibot schema and names each problem by its dotted path, in plain English. */
export function parseBody<S extends v.GenericSchema>(schema: S, input: unknown): Parsed<v.InferOutput<S>> {
  const result = v.safeParse(schema, input);
  if (result.success) return { ok: true, value: result.output };
  return { ok: false, issues: result.issues.map((issue) => ({ path: v.getDotPath(issue) ?? '', message: issue.message })) };
}

/** "Bearer abc" → "abc"; anything else → null. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer[ ]+([A-Za-z0-9._~+/=-]+)\s*$/i.exec(header ?? '');
  return match ? match[1]! : null;
}
