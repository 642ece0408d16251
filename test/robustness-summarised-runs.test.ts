/**
 * Moved runs summarised as they arrive (simulate keeps a summary, not 23 B per request, for each
 * of a default day's 34 robustness re-runs) give the same verdict as the runs themselves, and
 * submitMoves hands `collect` the summaries — the perturbed runs' columns are not kept.
 */
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../src/engine/types.ts';
import { Status } from '../src/engine/types.ts';
import { computeRobustness, type MovedRuns, summarizeMoved } from '../src/metrics/robustness.ts';
import type { StrategyMetrics } from '../src/metrics/types.ts';
import type { Perturbation } from '../src/robustness/perturbation.ts';
import { submitMoves } from '../src/run/robustness-runs.ts';

const N = 200;
const context = { durationMs: 60_000, sloMs: 1500 };

/** A run of N requests with varied scores, costs, latencies and a few failures. */
function run(name: string, shift: number): RunResult {
  const columns = {
    cost: Float64Array.from({ length: N }, (_, index) => ((index % 7) + shift) * 1e-4),
    score: Float32Array.from({ length: N }, (_, index) => ((index * 13 + shift * 5) % 10) / 10),
    latency: Float32Array.from({ length: N }, (_, index) => 400 + ((index * 37 + shift * 100) % 1600)),
    ttft: Float32Array.from({ length: N }, (_, index) => 100 + (index % 50)),
    status: Uint8Array.from({ length: N }, (_, index) =>
      index % 17 === 0 ? Status.timeout : Status.answered,
    ),
    model: new Uint8Array(N),
    flags: new Uint8Array(N),
  };
  return {
    name,
    family: 'baseline',
    knobValue: undefined,
    models: ['m'],
    columns,
    shadowCostUsd: 0,
    decisionOverheadMs: new Float32Array(0),
  };
}

function metrics(name: string, quality: number, per1kUsd: number, reference = false): StrategyMetrics {
  const interval = { estimate: 0, low: -0.5, high: 0.5, significant: false };
  return {
    name,
    kind: 'strategy',
    quality: { mean: quality, relative: null },
    cost: { per1kUsd },
    latency: { p95: 1000 },
    goodput: 1,
    answeredRate: 1,
    difference: reference
      ? null
      : { quality: interval, cost: { ...interval, low: -1e-5, high: 1e-5 }, p95: null },
  } as unknown as StrategyMetrics;
}

const BASE = [metrics('a', 0.5, 0.4, true), metrics('b', 0.45, 0.3), metrics('c', 0.4, 0.2)];

function side(runs: MovedRuns['runs'], id: string): MovedRuns {
  return { id, side: 'high', assumption: id, setting: 's', band: 'b', runs, rerun: runs.map(() => true) };
}

describe('summarised moved runs', () => {
  it('give the verdict the runs give', () => {
    const sides = [
      [run('a', 1), run('b', 3), run('c', 2)],
      [run('a', 4), run('b', 0), run('c', 6)],
    ];
    const verdict = (summarised: boolean) =>
      computeRobustness({
        strategies: BASE,
        reference: 'a',
        requestCount: N,
        context,
        sides: sides.map((runs, index) =>
          side(summarised ? runs.map((each) => summarizeMoved(each, context)) : runs, `move-${index}`),
        ),
        skipped: [],
      });
    const full = verdict(false);
    expect(full.sides[0]?.rows[0]?.quality).toBeGreaterThan(0);
    expect(verdict(true)).toEqual(full);
  });

  it('reach collect as summaries when submitMoves is given the summary', async () => {
    const move = {
      id: 'latency',
      side: 'high',
      assumption: 'latency',
      setting: 's',
      band: 'b',
      affects: () => true,
      apply: (inputs: unknown) => inputs,
    } as unknown as Perturbation;
    const base = { catalog: {}, domains: {}, strategies: [{ name: 'a' }, { name: 'b' }] } as never;
    const submitted = submitMoves(
      [move],
      base,
      async (task) => run(task.label, 1),
      (each) => summarizeMoved(each, context),
    );
    const [collected] = await submitted.collect([run('a', 0), run('b', 0)]);
    expect(collected?.runs).toEqual([
      summarizeMoved(run('a', 1), context),
      summarizeMoved(run('b', 1), context),
    ]);
    for (const each of collected?.runs ?? []) expect('columns' in each).toBe(false);
  });
});
