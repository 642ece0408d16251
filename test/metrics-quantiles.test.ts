import { describe, expect, it } from 'vitest';
import { maximum, nearestRank, quantile, quantilesInPlace } from '../src/metrics/quantiles.ts';

describe('nearest-rank quantiles', () => {
  it('matches the textbook example (15, 20, 35, 40, 50)', () => {
    // k = ⌈p·n⌉: p30 → ⌈1.5⌉ = 2 → 20; p40 → 2 → 20; p50 → ⌈2.5⌉ = 3 → 35; p100 → 5 → 50.
    const values = [50, 15, 40, 35, 20];
    expect(quantile(values, 0.3)).toBe(20);
    expect(quantile(values, 0.4)).toBe(20);
    expect(quantile(values, 0.5)).toBe(35);
    expect(quantile(values, 1)).toBe(50);
    expect(quantile(values, 0.05)).toBe(15);
  });

  it('is null for an empty sample', () => {
    expect(quantile([], 0.95)).toBeNull();
    expect(quantilesInPlace(new Float64Array(0), [0.5, 0.99])).toEqual([null, null]);
    expect(maximum([])).toBeNull();
  });

  it('takes ranks that are integers in exact arithmetic as integers', () => {
    expect(nearestRank(0.07, 100)).toBe(7); // 0.07 × 100 = 7.000000000000001 in floating point
    expect(nearestRank(0.025, 2000)).toBe(50);
    expect(nearestRank(0.975, 2000)).toBe(1950);
    expect(nearestRank(0.95, 20)).toBe(19);
    expect(nearestRank(0.95, 21)).toBe(20); // 19.95 → 20
    expect(nearestRank(0.001, 10)).toBe(1);
  });

  it('finds p50, p90, p95 and p99 of 1..100 shuffled at 50, 90, 95, 99', () => {
    const values = new Float64Array(100);
    for (let index = 0; index < 100; index++) values[index] = ((index * 37) % 100) + 1;
    expect(quantilesInPlace(values, [0.99, 0.5, 0.95, 0.9])).toEqual([99, 50, 95, 90]);
  });

  it('agrees with a full sort on samples with many ties and any order', () => {
    let state = 7;
    const next = () => {
      state = (state * 48271) % 2147483647;
      return state;
    };
    for (let trial = 0; trial < 200; trial++) {
      const size = 1 + (next() % 60);
      const values = Array.from({ length: size }, () => next() % 12);
      const sorted = [...values].sort((a, b) => a - b);
      const ps = [0.01, 0.5, 0.9, 0.95, 0.99, 1];
      const expected = ps.map((p) => sorted[Math.ceil(p * size - 1e-9) - 1] ?? sorted[0]);
      expect(quantilesInPlace(Float64Array.from(values), ps)).toEqual(expected);
    }
  });

  it('counts only the first `count` entries', () => {
    const values = new Float64Array([3, 1, 2, 1000, 1000]);
    expect(quantilesInPlace(values, [1], 3)).toEqual([3]);
    expect(maximum(values, 3)).toBe(3);
  });
});
