/**
 * The signature pad as the product brief asks for it: sharp on a high-DPI screen, the signature
 * kept through rotating the tablet and back, and the page standing still while a finger signs.
 */
import { expect, test, type Page } from '@playwright/test';
import { handTabletToCustomer, setUpDemoShop, unlockAsStaff } from './support/actions';
import { ERIKA, customerGoesOnTo, customerSigns, expectSignatureSavedWhole, inkOnPad, storedDraft } from './support/kiosk-checks';
import { fingerDrawsOnPad } from './support/sign';

const LANDSCAPE = { width: 1180, height: 820 };
const PORTRAIT = { width: 820, height: 1180 };

async function customerAtThePad(page: Page): Promise<void> {
  await setUpDemoShop(page);
  await unlockAsStaff(page);
  await handTabletToCustomer(page, ERIKA.name);
  await customerGoesOnTo(page, 'signature');
}

/** The canvas's backing store and its size on screen (CSS pixels). */
function padSizes(page: Page) {
  return page.getByTestId('signature-pad').evaluate((canvas: HTMLCanvasElement) => ({
    width: canvas.width,
    height: canvas.height,
    cssWidth: canvas.getBoundingClientRect().width,
    cssHeight: canvas.getBoundingClientRect().height,
  }));
}

test.describe('on a high-DPI screen', () => {
  test.use({ deviceScaleFactor: 2 });

  test('the canvas has two device pixels for every CSS pixel, so the ink is sharp', async ({ page }) => {
    await customerAtThePad(page);
    const size = await padSizes(page);
    expect(size.cssWidth).toBeGreaterThan(100);
    expect(Math.abs(size.width - size.cssWidth * 2)).toBeLessThanOrEqual(1);
    expect(Math.abs(size.height - size.cssHeight * 2)).toBeLessThanOrEqual(1);
  });
});

test('turning the tablet to portrait and back keeps the signature, drawn and stored', async ({ page }) => {
  await page.setViewportSize(LANDSCAPE);
  await customerAtThePad(page);
  await customerSigns(page);
  await expectSignatureSavedWhole(page);
  const strokes = (await storedDraft(page))?.signature?.strokes;
  const landscape = { size: await padSizes(page), ink: await inkOnPad(page) };

  await page.setViewportSize(PORTRAIT);
  await expect.poll(async () => (await padSizes(page)).cssWidth).not.toBe(landscape.size.cssWidth);
  // Redrawn to the new size: ink of about the same share of the pad (the pen's width stays).
  await expect.poll(() => inkOnPad(page)).toBeGreaterThan(landscape.ink * 0.3);

  await page.setViewportSize(LANDSCAPE);
  await expect.poll(async () => (await padSizes(page)).cssWidth).toBe(landscape.size.cssWidth);
  await expect.poll(() => inkOnPad(page)).toBeGreaterThan(landscape.ink * 0.9);
  expect(await inkOnPad(page)).toBeLessThan(landscape.ink * 1.1);
  expect((await storedDraft(page))?.signature?.strokes).toEqual(strokes);
});

test.describe('with a finger on a touch screen', () => {
  test.use({ hasTouch: true });

  test('the page does not scroll while the customer signs', async ({ page }) => {
    // Low enough that the signature step is taller than the screen: the page could scroll.
    await page.setViewportSize({ width: 1180, height: 560 });
    await customerAtThePad(page);
    const pad = page.getByTestId('signature-pad');
    await pad.scrollIntoViewIfNeeded();
    const room = await page.evaluate(() => ({ y: window.scrollY, max: document.documentElement.scrollHeight - window.innerHeight }));
    expect(room.max, 'the page must be able to scroll, or this test proves nothing').toBeGreaterThan(50);

    // A finger moving up would scroll the page down (and down, up): drag where there is room, on
    // the upper part of the pad (the step's buttons stay at the bottom of the screen, over it).
    const up = room.y < room.max;
    const line = Array.from({ length: 12 }, (_, i) => ({ x: 0.2 + i * 0.05, y: up ? 0.55 - i * 0.04 : 0.1 + i * 0.04 }));
    const box = (await pad.boundingBox())!;
    const onPad = await page.evaluate(
      (points) => points.every((p) => document.elementFromPoint(p.x, p.y)?.getAttribute('data-testid') === 'signature-pad'),
      [line[0]!, line[line.length - 1]!].map((p) => ({ x: box.x + p.x * box.width, y: box.y + p.y * box.height })),
    );
    expect(onPad, 'the finger must land on the pad itself').toBe(true);
    await fingerDrawsOnPad(page, pad, line);

    await expect.poll(() => inkOnPad(page)).toBeGreaterThan(100);
    // A scroll would land a moment after the touch ends (the same drag over the heading scrolls).
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => window.scrollY)).toBe(room.y);
  });
});
