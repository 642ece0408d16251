/**
 * The robustness verdict on synthetic runs: a move that reverses a resolved order or changes the
 * top strategy is reported as a change naming who overtook whom; one that does not holds; a
 * reversal inside the run's own resolution is not an order.
 */
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../src/engine/types.ts';
import { Status } from '../src/engine/types.ts';
import { computeRobustness, type MovedRuns, resolutionOf } from '../src/metrics/robustness.ts';
import { kendallTauB, orderBy } from '../src/metrics/robustness-ranking.ts';
import type { RobustnessRow } from '../src/metrics/robustness-types.ts';
import type { Interval, StrategyMetrics } from '../src/metrics/types.ts';

const N = 100;

/** A run of N requests, every one answered with `quality` at `costPerRequest` USD in 1 s. */
function run(name: string, quality: number, costPerRequest: number): RunResult {
  return {
    name,
    family: 'baseline',
    knobValue: undefined,
    models: ['m'],
    columns: {
      cost: new Float64Array(N).fill(costPerRequest),
      score: new Float32Array(N).fill(quality),
      latency: new Float32Array(N).fill(1000),
      ttft: new Float32Array(N).fill(200),
      status: new Uint8Array(N).fill(Status.answered),
      model: new Uint8Array(N),
      flags: new Uint8Array(N),
    },
    shadowCostUsd: 0,
    decisionOverheadMs: new Float32Array(N),
  };
}

const interval = (halfWidth: number): Interval => ({
  estimate: 0,
  low: -halfWidth,
  high: halfWidth,
  significant: false,
});

/** Base metrics as computeMetrics would give them, with Δ intervals of the given half-widths. */
function metrics(name: string, quality: number, costPerRequest: number, reference = false): StrategyMetrics {
  return {
    name,
    kind: 'strategy',
    quality: { mean: quality, relative: null },
    cost: { per1kUsd: costPerRequest * 1000 },
    latency: { p95: 1000 },
    goodput: 1,
    answeredRate: 1,
    // 0.5-point quality intervals, $0.01-per-1k cost intervals.
    difference: reference ? null : { quality: interval(0.5), cost: interval(0.00001), p95: null },
  } as unknown as StrategyMetrics;
}

const BASE = [
  metrics('strongest', 0.9, 0.002, true),
  metrics('cascade', 0.898, 0.001),
  metrics('cheap', 0.6, 0.0001),
];
const context = { durationMs: 60_000, sloMs: 8000 };

function side(runs: RunResult[], id = 'latency', which: 'low' | 'high' = 'high'): MovedRuns {
  return { id, side: which, assumption: id, setting: 's', band: 'b', runs, rerun: runs.map(() => true) };
}

describe('robustness verdict', () => {
  it('holds when the move changes figures but no order and not the top strategy', () => {
    const result = computeRobustness({
      strategies: BASE,
      reference: 'strongest',
      requestCount: N,
      context,
      sides: [
        side([run('strongest', 0.89, 0.0021), run('cascade', 0.888, 0.0011), run('cheap', 0.58, 0.0001)]),
      ],
      skipped: [],
    });
    expect(result.base.top).toBe('cascade');
    expect(result.sides[0]?.verdict).toBe('holds');
    expect(result.sides[0]?.kendallTau).toEqual({ quality: 1, cost: 1 });
    expect(result.holdCount).toBe(1);
    expect(result.summary).toBe('verdict robust to 1 of 1 move');
  });

  it('says which strategy overtook which, and that the top changed, when a move flips the ranking', () => {
    const result = computeRobustness({
      strategies: BASE,
      reference: 'strongest',
      requestCount: N,
      context,
      sides: [
        side(
          [run('strongest', 0.9, 0.002), run('cascade', 0.896, 0.001), run('cheap', 0.6, 0.0001)],
          'latency',
          'low',
        ),
        side(
          [run('strongest', 0.9, 0.002), run('cascade', 0.5, 0.003), run('cheap', 0.6, 0.0001)],
          'logprob-auroc',
        ),
      ],
      skipped: [],
    });
    const [holding, flipped] = result.sides;
    expect(holding?.holds).toBe(true);
    expect(flipped?.holds).toBe(false);
    expect(flipped?.top).toBe(null);
    expect(flipped?.byQuality).toEqual(['strongest', 'cheap', 'cascade']);
    expect(flipped?.byCost).toEqual(['cheap', 'strongest', 'cascade']);
    expect(flipped?.overtakes.map((entry) => `${entry.winner}>${entry.loser}:${entry.metric}`)).toEqual([
      'cheap>cascade:quality',
      'strongest>cascade:cost',
    ]);
    expect(flipped?.verdict).toBe(
      'changes: top none instead of cascade; cheap overtakes cascade on quality (0.600 vs 0.500; base 0.600 vs 0.898); strongest overtakes cascade on cost ($2.0000 vs $3.0000; base $2.0000 vs $1.0000)',
    );
    expect(flipped?.kendallTau.quality).toBeCloseTo(1 / 3, 9);
    expect(result.summary).toMatch(
      /^verdict changes under 1 of 2 moves \(logprob-auroc high\); e\.g\. logprob-auroc high: top none/,
    );
  });

  it('does not count a reversal inside the run’s resolution as a new order', () => {
    // cascade falls 0.2 points below a strategy 0.2 points behind it: within the 0.5-point resolution.
    const strategies = [...BASE, metrics('rules', 0.896, 0.0005)];
    const result = computeRobustness({
      strategies,
      reference: 'strongest',
      requestCount: N,
      context,
      sides: [
        side([
          run('strongest', 0.9, 0.002),
          run('cascade', 0.895, 0.001),
          run('cheap', 0.6, 0.0001),
          run('rules', 0.897, 0.0005),
        ]),
      ],
      skipped: [],
    });
    expect(result.resolution.quality).toBeCloseTo(0.005, 9);
    expect(result.sides[0]?.overtakes).toEqual([]);
    expect(result.sides[0]?.kendallTau.quality).toBeLessThan(1);
    expect(result.base.top).toBe('rules');
    expect(result.sides[0]?.holds).toBe(true);
  });
});

describe('ranking arithmetic', () => {
  it('Kendall τ-b: 1 for the same order, −1 reversed, ties counted neither way', () => {
    expect(kendallTauB([1, 2, 3], [10, 20, 30])).toBe(1);
    expect(kendallTauB([1, 2, 3], [3, 2, 1])).toBe(-1);
    expect(kendallTauB([1, 1, 2], [1, 2, 3])).toBeCloseTo(2 / Math.sqrt(2 * 3), 9);
    expect(kendallTauB([1], [1])).toBe(null);
  });

  it('orders best first, cheapest first, ties in the given order', () => {
    const rows = [
      { name: 'a', quality: 0.5, costPer1kUsd: 2 },
      { name: 'b', quality: 0.7, costPer1kUsd: 2 },
      { name: 'c', quality: 0.5, costPer1kUsd: 1 },
    ] as RobustnessRow[];
    expect(orderBy(rows, 'quality')).toEqual(['b', 'a', 'c']);
    expect(orderBy(rows, 'cost')).toEqual(['c', 'a', 'b']);
  });

  it('takes the resolution from the run’s own intervals (median half-width)', () => {
    expect(resolutionOf(BASE)).toEqual({ quality: 0.005, costPer1kUsd: 0.01 });
  });
});
