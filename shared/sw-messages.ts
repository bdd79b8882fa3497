/**
 * Every message between the page (src/sw-bridge.ts) and the service worker (sw/sw.ts). Both sides
 * import this module, so neither can send what the other does not understand.
 */

/** Page → worker: take over now. Sent only while the kiosk sits at the idle lock screen. */
export interface SkipWaitingMessage {
  type: 'SKIP_WAITING';
}

export type PageToWorkerMessage = SkipWaitingMessage;

const PAGE_TO_WORKER_TYPES: ReadonlySet<string> = new Set<PageToWorkerMessage['type']>(['SKIP_WAITING']);

export function isPageToWorkerMessage(data: unknown): data is PageToWorkerMessage {
  return (
    typeof data === 'object' &&
    data !== null &&
    typeof (data as { type?: unknown }).type === 'string' &&
    PAGE_TO_WORKER_TYPES.has((data as { type: string }).type)
  );
}
