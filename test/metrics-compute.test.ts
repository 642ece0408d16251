import { describe, expect, it } from 'vitest';
import { Flag, Status } from '../src/engine/types.ts';
import { computeMetrics } from '../src/metrics/compute.ts';
import { evaluateThresholds } from '../src/metrics/evaluate-thresholds.ts';
import { parseThresholds } from '../src/scenario/thresholds.ts';
import { FOUR_REQUESTS, makeRun, makeScenario, researchOf, strongestOfFour } from './metrics-helpers.ts';

const requests = FOUR_REQUESTS;
const reference = strongestOfFour();
const cascade = makeRun(
  'cascade',
  [
    { cost: 0.01, score: 1, latency: 300, model: 0 },
    { cost: 0.05, score: 1, latency: 1500, model: 1, flags: Flag.escalated | Flag.strongCalled },
    { cost: 0.01, score: 0, latency: 400, model: 0 },
    { cost: 0.002, score: 0, latency: Number.NaN, status: Status.timeout, flags: Flag.fallback },
  ],
  { family: 'cascade', shadowCostUsd: 0.5 },
);
const single = makeRun('always-m0', [
  { cost: 0.01, score: 1, latency: 300, model: 0 },
  { cost: 0.01, score: 0, latency: 350, model: 0 },
  { cost: 0.01, score: 0, latency: 400, model: 0 },
  { cost: 0.01, score: 0, latency: 450, model: 0 },
]);
const oracle = makeRun('oracle', [
  { cost: 0.01, score: 1, latency: 300, model: 0 },
  { cost: 0.04, score: 1, latency: 1200, model: 1 },
  { cost: 0.04, score: 1, latency: 900, model: 1 },
  { cost: 0.01, score: 0, latency: 450, model: 0 },
]);
const thresholds = {
  'latency{strategy:cascade}': ['p(50) < 500', 'max < 1000'],
  'failures{strategy:cascade}': ['rate < 0.2'],
  'cost{strategy:cascade,tier:free}': ['per1k < 10.5'],
  'latency{strategy:cascade,domain:legal}': ['p(95) < 4000'],
  quality: ['mean > 0.6'],
  'goodput{strategy:always-strongest}': ['rate >= 0.75'],
};
const scenario = makeScenario({ thresholds });
const metrics = computeMetrics({
  scenario,
  requests,
  runs: [reference, cascade, single],
  oracle,
  tiers: ['free', 'pro'],
  seed: 7,
  resamples: 200,
});
const byName = (name: string) => metrics.strategies.find((entry) => entry.name === name)!;

describe('computeMetrics: operational metrics by hand', () => {
  it('costs: total, per request, per 1k, per day and per month at the mean arrival rate', () => {
    const cost = byName('cascade').cost;
    expect(cost.totalUsd).toBeCloseTo(0.072, 12);
    expect(cost.perRequestUsd).toBeCloseTo(0.018, 12);
    expect(cost.per1kUsd).toBeCloseTo(18, 9);
    // 4 requests an hour → 96 a day at 0.018 USD → 1.728 USD a day, 51.84 a month.
    expect(cost.perDayUsd).toBeCloseTo(1.728, 9);
    expect(cost.perMonthUsd).toBeCloseTo(51.84, 9);
    expect(cost.shadowUsd).toBe(0.5);
  });

  it('savings and quality against the reference; the reference has none', () => {
    const entry = byName('cascade');
    expect(entry.savings).toBeCloseTo(1 - 0.072 / 0.16, 12);
    expect(entry.quality.mean).toBeCloseTo(0.5, 12);
    expect(entry.quality.relative).toBeCloseTo(0.5 / 0.75, 12);
    expect(byName('always-strongest').savings).toBeNull();
    expect(byName('always-strongest').quality.relative).toBeNull();
    expect(byName('always-strongest').difference).toBeNull();
  });

  it('answered rate, goodput, latency over answered requests, failures, rates, model share', () => {
    const entry = byName('cascade');
    expect(entry.answeredRate).toBe(0.75);
    expect(entry.goodput).toBe(0.5); // 300 and 400 ms within the 1000 ms SLO, of 4 requests
    expect(entry.latency).toMatchObject({ count: 3, p50: 400, p90: 1500, p95: 1500, p99: 1500, max: 1500 });
    expect(entry.latency?.ttftP50).toBe(200);
    expect(entry.failures).toEqual({
      'rate-limited': 0,
      'server-error': 0,
      timeout: 1,
      network: 0,
      'context-length': 0,
      ungraded: 0,
      other: 0,
    });
    expect(entry.escalationRate).toBe(0.25);
    expect(entry.fallbackRate).toBe(0.25);
    expect(entry.modelShare.m0).toEqual({ count: 2, share: 2 / 3 });
    expect(entry.modelShare.m1).toEqual({ count: 1, share: 1 / 3 });
  });

  it('slices by tier and domain, with savings against the reference slice', () => {
    const free = byName('cascade').slices.tier.free!;
    expect(free.requestCount).toBe(2);
    expect(free.savings).toBeCloseTo(1 - 0.02 / 0.08, 12);
    expect(free.quality.relative).toBeCloseTo(0.5, 12);
    const domains = byName('cascade').slices.domain;
    expect(Object.keys(domains).sort()).toEqual(['code', 'legal', 'math']);
    expect(domains.legal!.latency).toBeNull();
    expect(domains.legal!.answeredRate).toBe(0);
    expect(domains.code!.cost.totalUsd).toBeCloseTo(0.06, 12);
  });

  it('marks kinds: the scenario strategies, and always-<model> not in the scenario as single', () => {
    expect(metrics.strategies.map((entry) => entry.kind)).toEqual(['strategy', 'strategy', 'single']);
    expect(byName('always-m0').difference).toBeNull();
    expect(byName('cascade').difference?.cost.estimate).toBeCloseTo(0.018 - 0.04, 12);
    expect(byName('cascade').difference?.quality.estimate).toBeCloseTo(-25, 9);
    expect(metrics.intervals).toEqual({ method: 'paired-bootstrap', resamples: 200, level: 0.95, seed: 7 });
  });

  it('windows: duration / 96 rounded to a minute, requests by arrival', () => {
    expect(metrics.window).toEqual({ ms: 60_000, count: 60 });
    const series = byName('cascade').series;
    expect(series.startMs[1]).toBe(60_000);
    expect(series.requests[0]).toBe(2);
    expect(series.costUsd[0]).toBeCloseTo(0.06, 12);
    expect(series.p95[0]).toBe(1500);
    expect(series.requests[1]).toBe(1);
    expect(series.answeredRate[2]).toBeNull();
    expect(series.errorRate[59]).toBe(1);
    expect(series.p95[59]).toBeNull();
  });

  it('oracle and research points', () => {
    expect(metrics.oracle.quality).toBe(0.75);
    expect(metrics.oracle.cost.perRequestUsd).toBeCloseTo(0.025, 12);
    expect(researchOf(metrics).oracle).toEqual({
      costPerRequestUsd: metrics.oracle.cost.perRequestUsd,
      quality: 0.75,
    });
    // Single-model points: only always-m0 (0.01, 0.25) → the zero router is that point.
    expect(researchOf(metrics).zeroRouter).toEqual([{ costPerRequestUsd: 0.01, quality: 0.25 }]);
    expect(researchOf(metrics).aiq.interval[0]).toBeCloseTo(0.01, 12);
    expect(researchOf(metrics).aiq.interval[1]).toBeCloseTo(0.04, 12);
    // Zero router: 0.25 flat over the whole interval.
    expect(researchOf(metrics).aiq.zeroRouter).toBeCloseTo(0.25, 12);
  });
});

describe('evaluateThresholds', () => {
  it('passes, fails, and fails a threshold with no samples', () => {
    const results = evaluateThresholds(parseThresholds(thresholds), metrics);
    expect(results.map((result) => [result.key, result.expression, result.actual, result.pass])).toEqual([
      ['latency{strategy:cascade}', 'p(50) < 500', 400, true],
      ['latency{strategy:cascade}', 'max < 1000', 1500, false],
      ['failures{strategy:cascade}', 'rate < 0.2', 0.25, false],
      ['cost{strategy:cascade,tier:free}', 'per1k < 10.5', 10, true],
      ['latency{strategy:cascade,domain:legal}', 'p(95) < 4000', null, false],
      // Untagged: pooled over the scenario strategies (reference 3/4, cascade 2/4), not always-m0.
      ['quality', 'mean > 0.6', 0.625, true],
      ['goodput{strategy:always-strongest}', 'rate >= 0.75', 0.75, true],
    ]);
    expect(results[4]!.reason).toBe('no samples');
  });

  it('fails a threshold that was never measured', () => {
    const [result] = evaluateThresholds(
      parseThresholds({ 'ttft{strategy:cascade}': ['p(99) < 1'] }),
      metrics,
    );
    expect(result).toMatchObject({ actual: null, pass: false, reason: 'not measured' });
  });
});
