import { describe, expect, it } from 'vitest';
import { createPredictionCache } from '../src/learn/prediction-cache.ts';

const valuesOf = (serial: number, width: number) =>
  Float64Array.from({ length: width }, (_, index) => Math.sin(serial * 7 + index) / 3);

describe('prediction cache', () => {
  it('returns exactly what was kept, per request object, across growth', () => {
    const width = 13;
    const cache = createPredictionCache(width);
    const requests = Array.from({ length: 5000 }, (_, index) => ({ index }));
    const out = new Float64Array(width);
    expect(cache.read(requests[0]!, out)).toBe(false);
    for (const [serial, request] of requests.entries()) cache.keep(request, valuesOf(serial, width));
    requests.forEach((request, serial) => {
      out.fill(Number.NaN);
      expect(cache.read(request, out)).toBe(true);
      expect([...out]).toEqual([...valuesOf(serial, width)]);
    });
    expect(cache.read({ index: 0 }, out)).toBe(false); // another object with the same content
  });

  it('keeps only the first width numbers of a longer buffer', () => {
    const cache = createPredictionCache(2);
    const request = {};
    cache.keep(request, Float64Array.of(1, 2, 3));
    const out = Float64Array.of(9, 9, 9);
    expect(cache.read(request, out)).toBe(true);
    expect([...out]).toEqual([1, 2, 9]);
  });

  it('reuses the oldest slots past its capacity: evicted requests read as missing, kept ones exact', () => {
    const width = 3;
    const cache = createPredictionCache(width, 8);
    const requests = Array.from({ length: 20 }, () => ({}));
    for (const [serial, request] of requests.entries()) cache.keep(request, valuesOf(serial, width));
    const out = new Float64Array(width);
    const held = requests.map((request) => cache.read(request, out));
    expect(held).toEqual(requests.map((_, serial) => serial >= 12));
    expect(cache.read(requests[19]!, out)).toBe(true);
    expect([...out]).toEqual([...valuesOf(19, width)]);
    // A request kept again after eviction gets a fresh slot.
    cache.keep(requests[0]!, valuesOf(0, width));
    expect(cache.read(requests[0]!, out)).toBe(true);
    expect([...out]).toEqual([...valuesOf(0, width)]);
    expect(cache.read(requests[12]!, out)).toBe(false);
  });
});
