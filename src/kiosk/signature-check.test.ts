import { describe, expect, it } from 'vitest';
import type { Stroke } from '../../shared/record';
import { checkSignature } from './signature-check';

const pad = { width: 800, height: 280 };

/** A stroke through the given points, 16 ms apart, as signature_pad records it. */
function stroke(points: [number, number][], start = 0): Stroke {
  return { points: points.map(([x, y], i) => ({ x, y, time: start + i * 16, pressure: 0.5 })) };
}

/** A wavy line like a hand-written name: many points across a good part of the pad. */
function wave(x0: number, y0: number, width: number, height: number, n: number): [number, number][] {
  return Array.from({ length: n }, (_, i) => [x0 + (width * i) / (n - 1), y0 + (height / 2) * Math.sin(i / 2)]);
}

describe('checkSignature', () => {
  it('calls no strokes empty', () => {
    expect(checkSignature([], pad)).toBe('empty');
  });

  it('refuses a dot', () => {
    expect(checkSignature([stroke([[400, 140]])], pad)).toBe('trivial');
  });

  it('refuses a single tiny stroke', () => {
    expect(checkSignature([stroke(wave(400, 140, 30, 8, 14))], pad)).toBe('trivial');
  });

  it('refuses a scribble squeezed into a tiny box, however much ink it has', () => {
    const scribble = Array.from({ length: 60 }, (_, i): [number, number] => [400 + (i % 2) * 40, 140 + (i % 3) * 6]);
    expect(checkSignature([stroke(scribble)], pad)).toBe('trivial');
  });

  it('refuses a quick flick with too few points', () => {
    expect(checkSignature([stroke([[100, 100], [200, 110], [300, 120], [400, 130]])], pad)).toBe('trivial');
  });

  it('refuses a short stroke with too little ink even if it has points', () => {
    const short: [number, number][] = Array.from({ length: 12 }, (_, i) => [400 + i * 3, 120 + i * 2]);
    expect(checkSignature([stroke(short)], pad)).toBe('trivial');
  });

  it('accepts a hand-written name', () => {
    const name = [stroke(wave(120, 150, 260, 80, 40)), stroke(wave(400, 140, 220, 60, 30), 2000)];
    expect(checkSignature(name, pad)).toBe('ok');
  });

  it('accepts a flat but long signature', () => {
    expect(checkSignature([stroke(wave(100, 150, 500, 10, 40))], pad)).toBe('ok');
  });
});
