import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, portableSha256Hex, sha256Hex } from './canonical';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops white space', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('is the same for the same value whatever the key order', () => {
    expect(canonicalJson({ x: 1, y: [1, 2], z: null })).toBe(canonicalJson({ z: null, y: [1, 2], x: 1 }));
  });

  it('survives a JSON round trip, floats included', () => {
    const value = { p: 0.1 + 0.2, q: 1e-7, r: 123456.789, s: 'Grüße €' };
    expect(canonicalJson(JSON.parse(JSON.stringify(value)))).toBe(canonicalJson(value));
  });

  it('writes what JSON.stringify writes once the keys are sorted', () => {
    const value = { z: [1, -0, 1e21, 5e-7, 'a"b\\c\u2028', true, null, { '': 1, A: 2, a: 3, ä: 4, '\ud83d\ude00': 5 }], a: { u: undefined, n: 0 } };
    const sorted = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(sorted) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted((v as Record<string, unknown>)[k])])) : v;
    expect(canonicalJson(value)).toBe(JSON.stringify(sorted(value)));
  });

  it('orders many keys exactly as the default sort does', () => {
    const keys = ['time', 'pressure', 'y', 'x', 'Z', 'aa', 'a', '', 'ä', 'é', '\ud83d\ude00', '\uffff', '10', '9', 'hash', 'health', 'id'];
    const value = Object.fromEntries(keys.map((k, i) => [k, i]));
    const expected = `{${[...keys].sort().map((k) => `${JSON.stringify(k)}:${keys.indexOf(k)}`).join(',')}}`;
    expect(canonicalJson(value)).toBe(expected);
  });

  it('refuses what JSON cannot carry', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow();
    expect(() => canonicalJson({ a: Infinity })).toThrow();
    expect(() => canonicalJson({ a: () => 1 })).toThrow();
  });
});

describe('sha256Hex', () => {
  it('matches the published test vectors', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('hashes UTF-8 exactly as node:crypto does', () => {
    for (const text of ['ä', 'Grüße aus Köln – 12,50 €', '😀 emoji', canonicalJson({ a: 'ß' })]) {
      expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    }
  });

  // The server hashes natively, the tablet with @noble/hashes: both must give the same hash.
  it('gives the same hash natively and portably, lone surrogates included', () => {
    for (const text of ['', 'abc', 'Grüße – €', '😀', 'lone \ud800 surrogate', 'x'.repeat(100_000)]) {
      expect(sha256Hex(text)).toBe(portableSha256Hex(text));
    }
  });
});
