/**
 * The bootstrap drawn in pieces (resample ranges on different worker threads) gives exactly the
 * intervals of drawing every resample at once: resample b depends on (seed, b) alone.
 */
import { describe, expect, it } from 'vitest';
import { Status } from '../src/engine/types.ts';
import {
  type BootstrapColumns,
  bootstrapDifferences,
  bootstrapDraws,
  differencesFromDraws,
} from '../src/metrics/bootstrap.ts';
import { pairedPlan } from '../src/metrics/resample.ts';

/** A run of `n` requests with deterministic, varied values; every 9th failed. */
function run(n: number, shift: number): BootstrapColumns {
  const latency = Float32Array.from({ length: n }, (_value, index) =>
    index % 9 === 4 ? Number.NaN : 100 + ((index * 37 + shift * 11) % 500),
  );
  return {
    cost: Float64Array.from({ length: n }, (_value, index) => ((index * 13 + shift) % 17) / 1000),
    score: Float32Array.from({ length: n }, (_value, index) => ((index + shift) % 3) / 2),
    latency,
    status: Uint8Array.from(latency, (value) => (Number.isNaN(value) ? Status.serverError : Status.answered)),
  };
}

describe('bootstrapDraws split over resample ranges', () => {
  it('joined with differencesFromDraws equals bootstrapDifferences, number for number', () => {
    const n = 400;
    const plan = pairedPlan(n, 42, 300);
    const reference = run(n, 0);
    const compared = [run(n, 1), run(n, 2), run(n, 5)];
    const whole = bootstrapDifferences(plan, reference, compared);
    const parts = [
      bootstrapDraws(plan, reference, compared, 0, 110),
      bootstrapDraws(plan, reference, compared, 110, 111),
      bootstrapDraws(plan, reference, compared, 111, 300),
    ];
    expect(differencesFromDraws(plan, reference, compared, parts)).toEqual(whole);
  });

  it('a range is just those resamples: a different split of the same resamples agrees', () => {
    const n = 200;
    const plan = pairedPlan(n, 7, 100);
    const reference = run(n, 3);
    const compared = [run(n, 4)];
    const halves = [
      bootstrapDraws(plan, reference, compared, 0, 50),
      bootstrapDraws(plan, reference, compared, 50, 100),
    ];
    const whole = bootstrapDraws(plan, reference, compared, 0, 100);
    expect(Array.from(halves[0]!.cost[0]!)).toEqual(Array.from(whole.cost[0]!.subarray(0, 50)));
    expect(Array.from(halves[1]!.quality[0]!)).toEqual(Array.from(whole.quality[0]!.subarray(50, 100)));
  });
});
