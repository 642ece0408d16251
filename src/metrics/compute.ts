/**
 * computeMetrics: every metric of metrics.md over the runs of one simulation, as plain numbers.
 * Pure and deterministic: same columns and seed → same output, summation in request order.
 */

import { DOMAINS } from '../contracts/index.ts';
import type { RequestColumns, RunResult } from '../engine/types.ts';
import { parseThresholds } from '../scenario/thresholds.ts';
import type { Scenario } from '../scenario/types.ts';
import { bootstrapDifferences, type Differences } from './bootstrap.ts';
import { KNOB_RESAMPLES, withKnobIntervals } from './knob-intervals.ts';
import { blockPlan, pairedPlan } from './resample.ts';
import { researchMetrics } from './research.ts';
import { costMetrics, type SummaryContext, shadowMetrics, summarize, withReference } from './summary.ts';
import { measureThreshold } from './threshold-values.ts';
import type { RunKind, SimulationMetrics, SliceMetrics, StrategyMetrics } from './types.ts';
import { usageMetrics } from './usage.ts';
import { windowCount, windowLength, windowOf, windowSeries } from './windows.ts';

export interface ComputeMetricsInput {
  scenario: Scenario;
  requests: RequestColumns;
  /** Every unit run over the stream: scenario strategies, sweep points, single models. */
  runs: RunResult[];
  /** The oracle bound (runOracle, faults off). */
  oracle: RunResult;
  /** Tier names, in the order RequestColumns.tier indexes them. */
  tiers: string[];
  /** Bootstrap seed. */
  seed: number;
  /** Bootstrap resamples B. @default 2000 */
  resamples?: number;
  /**
   * Resamples of the APGR/CPT intervals: the first this many of the same plan (at most `resamples`).
   * @default KNOB_RESAMPLES (400)
   */
  knobResamples?: number;
  /** Block length, ms: set it for the block bootstrap (whole windows of virtual time). @default undefined (paired) */
  blockMs?: number;
  /** (Optional hook.) Computes the bootstrap, e.g. returning draws made on worker threads. @default bootstrapDifferences */
  bootstrap?: typeof bootstrapDifferences;
}

/** A run's kind: as the engine marked it, else inferred from its name (see RunResult.kind). */
export function runKind(run: RunResult, scenarioNames: ReadonlySet<string>): RunKind {
  if (run.kind !== undefined) return run.kind;
  if (run.knobValue !== undefined) return 'sweep';
  const model = run.name.startsWith('always-') ? run.name.slice('always-'.length) : undefined;
  if (model !== undefined && run.models.includes(model) && !scenarioNames.has(run.name)) return 'single';
  return 'strategy';
}

/** The scenario strategy a sweep point belongs to: its name up to the last '@'. */
function groupOf(run: RunResult, kind: RunKind): string {
  if (kind !== 'sweep') return run.name;
  const at = run.name.lastIndexOf('@');
  return at > 0 ? run.name.slice(0, at) : run.name;
}

/** Ascending request indices per label value (domain or tier), only values that occur. */
function indexLists(labels: Uint8Array, names: readonly string[]): Map<string, Uint32Array> {
  const buckets = names.map(() => [] as number[]);
  for (let index = 0; index < labels.length; index++) buckets[labels[index]!]?.push(index);
  const out = new Map<string, Uint32Array>();
  names.forEach((name, position) => {
    const bucket = buckets[position]!;
    if (bucket.length > 0) out.set(name, Uint32Array.from(bucket));
  });
  return out;
}

interface Summaries {
  whole: SliceMetrics;
  domain: Record<string, SliceMetrics>;
  tier: Record<string, SliceMetrics>;
}

export function computeMetrics(input: ComputeMetricsInput): SimulationMetrics {
  const { scenario, requests, runs, tiers } = input;
  const requestCount = requests.arrival.length;
  const context: SummaryContext = { durationMs: scenario.durationMs, sloMs: scenario.slo?.latencyMs };
  const scenarioNames = new Set([
    ...scenario.strategies.map((strategy) => strategy.name),
    scenario.reference,
  ]);
  const kinds = runs.map((run) => runKind(run, scenarioNames));
  const domainLists = indexLists(requests.domain, DOMAINS);
  const tierLists = indexLists(requests.tier, tiers);
  const summaries: Summaries[] = runs.map((run) => {
    const domain: Record<string, SliceMetrics> = {};
    for (const [name, indices] of domainLists)
      domain[name] = summarize(run.columns, run.models, indices, context);
    const tier: Record<string, SliceMetrics> = {};
    for (const name of tiers) {
      tier[name] = summarize(run.columns, run.models, tierLists.get(name) ?? new Uint32Array(0), context);
    }
    return { whole: summarize(run.columns, run.models, null, context), domain, tier };
  });

  const referenceIndex = findReference(runs, kinds, scenario.reference);
  const reference = referenceIndex < 0 ? undefined : summaries[referenceIndex];
  const comparedIndices = runs
    .map((_, index) => index)
    .filter((index) => kinds[index] === 'strategy' && index !== referenceIndex);
  const plan =
    input.blockMs === undefined
      ? pairedPlan(requestCount, input.seed, input.resamples)
      : blockPlan(requests.arrival, input.blockMs, input.seed, input.resamples);
  const differences = new Map<number, Differences>();
  if (reference !== undefined && requestCount > 0) {
    const results = (input.bootstrap ?? bootstrapDifferences)(
      plan,
      runs[referenceIndex]!.columns,
      comparedIndices.map((index) => runs[index]!.columns),
    );
    comparedIndices.forEach((runIndex, position) => {
      differences.set(runIndex, results[position]!);
    });
  }

  const windowMs = windowLength(scenario.durationMs, scenario.windowMs);
  const count = windowCount(scenario.durationMs, windowMs);
  const windows = windowOf(requests.arrival, windowMs, count);

  const strategies: StrategyMetrics[] = runs.map((run, index) => {
    const summary = summaries[index]!;
    const isReference = index === referenceIndex;
    const against = (own: SliceMetrics, theirs: SliceMetrics | undefined) =>
      isReference ? own : withReference(own, theirs);
    const slices = { domain: {} as Record<string, SliceMetrics>, tier: {} as Record<string, SliceMetrics> };
    for (const [name, metrics] of Object.entries(summary.domain)) {
      slices.domain[name] = against(metrics, reference?.domain[name]);
    }
    for (const [name, metrics] of Object.entries(summary.tier)) {
      slices.tier[name] = against(metrics, reference?.tier[name]);
    }
    const whole = against(summary.whole, reference?.whole);
    const kind = kinds[index]!;
    const entry: StrategyMetrics = {
      name: run.name,
      family: run.family,
      kind,
      ...whole,
      cost: { ...whole.cost, shadowUsd: run.shadowCostUsd },
      slices,
      difference: differences.get(index) ?? null,
      series: windowSeries(run.columns, windows, windowMs, count),
    };
    if (run.knobValue !== undefined) entry.knobValue = run.knobValue;
    if (kind === 'sweep') entry.parent = groupOf(run, kind);
    if (run.shadow !== undefined) entry.shadow = shadowMetrics(run.shadow);
    if (run.usage !== undefined) entry.usage = usageMetrics(run.usage, entry.cost.totalUsd);
    return entry;
  });

  const oracleSummary = summarize(input.oracle.columns, input.oracle.models, null, context);
  const research = researchMetrics(
    runs.map((run, index) => ({
      name: run.name,
      kind: kinds[index]!,
      group: groupOf(run, kinds[index]!),
      knobValue: run.knobValue,
      knob: run.knob,
      flags: run.columns.flags,
      costPerRequestUsd: summaries[index]!.whole.cost.perRequestUsd,
      quality: summaries[index]!.whole.quality.mean,
    })),
    { costPerRequestUsd: oracleSummary.cost.perRequestUsd, quality: oracleSummary.quality.mean },
  );
  research.knobbed = withKnobIntervals(
    research.knobbed,
    runs.map((run, index) => ({
      name: run.name,
      kind: kinds[index]!,
      group: groupOf(run, kinds[index]!),
      knobValue: run.knobValue,
      flags: run.columns.flags,
      score: run.columns.score,
    })),
    { ...plan, resamples: Math.min(plan.resamples, input.knobResamples ?? KNOB_RESAMPLES) },
  );

  const thresholdContext = {
    runs: runs.map((run, index) => ({ name: run.name, kind: kinds[index]!, columns: run.columns })),
    domain: requests.domain,
    tier: requests.tier,
    tiers,
    sloMs: context.sloMs,
  };
  const intervals: SimulationMetrics['intervals'] = {
    method: plan.method,
    resamples: plan.resamples,
    level: 0.95,
    seed: input.seed,
  };
  if (plan.blockMs !== undefined) intervals.blockMs = plan.blockMs;
  return {
    requestCount,
    durationMs: scenario.durationMs,
    window: { ms: windowMs, count },
    reference: scenario.reference,
    strategies,
    oracle: {
      cost: costMetrics(oracleSummary.cost.totalUsd, requestCount, scenario.durationMs),
      quality: oracleSummary.quality.mean,
      modelShare: oracleSummary.modelShare,
    },
    research,
    intervals,
    thresholds: parseThresholds(scenario.thresholds).map((threshold) =>
      measureThreshold(threshold, thresholdContext),
    ),
  };
}

/** Index of the reference run (a scenario strategy of that name first); -1 when absent. */
function findReference(runs: readonly RunResult[], kinds: readonly RunKind[], name: string): number {
  const strategy = runs.findIndex((run, index) => run.name === name && kinds[index] === 'strategy');
  return strategy >= 0 ? strategy : runs.findIndex((run) => run.name === name);
}
