import { describe, expect, it } from 'vitest';
import { compareRuns } from '../src/compare/compare.ts';
import { renderCompareText } from '../src/compare/render-text.ts';
import type { MetricCheck } from '../src/compare/types.ts';
import { nearestRank } from '../src/metrics/quantiles.ts';
import { fillWeights, pairedPlan } from '../src/metrics/resample.ts';
import { type HandStrategy, handRun } from './compare-helpers.ts';

const range = (n: number, at: (index: number) => number) =>
  Array.from({ length: n }, (_, index) => at(index));

/** n requests, cost 0.01 USD, score 1 except every `failEvery`-th 0, latency 1..n ms. */
function strategy(n: number, options: { cost?: number; zeroEvery?: number; latencyScale?: number } = {}) {
  const zeroEvery = options.zeroEvery ?? 10;
  return {
    cost: range(n, () => options.cost ?? 0.01),
    score: range(n, (index) => (index % zeroEvery === 0 ? 0 : 1)),
    latency: range(n, (index) => (index + 1) * (options.latencyScale ?? 1)),
  } satisfies HandStrategy;
}

const checkOf = (checks: MetricCheck[], metric: MetricCheck['metric']) =>
  checks.find((entry) => entry.metric === metric)!;

describe('compare verdicts on hand-made columns', () => {
  it('a strategy that clearly got worse is a regression, named in the output', () => {
    const baseline = handRun({ steady: strategy(400), cascade: strategy(400, { zeroEvery: 10 }) });
    // cascade: every 3rd request now scores 0 (quality 0.9 → 0.6667), cost and latency unchanged.
    const current = handRun({ steady: strategy(400), cascade: strategy(400, { zeroEvery: 3 }) });
    const comparison = compareRuns(baseline, current, { resamples: 500, seed: 3 });
    expect(comparison.method).toBe('paired-bootstrap');
    expect(comparison.regressions).toBe(1);
    const cascade = comparison.strategies.find((entry) => entry.name === 'cascade')!;
    expect(cascade.regression).toBe(true);
    const quality = checkOf(cascade.checks, 'quality');
    // Hand count: baseline zeros at multiples of 10 → 40 of 400; current multiples of 3 → 134.
    expect(quality.baseline).toBeCloseTo(360 / 400, 6);
    expect(quality.current).toBeCloseTo(266 / 400, 6);
    expect(quality.change!.estimate).toBeCloseTo(-23.5, 6);
    expect(quality.change!.high).toBeLessThan(0);
    expect(quality.finding).toBe('regression');
    expect(comparison.strategies.find((entry) => entry.name === 'steady')!.regression).toBe(false);
    const text = renderCompareText(comparison);
    expect(text).toContain('✖ 1 regression: cascade (quality)');
    expect(text).toMatch(/\n {2}[ ]*quality .*REGRESSION/);
  });

  it('identical runs: no regression and every interval contains 0', () => {
    const run = handRun({
      a: strategy(300, { zeroEvery: 4 }),
      b: strategy(300, { cost: 0.2, latencyScale: 7 }),
    });
    const comparison = compareRuns(run, run, { resamples: 300 });
    expect(comparison.regressions).toBe(0);
    for (const entry of comparison.strategies) {
      for (const check of entry.checks) {
        expect(check.change!.low).toBeLessThanOrEqual(0);
        expect(check.change!.high).toBeGreaterThanOrEqual(0);
        expect(check.finding).toBe('not-significant');
      }
    }
  });

  it('a tiny change within tolerance is significant but not a regression', () => {
    const baseline = handRun({ a: strategy(200, { cost: 1 }) });
    // Every request costs exactly 1% more: the paired interval is [+0.01, +0.01], excludes 0.
    const current = handRun({ a: strategy(200, { cost: 1.01 }) });
    const cost = checkOf(compareRuns(baseline, current, { resamples: 200 }).strategies[0]!.checks, 'cost');
    expect(cost.change!.estimate).toBeCloseTo(0.01, 9);
    expect(cost.change!.low).toBeCloseTo(0.01, 9);
    expect(cost.relative!.estimate).toBeCloseTo(0.01, 9);
    expect(cost.change!.significant).toBe(true);
    expect(cost.limit).toBeCloseTo(0.05, 9);
    expect(cost.finding).toBe('within-tolerance');
    expect(cost.regression).toBe(false);
    // The same change against a 0.5% tolerance is a regression.
    const strict = compareRuns(baseline, current, {
      resamples: 200,
      tolerances: { costIncrease: 0.005, qualityDropPoints: 1, p95Increase: 0.1 },
    });
    expect(checkOf(strict.strategies[0]!.checks, 'cost').regression).toBe(true);
  });

  it('a big change that is not significant (few requests, huge variance) is not a regression', () => {
    const base = { cost: [1, 1, 1, 1, 1, 1], score: range(6, () => 1), latency: range(6, () => 100) };
    // Per-request differences +10, −9 alternating: mean +0.5 USD (+50%), but a resample's mean is
    // negative whenever it draws ≤ 2 of the +10s (34% of resamples), so the interval spans 0.
    const worse = { ...base, cost: [11, -8, 11, -8, 11, -8] };
    const cost = checkOf(
      compareRuns(handRun({ a: base }), handRun({ a: worse }), { resamples: 2000 }).strategies[0]!.checks,
      'cost',
    );
    expect(cost.change!.estimate).toBeCloseTo(0.5, 9);
    expect(cost.change!.estimate).toBeGreaterThan(cost.limit);
    expect(cost.change!.low).toBeLessThan(0);
    expect(cost.finding).toBe('not-significant');
    expect(cost.regression).toBe(false);
  });

  it('p95 is nearest-rank over answered requests; its tolerance is relative to the baseline', () => {
    // Baseline latencies 1..100 ms → p95 = 95th smallest = 95 ms; current ×2 → 190 ms.
    const baseline = handRun({ a: strategy(100) });
    const current = handRun({ a: strategy(100, { latencyScale: 2 }) });
    const p95 = checkOf(compareRuns(baseline, current, { resamples: 300 }).strategies[0]!.checks, 'p95');
    expect(p95.baseline).toBe(95);
    expect(p95.current).toBe(190);
    expect(p95.change!.estimate).toBe(95);
    expect(p95.relative!.estimate).toBe(1);
    expect(p95.limit).toBeCloseTo(9.5, 9);
    expect(p95.regression).toBe(true);
    // Failed requests leave the sample: fail the 10 slowest and the p95 of 90 is the 86th, 86 ms.
    const failed = { ...strategy(100), status: range(100, (index) => (index >= 90 ? 2 : 0)) };
    const withFailures = compareRuns(baseline, handRun({ a: failed }), { resamples: 100 });
    expect(checkOf(withFailures.strategies[0]!.checks, 'p95').current).toBe(86);
  });

  it('the paired interval is the percentile interval of the same resampled request indices', () => {
    const n = 50;
    const resamples = 400;
    const base = {
      cost: range(n, (i) => (i % 7) / 100),
      score: range(n, (i) => (i % 3 === 0 ? 0 : 1)),
      latency: range(n, (i) => 10 + ((i * 37) % 50)),
    };
    const next = {
      cost: range(n, (i) => (i % 5) / 100),
      score: range(n, (i) => (i % 4 === 0 ? 0 : 1)),
      latency: range(n, (i) => 12 + ((i * 53) % 47)),
    };
    const comparison = compareRuns(handRun({ a: base }), handRun({ a: next }), { resamples, seed: 11 });
    // Naive reference: expand each resample's draw counts, recompute every statistic from scratch.
    const plan = pairedPlan(n, 11, resamples);
    const weights = new Uint32Array(n);
    const draws = { cost: [] as number[], quality: [] as number[], p95: [] as number[] };
    const p95Of = (latency: number[], picked: number[]) => {
      const values = picked.map((index) => latency[index]!).sort((a, b) => a - b);
      return values[nearestRank(0.95, values.length) - 1]!;
    };
    for (let resample = 0; resample < resamples; resample++) {
      fillWeights(plan, resample, weights);
      const picked = [...weights].flatMap((count, index) => range(count, () => index));
      const mean = (values: number[]) => picked.reduce((total, index) => total + values[index]!, 0) / n;
      draws.cost.push(mean(next.cost) - mean(base.cost));
      draws.quality.push(100 * (mean(next.score) - mean(base.score)));
      draws.p95.push(p95Of(next.latency, picked) - p95Of(base.latency, picked));
    }
    const ranks = [nearestRank(0.025, resamples) - 1, nearestRank(0.975, resamples) - 1];
    for (const metric of ['cost', 'quality', 'p95'] as const) {
      const sorted = draws[metric].sort((a, b) => a - b);
      const change = checkOf(comparison.strategies[0]!.checks, metric).change!;
      expect(change.low).toBeCloseTo(sorted[ranks[0]!]!, 6);
      expect(change.high).toBeCloseTo(sorted[ranks[1]!]!, 6);
    }
  });
});

describe('compare pairing', () => {
  it('different request-stream hashes → unpaired bootstrap, said in the output', () => {
    const baseline = handRun({ a: strategy(200) }, { hash: 'b'.repeat(64) });
    const current = handRun({ a: strategy(150) }, { hash: 'c'.repeat(64) });
    const comparison = compareRuns(baseline, current, { resamples: 500 });
    expect(comparison.method).toBe('unpaired-bootstrap');
    expect(comparison.methodReason).toMatch(
      /^unpaired: the request streams differ \(hash bbbbbbbbbbbb… vs cccccccccccc…\)/,
    );
    expect(renderCompareText(comparison)).toContain('unpaired-bootstrap resamples');
    // Same distribution, resampled independently: the interval has width, unlike a paired [0, 0].
    const quality = checkOf(comparison.strategies[0]!.checks, 'quality');
    expect(quality.change!.low).toBeLessThan(0);
    expect(quality.change!.high).toBeGreaterThan(0);
    expect(quality.regression).toBe(false);
  });

  it('equal hashes with rows in another order are paired by request id', () => {
    const n = 120;
    const columns = strategy(n, { zeroEvery: 4 });
    const order = range(n, (index) => (index * 7) % n); // a permutation (gcd(7, 120) = 1)
    const shuffled = {
      cost: order.map((index) => columns.cost[index]!),
      score: order.map((index) => columns.score[index]!),
      latency: order.map((index) => columns.latency[index]!),
    };
    const baseline = handRun({ a: columns });
    const current = handRun({ a: shuffled }, { ids: order.map((index) => `r${index}`) });
    const comparison = compareRuns(baseline, current, { resamples: 200 });
    expect(comparison.method).toBe('paired-bootstrap');
    for (const check of comparison.strategies[0]!.checks) {
      expect([check.change!.low, check.change!.high]).toEqual([0, 0]);
    }
  });

  it('strategies in only one run are reported as new or removed, not dropped', () => {
    const baseline = handRun({ kept: strategy(50), retired: strategy(50) });
    const current = handRun({ kept: strategy(50), fresh: strategy(50) });
    const comparison = compareRuns(baseline, current, { resamples: 100 });
    expect(comparison.strategies.map((entry) => [entry.name, entry.presence])).toEqual([
      ['kept', 'both'],
      ['fresh', 'new'],
      ['retired', 'removed'],
    ]);
    expect(comparison.regressions).toBe(0);
    const text = renderCompareText(comparison);
    expect(text).toContain('✓ no regression in 1 compared strategy; 1 new; 1 removed');
    expect(text).toMatch(/fresh +— .*new: not in the baseline/);
    expect(text).toMatch(/retired +— .*removed: only in the baseline/);
  });
});
