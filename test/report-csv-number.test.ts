/**
 * fixedCell (the decision log's number cells) must print exactly what String(fixed(value)) prints,
 * for every value: checked over random values at every scale decisions.csv can hold and beyond,
 * the values next to every kind of rounding tie, and the powers of ten where the digit count
 * changes. The generator is seeded, so a failure names a reproducible value.
 */
import { describe, expect, it } from 'vitest';
import { fixedCell, fixedCellSlow } from '../src/report/csv-number.ts';

/** mulberry32: a small seeded generator for the test's values. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/** The double next to `value` towards +∞ (steps > 0) or −∞. */
function nextDouble(value: number, steps: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  view.setBigInt64(0, view.getBigInt64(0) + BigInt(value >= 0 ? steps : -steps));
  return view.getFloat64(0);
}

/** Values whose fast and slow cells differ (at most `limit` of them, for the message). */
function mismatches(values: Iterable<number>, limit = 5): string[] {
  const found: string[] = [];
  for (const value of values) {
    for (const signed of [value, -value]) {
      const fast = fixedCell(signed);
      const slow = fixedCellSlow(signed);
      if (fast !== slow && found.length < limit) found.push(`${signed}: ${fast} ≠ ${slow}`);
    }
  }
  return found;
}

describe('fixedCell', () => {
  it('prints the slow formula on hand-picked values', () => {
    const cases: [number, string][] = [
      [1578.6912, '1578.69'],
      [0.00004855, '0.00004855'],
      [1.234567e-7, '1.23457e-7'],
      [12345678.9, '12345700'],
      [999999.7, '1000000'],
      [0.1, '0.1'],
      [2, '2'],
      [-0, '0'],
      [Number.NaN, ''],
      [Number.POSITIVE_INFINITY, ''],
      [-2.5e-300, '-2.5e-300'],
      [1e300 + 0.5, '1e+300'],
    ];
    for (const [value, cell] of cases) {
      expect(fixedCell(value)).toBe(cell);
      expect(fixedCellSlow(value)).toBe(cell);
    }
  });

  it('matches over random values at every power of ten from 1e-18 to 1e17', () => {
    const random = seeded(14);
    function* values() {
      for (let power = -18; power <= 17; power++) {
        for (let count = 0; count < 10_000; count++) yield (1 + 9 * random()) * 10 ** power;
      }
      // The decision log's own ranges: arrivals over a day, latencies, costs, scores.
      for (let count = 0; count < 50_000; count++) {
        yield random() * 86_400_000;
        yield random() * 60_000;
        yield random() * 0.05;
        yield random();
      }
    }
    expect(mismatches(values())).toEqual([]);
  });

  it('matches next to every tie and at every boundary of the digit count', () => {
    const random = seeded(7);
    function* values() {
      for (let decimals = -10; decimals <= 22; decimals++) {
        const scale = Number(`1e${decimals}`);
        for (let count = 0; count < 1_000; count++) {
          const digits = 100_000 + Math.floor(random() * 900_000);
          for (const exact of [(digits + 0.5) / scale, digits / scale, (digits - 0.5) / scale]) {
            for (let steps = -3; steps <= 3; steps++) yield nextDouble(exact, steps);
          }
        }
        // The power of ten itself (digit count changes there) and its neighbours.
        const boundary = 1e5 / scale;
        for (let steps = -4; steps <= 4; steps++) yield nextDouble(boundary, steps);
        const roundsUp = 999_999.5 / scale;
        for (let steps = -4; steps <= 4; steps++) yield nextDouble(roundsUp, steps);
      }
    }
    expect(mismatches(values())).toEqual([]);
  });
});
