/**
 * Replays the recorded signature on the pad as real pen input: Chrome DevTools Protocol mouse
 * events with pointerType "pen" and the recorded pressure, paced by the recorded timestamps.
 */
import type { CDPSession, Locator, Page } from '@playwright/test';
import { SIGNATURE_STROKES, type FixturePoint } from '../fixtures/signature-strokes';

// One DevTools session per page, never detached: detaching resets the page's emulated navigator.onLine.
const sessions = new WeakMap<Page, Promise<CDPSession>>();
function cdpFor(page: Page): Promise<CDPSession> {
  let session = sessions.get(page);
  if (!session) sessions.set(page, (session = page.context().newCDPSession(page)));
  return session;
}

export interface SignOptions {
  strokes?: readonly (readonly FixturePoint[])[];
  /** 1 replays at the recorded pace; 4 replays four times as fast. */
  speed?: number;
}

export async function signOnPad(page: Page, pad: Locator, options: SignOptions = {}): Promise<void> {
  const { strokes = SIGNATURE_STROKES, speed = 4 } = options;
  await pad.scrollIntoViewIfNeeded();
  const box = await pad.boundingBox();
  if (!box) throw new Error('signOnPad: the signature pad is not visible');
  const cdp = await cdpFor(page);
  const at = (p: FixturePoint) => ({ x: box.x + p.x * box.width, y: box.y + p.y * box.height, force: p.p, pointerType: 'pen' as const });
  let clock = strokes[0]?.[0]?.t ?? 0;
  const wait = async (t: number) => {
    const ms = (t - clock) / speed;
    clock = t;
    if (ms >= 1) await new Promise((r) => setTimeout(r, ms));
  };
  for (const stroke of strokes) {
    const [first, ...rest] = stroke;
    if (!first) continue;
    await wait(first.t);
    await cdp.send('Input.dispatchMouseEvent', { type: 'mouseMoved', ...at(first), button: 'none' });
    await cdp.send('Input.dispatchMouseEvent', { type: 'mousePressed', ...at(first), button: 'left', buttons: 1, clickCount: 1 });
    let sent = first.t;
    for (const [i, p] of rest.entries()) {
      // signature_pad keeps at most one point per 16 ms, and each CDP event costs about a frame.
      if (p.t - sent < 16 && i < rest.length - 1) continue;
      sent = p.t;
      await wait(p.t);
      await cdp.send('Input.dispatchMouseEvent', { type: 'mouseMoved', ...at(p), button: 'left', buttons: 1 });
    }
    const last = stroke[stroke.length - 1]!;
    await cdp.send('Input.dispatchMouseEvent', { type: 'mouseReleased', ...at(last), button: 'left', buttons: 0, clickCount: 1 });
  }
}

/** A single tap on the pad: the kind of "signature" that must be refused. */
export async function tapOnPad(page: Page, pad: Locator): Promise<void> {
  const dot: FixturePoint[] = [{ x: 0.5, y: 0.5, t: 0, p: 0.5 }, { x: 0.502, y: 0.5, t: 8, p: 0.5 }];
  await signOnPad(page, pad, { strokes: [dot] });
}

/**
 * A finger drawing on the pad: Chrome DevTools Protocol touch events (touchStart, touchMove …,
 * touchEnd) along the given points, in fractions of the pad's box. The browser treats them as a
 * real touch screen would, scrolling included, unless the page stops it.
 */
export async function fingerDrawsOnPad(page: Page, pad: Locator, points: ReadonlyArray<{ x: number; y: number }>): Promise<void> {
  const box = await pad.boundingBox();
  if (!box) throw new Error('fingerDrawsOnPad: the signature pad is not visible');
  const cdp = await cdpFor(page);
  const at = (p: { x: number; y: number }) => [{ x: box.x + p.x * box.width, y: box.y + p.y * box.height, id: 1, radiusX: 4, radiusY: 4, force: 0.5 }];
  const [first, ...rest] = points;
  if (!first) return;
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(first) });
  for (const p of rest) {
    await new Promise((r) => setTimeout(r, 20));
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(p) });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}
