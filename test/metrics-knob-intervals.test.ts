/**
 * APGR/CPT bootstrap intervals on a sweep whose answer is known by hand.
 *
 * 400 requests, half of them (the even ones, set F) "hard": always-weak scores 0 and always-strong
 * 1 there; on the other half both score 0.5. The one sweep point calls the strong model exactly on
 * F and takes its score. On any resample where F has weight share q: r_weak = (1 − q)/2,
 * r_strong = r_weak + q, the point sits at c = q with PGR = 1, so the curve (0,0) → (q,1) → (1,1)
 * gives APGR = 1 − q/2, CPT(50%) = q/2 and CPT(80%) = 0.8·q. The intervals are therefore those of
 * a resampled proportion, which the test computes from the resample weights alone; for the paired
 * bootstrap q ~ Binomial(400, ½)/400, so the APGR interval is also ≈ 0.75 ± 1.96 · 0.0125.
 */
import { describe, expect, it } from 'vitest';
import { Flag } from '../src/engine/types.ts';
import { computeMetrics } from '../src/metrics/compute.ts';
import { bootstrapKnobMetrics } from '../src/metrics/knob-bootstrap.ts';
import { KNOB_RESAMPLES } from '../src/metrics/knob-intervals.ts';
import { blockPlan, fillWeights, pairedPlan, type ResamplePlan } from '../src/metrics/resample.ts';
import { makeRun, makeScenario, researchOf } from './metrics-helpers.ts';

const N = 400;
const hard = (index: number) => index % 2 === 0;
const weakScore = Float64Array.from({ length: N }, (_, index) => (hard(index) ? 0 : 0.5));
const strongScore = Float64Array.from({ length: N }, (_, index) => (hard(index) ? 1 : 0.5));
const strongCalled = Uint8Array.from({ length: N }, (_, index) => (hard(index) ? 1 : 0));
/** Requests 2j and 2j + 1 arrive in second j: one-second blocks hold one hard and one easy request. */
const arrival = Float64Array.from({ length: N }, (_, index) => Math.floor(index / 2) * 1000);

/** The percentile interval of `metric(q)` over the plan's resamples, computed here from the weights. */
function expectedInterval(plan: ResamplePlan, metric: (q: number) => number): [number, number] {
  const weights = new Uint32Array(N);
  const values: number[] = [];
  for (let resample = 0; resample < plan.resamples; resample++) {
    const total = fillWeights(plan, resample, weights);
    let hardWeight = 0;
    for (let index = 0; index < N; index += 2) hardWeight += weights[index]!;
    values.push(metric(hardWeight / total));
  }
  values.sort((a, b) => a - b);
  const rank = (p: number) => Math.ceil(p * values.length);
  return [values[rank(0.025) - 1]!, values[rank(0.975) - 1]!];
}

const apgrOf = (q: number) => 1 - q / 2;
const cpt50Of = (q: number) => q / 2;
const cpt80Of = (q: number) => 0.8 * q;

describe('bootstrapKnobMetrics on a sweep known by hand', () => {
  const plan = pairedPlan(N, 11, 2000);
  const result = bootstrapKnobMetrics(
    {
      series: [{ strategy: 'sharp', points: [{ value: 1, strongCalled, score: strongScore }] }],
      weakScore,
      strongScore,
    },
    plan,
  );
  const [sharp] = result.strategies;

  it('has the point estimate of q = ½: APGR 0.75, CPT(50%) 0.25, CPT(80%) 0.4', () => {
    expect(sharp!.apgr.estimate).toBeCloseTo(0.75, 12);
    expect(sharp!.cpt50.estimate).toBeCloseTo(0.25, 12);
    expect(sharp!.cpt80.estimate).toBeCloseTo(0.4, 12);
    expect(result.undefinedResamples).toBe(0);
  });

  it('has the percentile intervals of the resampled share of hard requests', () => {
    const cases = [
      [sharp!.apgr, apgrOf],
      [sharp!.cpt50, cpt50Of],
      [sharp!.cpt80, cpt80Of],
    ] as const;
    for (const [interval, metric] of cases) {
      const [low, high] = expectedInterval(plan, metric);
      expect(interval.low).toBeCloseTo(low, 12);
      expect(interval.high).toBeCloseTo(high, 12);
      expect(interval.low!).toBeLessThanOrEqual(interval.estimate!);
      expect(interval.high!).toBeGreaterThanOrEqual(interval.estimate!);
    }
  });

  it('matches the normal approximation of a binomial share: 0.75 ± 1.96 · √(¼/400)/2', () => {
    const halfWidth = 1.96 * (Math.sqrt(0.25 / N) / 2);
    // Monte-Carlo error of a 2.5% quantile from 2,000 resamples ≈ 0.0008 here, plus q's 1/400 steps.
    expect(Math.abs(sharp!.apgr.low! - (0.75 - halfWidth))).toBeLessThan(0.003);
    expect(Math.abs(sharp!.apgr.high! - (0.75 + halfWidth))).toBeLessThan(0.003);
  });

  it('follows a block plan: blocks of one hard and one easy request keep q at exactly ½', () => {
    const block = bootstrapKnobMetrics(
      {
        series: [{ strategy: 'sharp', points: [{ value: 1, strongCalled, score: strongScore }] }],
        weakScore,
        strongScore,
      },
      blockPlan(arrival, 1000, 11, 300),
    );
    expect(block.strategies[0]!.apgr).toEqual({ estimate: 0.75, low: 0.75, high: 0.75 });
    expect(block.strategies[0]!.cpt50.high).toBeCloseTo(0.25, 12);
  });
});

describe('computeMetrics writes the intervals next to APGR/CPT', () => {
  const knob = { name: 'threshold', weak: 'm0', strong: 'm1' };
  const rows = (score: Float64Array, flags?: Uint8Array) =>
    Array.from(score, (value, index) => ({
      cost: 0.001,
      score: value,
      latency: 500,
      flags: flags?.[index] === 1 ? Flag.strongCalled : 0,
    }));
  const runs = [
    makeRun('sharp', rows(strongScore, strongCalled), { knob }),
    makeRun('sharp@1', rows(strongScore, strongCalled), { knob, knobValue: 1 }),
    makeRun('always-m0', rows(weakScore)),
    makeRun('always-m1', rows(strongScore)),
  ];
  const requests = { arrival, domain: new Uint8Array(N), tier: new Uint8Array(N) };
  const metricsOf = (blockMs?: number) =>
    computeMetrics({
      scenario: makeScenario({ strategies: [{ name: 'sharp', options: {} }] }),
      requests,
      runs,
      oracle: makeRun('oracle', rows(strongScore)),
      tiers: ['free', 'pro'],
      seed: 5,
      ...(blockMs === undefined ? {} : { blockMs }),
    });

  it('uses the first KNOB_RESAMPLES of the run’s own paired resamples (same seed)', () => {
    const metrics = metricsOf();
    const [entry] = researchOf(metrics).knobbed;
    expect(entry!.apgr).toBeCloseTo(0.75, 12);
    expect(entry!.intervals).toMatchObject({
      method: metrics.intervals.method,
      resamples: KNOB_RESAMPLES,
      undefinedResamples: 0,
    });
    expect(metrics.intervals.method).toBe('paired-bootstrap');
    const plan = pairedPlan(N, 5, KNOB_RESAMPLES);
    const [low, high] = expectedInterval(plan, apgrOf);
    expect(entry!.intervals!.apgr.low).toBeCloseTo(low, 12);
    expect(entry!.intervals!.apgr.high).toBeCloseTo(high, 12);
    expect(entry!.intervals!.cpt80.low).toBeCloseTo(expectedInterval(plan, cpt80Of)[0], 12);
  });

  it('uses the block bootstrap when the run does', () => {
    const metrics = metricsOf(1000);
    const [entry] = researchOf(metrics).knobbed;
    expect(metrics.intervals.method).toBe('block-bootstrap');
    expect(entry!.intervals!.method).toBe('block-bootstrap');
    expect(entry!.intervals!.apgr).toEqual({ low: 0.75, high: 0.75 });
  });

  it('gives none when APGR is undefined (r_strong ≤ r_weak)', () => {
    const swapped = runs.map((run) =>
      run.name === 'always-m0'
        ? { ...run, name: 'always-m1' }
        : run.name === 'always-m1'
          ? { ...run, name: 'always-m0' }
          : run,
    );
    const metrics = computeMetrics({
      scenario: makeScenario({ strategies: [{ name: 'sharp', options: {} }] }),
      requests,
      runs: swapped,
      oracle: makeRun('oracle', rows(strongScore)),
      tiers: ['free', 'pro'],
      seed: 5,
    });
    const [entry] = researchOf(metrics).knobbed;
    expect(entry!.apgr).toBeNull();
    expect(entry!.intervals).toBeUndefined();
  });
});
