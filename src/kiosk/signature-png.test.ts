import { crc32, inflateSync } from 'node:zlib';
import { jsPDF } from 'jspdf';
import { describe, expect, it } from 'vitest';
import { inkPng, inkPngDataUrl } from './signature-png';

function chunks(png: Uint8Array): Array<{ type: string; data: Buffer; crcOk: boolean }> {
  const buf = Buffer.from(png);
  const out = [];
  for (let at = 8; at < buf.length; ) {
    const length = buf.readUInt32BE(at);
    const type = buf.toString('ascii', at + 4, at + 8);
    const data = buf.subarray(at + 8, at + 8 + length);
    out.push({ type, data, crcOk: crc32(buf.subarray(at + 4, at + 8 + length)) === buf.readUInt32BE(at + 8 + length) });
    at += 12 + length;
  }
  return out;
}

describe('inkPng', () => {
  const width = 5;
  const height = 3;
  const data = new Uint8ClampedArray(width * height * 4);
  // Pen-coloured pixels at several coverages, as the pad leaves them (unpremultiplied read-back).
  [0, 1, 7, 128, 200, 255, 0, 3, 90, 254, 255, 0, 0, 17, 64].forEach((alpha, i) => data.set([0x10, 0x15, 0x1c, alpha], i * 4));

  it('is a valid indexed PNG whose every pixel keeps its alpha, in the pen colour', () => {
    const png = inkPng({ width, height, data }, '#10151c');
    expect([...png.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    const parts = chunks(png);
    expect(parts.map((c) => c.type)).toEqual(['IHDR', 'PLTE', 'tRNS', 'IDAT', 'IEND']);
    expect(parts.every((c) => c.crcOk)).toBe(true);
    const ihdr = parts[0]!.data;
    expect([ihdr.readUInt32BE(0), ihdr.readUInt32BE(4), ihdr[8], ihdr[9]]).toEqual([width, height, 8, 3]);
    const palette = parts[1]!.data;
    const alphas = parts[2]!.data;
    const rows = inflateSync(parts[3]!.data);
    expect(rows.length).toBe((width + 1) * height);
    for (let y = 0; y < height; y++) {
      expect(rows[y * (width + 1)]).toBe(0);
      for (let x = 0; x < width; x++) {
        const index = rows[y * (width + 1) + 1 + x]!;
        const i = y * width + x;
        expect([...palette.subarray(index * 3, index * 3 + 3), alphas[index]]).toEqual([0x10, 0x15, 0x1c, data[i * 4 + 3]]);
      }
    }
  });

  it('is a PNG data URL', () => {
    const url = inkPngDataUrl({ width, height, data }, '#10151c');
    expect(url.startsWith('data:image/png;base64,')).toBe(true);
    expect(Buffer.from(url.slice(22), 'base64')).toEqual(Buffer.from(inkPng({ width, height, data }, '#10151c')));
  });

  it('refuses a pen colour it cannot put in a palette', () => {
    expect(() => inkPng({ width, height, data }, 'rgb(0,0,0)')).toThrow();
  });

  it('keeps every alpha and goes into the PDF receipt (jsPDF checks every CRC): odd widths, a single pixel, an empty canvas', () => {
    for (const [w, h, ink] of [[333, 101, true], [7, 3, true], [1, 1, true], [20, 10, false]] as const) {
      const pixels = new Uint8ClampedArray(w * h * 4);
      if (ink) for (let x = 0; x < w; x++) pixels.set([0x10, 0x15, 0x1c, (x * 37) % 256], ((x % h) * w + x) * 4);
      const png = inkPng({ width: w, height: h, data: pixels }, '#10151c');
      const parts = chunks(png);
      expect(parts.every((c) => c.crcOk)).toBe(true);
      const rows = inflateSync(parts[3]!.data);
      expect(rows.length).toBe((w + 1) * h);
      for (let i = 0; i < w * h; i++) expect(parts[2]!.data[rows[Math.floor(i / w) * (w + 1) + 1 + (i % w)]!]).toBe(pixels[i * 4 + 3]);
      const doc = new jsPDF();
      doc.addImage(inkPngDataUrl({ width: w, height: h, data: pixels }, '#10151c'), 'PNG', 10, 10, 70, 30, undefined, 'FAST');
      expect(doc.output('arraybuffer').byteLength).toBeGreaterThan(0);
    }
  });
});
