/**
 * fetch() for the sync API with a timeout, the device token and JSON both ways. It never throws:
 * every result, a network failure included, comes back as an outcome for shared/sync-plan.ts.
 */
import { API_BASE } from '../../shared/api';
import type { UploadOutcome } from '../../shared/sync-plan';

export interface ApiCall {
  method: 'GET' | 'POST' | 'PUT';
  /** Below /api/v1, e.g. '/records'. */
  path: string;
  token?: string;
  /**
   * JSON, already serialised so the caller can measure it. A large upload goes as a Blob: Chromium
   * hands a string or byte body over to the network several times slower than a Blob.
   */
  body?: string | Blob;
  signal?: AbortSignal;
  timeoutMs?: number;
}

export async function callApi(call: ApiCall): Promise<UploadOutcome> {
  if (call.signal?.aborted) return { kind: 'aborted' };
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, call.timeoutMs ?? 30_000);
  const stop = () => controller.abort();
  call.signal?.addEventListener('abort', stop, { once: true });
  try {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    if (call.token) headers.authorization = `Bearer ${call.token}`;
    const response = await fetch(`${API_BASE}${call.path}`, {
      method: call.method,
      headers,
      body: call.body,
      signal: controller.signal,
      cache: 'no-store',
      credentials: 'same-origin',
    });
    const text = await response.text();
    let body: unknown = null;
    if (response.headers.get('content-type')?.includes('json')) {
      try {
        body = JSON.parse(text);
      } catch {
        body = null;
      }
    }
    return { kind: 'response', status: response.status, body };
  } catch (error) {
    if (timedOut) return { kind: 'timeout' };
    if (call.signal?.aborted) return { kind: 'aborted' };
    const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
    return { kind: 'network', offline, message: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
    call.signal?.removeEventListener('abort', stop);
  }
}
