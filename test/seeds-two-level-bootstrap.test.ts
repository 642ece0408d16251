import { describe, expect, it } from 'vitest';
import { Status } from '../src/engine/types.ts';
import { type BootstrapColumns, bootstrapDifferences } from '../src/metrics/bootstrap.ts';
import { blockPlan, pairedPlan } from '../src/metrics/resample.ts';
import {
  drawnSeed,
  twoLevelDifferences,
  twoLevelDraws,
  twoLevelFromDraws,
} from '../src/metrics/two-level-bootstrap.ts';
import { meanLeaves } from '../src/metrics/world-seeds.ts';

/** A small run from plain arrays; NaN latency marks a failed request. */
function run(cost: number[], score: number[], latency: number[]): BootstrapColumns {
  return {
    cost: Float64Array.from(cost),
    score: Float32Array.from(score),
    latency: Float32Array.from(latency),
    status: Uint8Array.from(
      latency.map((value) => (Number.isNaN(value) ? Status.serverError : Status.answered)),
    ),
  };
}

/** Deterministic pseudo-random values for larger fixtures. */
function values(count: number, salt: number, scale: number): number[] {
  return Array.from(
    { length: count },
    (_, index) => (((index * 7919 + salt * 104729) % 1009) / 1009) * scale,
  );
}

describe('two-level bootstrap (seeds, then requests)', () => {
  it('on a hand-computed case: one request, two worlds → the ends are the two worlds, the estimate their mean', () => {
    // With one request every request resample is that request, so a resample's statistic is the
    // mean of the per-world differences of its two drawn worlds: d0, (d0 + d1) / 2 or d1, each end
    // drawn with probability 1/4 — far more than the 2.5% the nearest-rank ends need.
    const world0 = { reference: run([1], [1], [100]), compared: [run([3], [0.5], [300])] };
    const world1 = { reference: run([1], [1], [100]), compared: [run([5], [0.9], [700])] };
    const [difference] = twoLevelDifferences(pairedPlan(1, 7, 2000), [world0, world1]);
    expect(difference!.cost).toEqual({ estimate: 3, low: 2, high: 4, significant: true });
    expect(difference!.quality.estimate).toBeCloseTo(-30, 4);
    expect(difference!.quality.low).toBeCloseTo(-50, 4);
    expect(difference!.quality.high).toBeCloseTo(-10, 4);
    expect(difference!.p95).toEqual({ estimate: 400, low: 200, high: 600, significant: true });
  });

  it('with one world it is the paired bootstrap, bit for bit (paired and block plans)', () => {
    const n = 240;
    const reference = run(values(n, 1, 0.01), values(n, 2, 1), values(n, 3, 5000));
    const latencies = values(n, 6, 9000).map((value, index) => (index % 17 === 0 ? Number.NaN : value));
    const compared = [
      run(values(n, 4, 0.002), values(n, 5, 1), latencies),
      run(values(n, 7, 0.02), values(n, 8, 1), values(n, 9, 4000)),
    ];
    const arrival = Float64Array.from({ length: n }, (_, index) => index * 1000);
    for (const plan of [pairedPlan(n, 11, 500), blockPlan(arrival, 20_000, 11, 500)]) {
      expect(twoLevelDifferences(plan, [{ reference, compared }])).toEqual(
        bootstrapDifferences(plan, reference, compared),
      );
    }
  });

  it('identical worlds give the one-world interval; worlds that disagree widen it', () => {
    const n = 200;
    const reference = run(values(n, 1, 0.01), values(n, 2, 1), values(n, 3, 5000));
    const compared = run(values(n, 4, 0.01), values(n, 5, 1), values(n, 6, 5000));
    const plan = pairedPlan(n, 3, 1000);
    const one = twoLevelDifferences(plan, [{ reference, compared: [compared] }])[0]!;
    const same = twoLevelDifferences(
      plan,
      [0, 1, 2].map(() => ({ reference, compared: [compared] })),
    )[0]!;
    expect(same.cost.low).toBeCloseTo(one.cost.low, 12);
    expect(same.cost.high).toBeCloseTo(one.cost.high, 12);
    // A world where the compared strategy costs 0.004 USD more per request on every request.
    const dearer = run(
      values(n, 4, 0.01).map((value) => value + 0.004),
      values(n, 5, 1),
      values(n, 6, 5000),
    );
    const apart = twoLevelDifferences(plan, [
      { reference, compared: [compared] },
      { reference, compared: [dearer] },
      { reference, compared: [compared] },
    ])[0]!;
    expect(apart.cost.high - apart.cost.low).toBeGreaterThan(one.cost.high - one.cost.low);
    expect(apart.cost.estimate).toBeCloseTo(one.cost.estimate + 0.004 / 3, 12);
  });

  it('drawn in resample ranges (as on the worker pool) and joined, gives the same intervals', () => {
    const n = 150;
    const world = (salt: number) => ({
      reference: run(values(n, salt, 0.01), values(n, salt + 1, 1), values(n, salt + 2, 5000)),
      compared: [run(values(n, salt + 3, 0.01), values(n, salt + 4, 1), values(n, salt + 5, 5000))],
    });
    const seeds = [world(1), world(11), world(21)];
    const plan = pairedPlan(n, 9, 1000);
    const parts = [twoLevelDraws(plan, seeds, 0, 333), twoLevelDraws(plan, seeds, 333, 1000)];
    expect(twoLevelFromDraws(plan, seeds, parts)).toEqual(twoLevelDifferences(plan, seeds));
  });

  it('draws worlds uniformly and keyed by (seed, resample, position) only', () => {
    const plan = pairedPlan(10, 5, 4000);
    const counts = [0, 0, 0];
    for (let resample = 0; resample < 4000; resample++) counts[drawnSeed(plan, 3, resample, 0)]! += 1;
    for (const count of counts) expect(count).toBeGreaterThan(1200);
    expect(drawnSeed(plan, 3, 17, 2)).toBe(drawnSeed(pairedPlan(99, 5, 10), 3, 17, 2));
    expect(drawnSeed(plan, 1, 17, 2)).toBe(0);
  });
});

describe('the mean over worlds of a run metric', () => {
  it('averages every number, keeps strings, and is null where any world has none', () => {
    expect(
      meanLeaves([
        { a: 1, b: { c: 2, d: null }, name: 'x', latency: { p95: 10 } },
        { a: 3, b: { c: 4, d: 5 }, name: 'x', latency: null },
      ]),
    ).toEqual({ a: 2, b: { c: 3, d: null }, name: 'x', latency: null });
  });
});
