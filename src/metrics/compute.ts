/**
 * computeMetrics: every metric of metrics.md over the runs of one simulation, as plain numbers.
 * Pure and deterministic: same columns and seed → same output, summation in request order.
 */

import type { RequestColumns, RunColumns, RunResult } from '../engine/types.ts';
import { parseThresholds } from '../scenario/thresholds.ts';
import type { Scenario } from '../scenario/types.ts';
import { bootstrapDifferences, type Differences } from './bootstrap.ts';
import { KNOB_RESAMPLES, withKnobIntervals } from './knob-intervals.ts';
import { blockPlan, pairedPlan, type ResamplePlan } from './resample.ts';
import { researchMetrics } from './research.ts';
import { RESEARCH_NOT_RUN } from './research-not-run.ts';
import { type DigestedRun, digestRun, isDigested, type MetricsRun, metricsFrame } from './run-digest.ts';
import { costMetrics, type SummaryContext, shadowMetrics, summarize, withReference } from './summary.ts';
import { measureThreshold } from './threshold-values.ts';
import type { ResearchMetrics, RunKind, SimulationMetrics, SliceMetrics, StrategyMetrics } from './types.ts';
import { usageMetrics } from './usage.ts';
import { windowCount, windowLength } from './windows.ts';

export interface ComputeMetricsInput {
  scenario: Scenario;
  requests: RequestColumns;
  /**
   * Every unit run over the stream: scenario strategies, sweep points, single models — whole, or
   * digested as they arrived (run-digest.ts: the same metrics, without most runs' columns).
   */
  runs: readonly MetricsRun[];
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
  /**
   * Compute the research metrics (APGR/CPT with their intervals, the hull, NDCH, AIQ); false for a
   * run planned without research units (`simulate --no-research`): `research` then says why not.
   * @default true
   */
  research?: boolean;
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
function groupOf(run: { name: string }, kind: RunKind): string {
  if (kind !== 'sweep') return run.name;
  const at = run.name.lastIndexOf('@');
  return at > 0 ? run.name.slice(0, at) : run.name;
}

export function computeMetrics(input: ComputeMetricsInput): SimulationMetrics {
  const { scenario, requests, tiers } = input;
  const requestCount = requests.arrival.length;
  const scenarioNames = new Set([
    ...scenario.strategies.map((strategy) => strategy.name),
    scenario.reference,
  ]);
  const needsFrame = input.runs.some((run) => !isDigested(run));
  const frame = needsFrame ? metricsFrame(scenario, requests, tiers) : undefined;
  // Runs handed over whole are digested here, exactly as simulate digests them on arrival.
  const runs: DigestedRun[] = input.runs.map((run) =>
    isDigested(run) ? run : digestRun(frame!, run, runKind(run, scenarioNames), true),
  );
  const context: SummaryContext = { durationMs: scenario.durationMs, sloMs: scenario.slo?.latencyMs };
  const kinds = runs.map((run) => run.kind);
  const summaries = runs.map((run) => run.digest.summaries);

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
      keptColumns(runs[referenceIndex]!),
      comparedIndices.map((index) => keptColumns(runs[index]!)),
    );
    comparedIndices.forEach((runIndex, position) => {
      differences.set(runIndex, results[position]!);
    });
  }

  const windowMs = windowLength(scenario.durationMs, scenario.windowMs);
  const count = windowCount(scenario.durationMs, windowMs);

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
      series: run.digest.series,
    };
    if (run.knobValue !== undefined) entry.knobValue = run.knobValue;
    if (kind === 'sweep') entry.parent = groupOf(run, kind);
    if (run.shadow !== undefined) entry.shadow = shadowMetrics(run.shadow);
    if (run.usage !== undefined) entry.usage = usageMetrics(run.usage, entry.cost.totalUsd);
    return entry;
  });

  const oracleSummary = summarize(input.oracle.columns, input.oracle.models, null, context);
  const research =
    input.research === false
      ? RESEARCH_NOT_RUN
      : researchOf(runs, kinds, summaries, oracleSummary, {
          ...plan,
          resamples: Math.min(plan.resamples, input.knobResamples ?? KNOB_RESAMPLES),
        });

  const thresholdContext = {
    // Only runs that kept their columns: every run a threshold can select does (keepsAllColumns).
    runs: runs.flatMap((run, index) =>
      run.columns === undefined ? [] : [{ name: run.name, kind: kinds[index]!, columns: run.columns }],
    ),
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

/** The research metrics of the runs (sweep points and single models among them) and the oracle. */
function researchOf(
  runs: readonly DigestedRun[],
  kinds: readonly RunKind[],
  summaries: readonly DigestedRun['digest']['summaries'][],
  oracleSummary: ReturnType<typeof summarize>,
  knobPlan: ResamplePlan,
): ResearchMetrics {
  const research = researchMetrics(
    runs.map((run, index) => ({
      name: run.name,
      kind: kinds[index]!,
      group: groupOf(run, kinds[index]!),
      knobValue: run.knobValue,
      knob: run.knob,
      strongCallShare: run.digest.strongCallShare,
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
      strongCalled: run.digest.strongCalled,
      score: run.digest.score ?? run.columns?.score,
    })),
    knobPlan,
  );
  return research;
}

/** The columns of a run the bootstrap pairs (kept by keepsAllColumns: a strategy or the reference). */
function keptColumns(run: DigestedRun): RunColumns {
  if (run.columns === undefined) throw new Error(`metrics: the columns of ${run.name} were not kept`);
  return run.columns;
}

/** Index of the reference run (a scenario strategy of that name first); -1 when absent. */
/** The reference among `runs`: the scenario strategy of that name, else any run of that name; −1 when none. */
export function findReference(runs: readonly DigestedRun[], kinds: readonly RunKind[], name: string): number {
  const strategy = runs.findIndex((run, index) => run.name === name && kinds[index] === 'strategy');
  return strategy >= 0 ? strategy : runs.findIndex((run) => run.name === name);
}
