import { describe, expect, it } from 'vitest';
import { Status } from '../src/engine/types.ts';
import { type BootstrapColumns, bootstrapDifferences, percentileInterval } from '../src/metrics/bootstrap.ts';
import { blockPlan, fillWeights, pairedPlan } from '../src/metrics/resample.ts';

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

/** Brute force: expand the weights into the list of drawn indices, then mean and sort. */
function bruteForce(columns: BootstrapColumns, weights: Uint32Array) {
  const drawn: number[] = [];
  weights.forEach((times, index) => {
    for (let copy = 0; copy < times; copy++) drawn.push(index);
  });
  const mean = (values: ArrayLike<number>) =>
    drawn.reduce((sum, index) => sum + values[index]!, 0) / drawn.length;
  const answered = drawn
    .filter((index) => columns.status[index] === Status.answered)
    .map((index) => columns.latency[index]!)
    .sort((a, b) => a - b);
  const p95 = answered.length === 0 ? Number.NaN : answered[Math.ceil(0.95 * answered.length - 1e-9) - 1]!;
  return { cost: mean(columns.cost), quality: 100 * mean(columns.score), p95 };
}

function sortedPercentiles(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    low: sorted[Math.ceil(0.025 * values.length - 1e-9) - 1]!,
    high: sorted[Math.ceil(0.975 * values.length - 1e-9) - 1]!,
  };
}

describe('paired bootstrap', () => {
  it('resamples n indices with replacement, the same ones for a given seed and resample', () => {
    const plan = pairedPlan(50, 9, 40);
    const first = new Uint32Array(50);
    const again = new Uint32Array(50);
    expect(fillWeights(plan, 3, first)).toBe(50);
    expect(first.reduce((sum, value) => sum + value, 0)).toBe(50);
    fillWeights(plan, 3, again);
    expect(again).toEqual(first);
    fillWeights(plan, 4, again);
    expect(again).not.toEqual(first);
    fillWeights(pairedPlan(50, 10, 40), 3, again);
    expect(again).not.toEqual(first);
  });

  it('matches a brute-force resample-and-sort on small runs, for every strategy and every resample', () => {
    const reference = run(
      [0.01, 0.02, 0.01, 0.03, 0.02, 0.01, 0.05, 0.02, 0.01, 0.04, 0.02, 0.03],
      [1, 1, 0, 1, 1, 0, 1, 1, 1, 0, 1, 1],
      [900, 1200, 800, 4000, 1500, Number.NaN, 2500, 700, 650, 3000, 1100, 1300],
    );
    const cheap = run(
      [0.001, 0.002, 0.001, 0.003, 0.002, 0.001, 0.005, 0.002, 0.001, 0.004, 0.002, 0.003],
      [1, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 1],
      [300, Number.NaN, 200, 900, 500, Number.NaN, 700, 250, 260, 800, 310, 330],
    );
    const slow = run(
      [0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02],
      [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1],
      [5000, 5200, 4800, 9000, 5100, 5050, 7000, 4900, 4950, 8000, 5300, 5400],
    );
    const plan = pairedPlan(12, 1234, 300);
    const [forCheap, forSlow] = bootstrapDifferences(plan, reference, [cheap, slow]);
    const weights = new Uint32Array(12);
    for (const [columns, result] of [
      [cheap, forCheap],
      [slow, forSlow],
    ] as const) {
      const cost: number[] = [];
      const quality: number[] = [];
      const p95: number[] = [];
      for (let resample = 0; resample < plan.resamples; resample++) {
        fillWeights(plan, resample, weights);
        const own = bruteForce(columns, weights);
        const theirs = bruteForce(reference, weights);
        cost.push(own.cost - theirs.cost);
        quality.push(own.quality - theirs.quality);
        if (!Number.isNaN(own.p95 - theirs.p95)) p95.push(own.p95 - theirs.p95);
      }
      const expectCost = sortedPercentiles(cost);
      expect(result!.cost.low).toBeCloseTo(expectCost.low, 12);
      expect(result!.cost.high).toBeCloseTo(expectCost.high, 12);
      const expectQuality = sortedPercentiles(quality);
      expect(result!.quality.low).toBeCloseTo(expectQuality.low, 9);
      expect(result!.quality.high).toBeCloseTo(expectQuality.high, 9);
      const expectP95 = sortedPercentiles(p95);
      expect(result!.p95!.low).toBe(expectP95.low);
      expect(result!.p95!.high).toBe(expectP95.high);
    }
    // Point estimates on the original sample, by hand.
    expect(forSlow!.cost.estimate).toBeCloseTo(0.02 - 0.27 / 12, 12);
    expect(forCheap!.quality.estimate).toBeCloseTo((100 * (6 - 9)) / 12, 9);
    // p95 of 11 answered reference latencies: k = ⌈10.45⌉ = 11 → 4000; slow: k = ⌈11.4⌉ = 12 → 9000.
    expect(forSlow!.p95!.estimate).toBe(9000 - 4000);
    expect(forSlow!.p95!.significant).toBe(true);
  });

  it('matches brute force on 400 requests, where the p95 walk stays in the pre-sorted tail', () => {
    let state = 11;
    const next = () => {
      state = (state * 48271) % 2147483647;
      return state / 2147483647;
    };
    const make = (scale: number) =>
      run(
        Array.from({ length: 400 }, () => next() * scale),
        Array.from({ length: 400 }, () => (next() < 0.7 ? 1 : 0)),
        Array.from({ length: 400 }, () => (next() < 0.02 ? Number.NaN : 100 + next() * 1000 * scale)),
      );
    const reference = make(1);
    const other = make(1.2);
    const plan = pairedPlan(400, 77, 120);
    const [result] = bootstrapDifferences(plan, reference, [other]);
    const weights = new Uint32Array(400);
    const p95: number[] = [];
    for (let resample = 0; resample < plan.resamples; resample++) {
      fillWeights(plan, resample, weights);
      p95.push(bruteForce(other, weights).p95 - bruteForce(reference, weights).p95);
    }
    const expected = sortedPercentiles(p95);
    expect(result!.p95!.low).toBe(expected.low);
    expect(result!.p95!.high).toBe(expected.high);
  });

  it('gives no p95 interval when a strategy answered nothing', () => {
    const reference = run([1, 1], [1, 1], [10, 20]);
    const dead = run([0, 0], [0, 0], [Number.NaN, Number.NaN]);
    const [result] = bootstrapDifferences(pairedPlan(2, 1, 20), reference, [dead]);
    expect(result!.p95).toBeNull();
    expect(result!.cost.estimate).toBe(-1);
  });
});

describe('percentile interval', () => {
  it('takes the ⌈0.025·B⌉-th and ⌈0.975·B⌉-th smallest of B = 2000 values', () => {
    // Values 1..2000 shuffled: ranks 50 and 1950.
    const values = new Float64Array(2000);
    for (let index = 0; index < 2000; index++) values[index] = ((index * 7919) % 2000) + 1;
    const interval = percentileInterval(3, values);
    expect(interval).toEqual({ estimate: 3, low: 50, high: 1950, significant: true });
  });

  it('counts an end at exactly 0 as containing 0', () => {
    const values = Float64Array.from({ length: 40 }, (_, index) => index); // ranks 1 and 39 → 0 and 38
    expect(percentileInterval(5, values)).toEqual({ estimate: 5, low: 0, high: 38, significant: false });
    const negative = Float64Array.from({ length: 40 }, (_, index) => -index - 1); // −40..−1
    expect(percentileInterval(-5, negative).significant).toBe(true);
  });
});

describe('block bootstrap', () => {
  it('draws whole windows of virtual time: every request of a block gets the same weight', () => {
    // Arrivals in 4 blocks of 1000 ms; block 2 (2000–2999 ms) is empty and never drawn.
    const arrival = Float64Array.from([0, 10, 500, 1000, 1999, 3000, 3500, 3999, 3100]);
    const plan = blockPlan(arrival, 1000, 5, 50);
    expect(Array.from(plan.blockSlots!)).toEqual([0, 1, 3]);
    const weights = new Uint32Array(arrival.length);
    for (let resample = 0; resample < 50; resample++) {
      const total = fillWeights(plan, resample, weights);
      expect(weights[0]).toBe(weights[1]);
      expect(weights[1]).toBe(weights[2]);
      expect(weights[3]).toBe(weights[4]);
      expect(new Set([weights[5], weights[6], weights[7], weights[8]]).size).toBe(1);
      // Three blocks drawn: the block weights sum to 3.
      expect(weights[0]! + weights[3]! + weights[5]!).toBe(3);
      expect(total).toBe(3 * weights[0]! + 2 * weights[3]! + 4 * weights[5]!);
    }
  });

  it('is wider than the paired interval when a difference comes in one burst', () => {
    // 2000 requests in 20 blocks; the strategy costs 1 USD more on every request of block 7 only.
    const n = 2000;
    const arrival = Float64Array.from({ length: n }, (_, index) => index * 10);
    const zero = new Array<number>(n).fill(0);
    const ones = new Array<number>(n).fill(1);
    const latency = new Array<number>(n).fill(100);
    const burst = zero.map((_, index) => (index >= 700 && index < 800 ? 1 : 0));
    const reference = run(zero, ones, latency);
    const bursty = run(burst, ones, latency);
    const [paired] = bootstrapDifferences(pairedPlan(n, 3, 400), reference, [bursty]);
    const [blocked] = bootstrapDifferences(blockPlan(arrival, 1000, 3, 400), reference, [bursty]);
    const width = (interval: { low: number; high: number }) => interval.high - interval.low;
    expect(paired!.cost.estimate).toBeCloseTo(0.05, 12);
    expect(width(blocked!.cost)).toBeGreaterThan(2 * width(paired!.cost));
  });
});
