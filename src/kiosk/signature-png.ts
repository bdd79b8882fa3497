/**
 * The signature's image as a small PNG. The pad draws in one pen colour, so a pixel is fully told
 * by its alpha: an 8-bit palette of the pen colour at alphas 0–255 (PLTE + tRNS) keeps every
 * pixel's coverage exactly, at a third of the size of the browser's RGBA PNG (fast compression,
 * "up" filter). Under about 60 KB a record stays inline in Chromium's IndexedDB instead of being
 * written to a file of its own, and every byte less is a byte less to sync, hash and store.
 */
import { zlibSync } from 'fflate';

export interface Rgba {
  width: number;
  height: number;
  /** RGBA, 4 bytes a pixel, row by row (ImageData.data). */
  data: Uint8ClampedArray | Uint8Array;
}

/** A data: URL of the pixels as an indexed PNG in the pen colour ('#rrggbb'); only alpha is read. */
export function inkPngDataUrl(image: Rgba, penColor: string): string {
  return `data:image/png;base64,${toBase64(inkPng(image, penColor))}`;
}

export function inkPng({ width, height, data }: Rgba, penColor: string): Uint8Array {
  const rgb = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(penColor);
  if (!rgb) throw new Error(`inkPng: pen colour ${penColor} is not #rrggbb`);
  // Filter "none" for every row: on sparse ink it compresses better than the others.
  const rows = new Uint8Array((width + 1) * height);
  for (let y = 0, src = 3, dst = 1; y < height; y++, dst++) {
    for (let x = 0; x < width; x++, src += 4) rows[dst++] = data[src]!;
  }
  const pen = [parseInt(rgb[1]!, 16), parseInt(rgb[2]!, 16), parseInt(rgb[3]!, 16)];
  const palette = new Uint8Array(256 * 3);
  const alphas = new Uint8Array(256);
  for (let i = 0; i < 256; i++) {
    palette.set(pen, i * 3);
    alphas[i] = i;
  }
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, 3, 0, 0, 0], 8); // 8 bits, indexed colour, deflate, no filter choice per row, no interlace
  return concat([
    new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('PLTE', palette),
    chunk('tRNS', alphas),
    chunk('IDAT', zlibSync(rows, { level: 6 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

let crcTable: Uint32Array | undefined;

function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = crcTable[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
