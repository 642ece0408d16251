/**
 * The paired bootstrap's weights past BUCKETED_FROM requests are counted bucket by bucket (the
 * cache-friendly path a month-long run takes): they must be the very counts of one increment per
 * draw, or every interval of a large run would move.
 */
import { describe, expect, it } from 'vitest';
import { hashKey } from '../src/contracts/index.ts';
import { BUCKETED_FROM, fillBucketed, fillDirect, fillWeights, pairedPlan } from '../src/metrics/resample.ts';

function firstDifference(a: Uint32Array, b: Uint32Array): number {
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return index;
  return -1;
}

describe('bucketed weights', () => {
  for (const n of [BUCKETED_FROM, BUCKETED_FROM + 12_345, 3 * 65_536, 65_535, 1]) {
    it(`equal one increment per draw, n = ${n}`, () => {
      for (const start of [0x7fffffff, -123_456_789]) {
        const direct = new Uint32Array(n);
        const bucketed = new Uint32Array(n);
        expect(fillDirect(start, n, direct)).toBe(n);
        expect(fillBucketed(start, n, bucketed)).toBe(n);
        expect(firstDifference(direct, bucketed)).toBe(-1);
      }
    });
  }

  it('are what fillWeights gives past BUCKETED_FROM (the resample stream 101 of the seed)', () => {
    const n = BUCKETED_FROM + 7;
    const plan = pairedPlan(n, 42, 3);
    const weights = new Uint32Array(n).fill(9);
    const direct = new Uint32Array(n);
    fillDirect(hashKey(42, 101, 2), n, direct);
    expect(fillWeights(plan, 2, weights)).toBe(n);
    expect(firstDifference(weights, direct)).toBe(-1);
    // The test can fail: another resample's weights differ.
    fillWeights(plan, 1, weights);
    expect(firstDifference(weights, direct)).toBeGreaterThanOrEqual(0);
  });
});
