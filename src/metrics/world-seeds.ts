/**
 * The metrics of a run over k world seeds (`--seeds k`, k > 1): computeMetrics has measured the
 * plain run (world seed j = 0); this replaces, for every re-seeded run (the scenario strategies
 * and the reference),
 * - its whole-run metrics by their **mean over the k worlds** (every number: cost, quality,
 *   savings, answered rate, latency quantiles, failure counts…; a null in any world stays null),
 * - (its Δ intervals are already two-level: computeMetrics drew them through twoLevelHook, whose
 *   estimate is the mean over the worlds of each world's difference),
 * and re-measures every threshold in each world and keeps the mean (samples: all worlds').
 * Everything else — the domain and tier slices, the over-time series, the hull, sweeps and knob
 * curves, the oracle, the decision log and columns — stays the plain run's (j = 0).
 */
import type { RequestColumns, RunResult } from '../engine/types.ts';
import { parseThresholds } from '../scenario/thresholds.ts';
import type { Scenario } from '../scenario/types.ts';
import type { BootstrapColumns, bootstrapDifferences } from './bootstrap.ts';
import { keptColumnsOf, type MetricsRun } from './run-digest.ts';
import { type SummaryContext, summarize, withReference } from './summary.ts';
import { measureThreshold, type ThresholdRun } from './threshold-values.ts';
import { meanOverSeeds, type SeedRuns, twoLevelDifferences } from './two-level-bootstrap.ts';
import type {
  SimulationMetrics,
  SliceMetrics,
  StrategyMetrics,
  ThresholdActual,
  WorldSeedSpread,
} from './types.ts';

export interface WorldSeedsInput {
  scenario: Scenario;
  requests: RequestColumns;
  tiers: readonly string[];
  /** The plain run's metrics (computeMetrics over `runs`). */
  metrics: SimulationMetrics;
  /**
   * The plain run's runs (world seed 0), plan order, kinds tagged; whole or digested (the
   * re-seeded ones — scenario strategies and the reference — always keep their columns).
   */
  runs: readonly MetricsRun[];
  /** Runs of world seeds j = 1 … k − 1: per seed, the re-seeded runs (any order, by name). */
  seeded: readonly (readonly RunResult[])[];
  /** The k world seeds (j = 0 … k − 1). */
  worldSeeds: readonly number[];
  /** Block bootstrap window, ms. @default undefined (paired) */
  blockMs?: number;
}

/** "two-level bootstrap: 5 world seeds × requests" (or "× 15-minute windows"). */
export function twoLevelLabel(seeds: number, blockMs: number | undefined): string {
  const inner = blockMs === undefined ? 'requests' : `${Math.round(blockMs / 60_000)}-minute windows`;
  return `two-level bootstrap: ${seeds} world seeds × ${inner}`;
}

export function withWorldSeeds(input: WorldSeedsInput): SimulationMetrics {
  const { metrics, runs, scenario } = input;
  const k = input.worldSeeds.length;
  if (input.seeded.length !== k - 1) throw new RangeError(`expected runs of ${k - 1} more world seeds`);
  const context: SummaryContext = { durationMs: scenario.durationMs, sloMs: scenario.slo?.latencyMs };
  const names = new Set(input.seeded[0]?.map((run) => run.name) ?? []);
  /** worlds[j]: name → run, for every re-seeded run. */
  const worlds: Map<string, ColumnsRun>[] = [
    new Map(
      runs.flatMap((run) => {
        const columns = keptColumnsOf(run);
        return names.has(run.name) && columns !== undefined ? [[run.name, { ...run, columns }] as const] : [];
      }),
    ),
    ...input.seeded.map((seedRuns) => new Map(seedRuns.map((run) => [run.name, run]))),
  ];
  for (const [j, world] of worlds.entries())
    for (const name of names)
      if (!world.has(name)) throw new RangeError(`world seed ${j} has no run named "${name}"`);

  const referenceName = metrics.reference;
  const hasReference = names.has(referenceName);
  const referenceWholes = hasReference
    ? worlds.map((world) => wholeOf(world.get(referenceName)!, context))
    : undefined;
  const spread: WorldSeedSpread = { worldSeeds: [...input.worldSeeds], strategies: [] };
  const strategies: StrategyMetrics[] = metrics.strategies.map((entry) => {
    if (!names.has(entry.name)) return entry;
    const wholes = worlds.map((world, j) => {
      const own = wholeOf(world.get(entry.name)!, context);
      return entry.name === referenceName || referenceWholes === undefined
        ? own
        : withReference(own, referenceWholes[j]);
    });
    spread.strategies.push({
      name: entry.name,
      costPerRequestUsd: wholes.map((whole) => whole.cost.perRequestUsd),
      quality: wholes.map((whole) => whole.quality.mean),
      p95Ms: wholes.map((whole) => whole.latency?.p95 ?? null),
      answeredRate: wholes.map((whole) => whole.answeredRate),
    });
    const mean = meanLeaves(wholes) as SliceMetrics;
    const shadowUsd = meanOverSeeds(worlds.map((world) => world.get(entry.name)!.shadowCostUsd));
    return { ...entry, ...mean, cost: { ...mean.cost, shadowUsd } };
  });

  return {
    ...metrics,
    strategies,
    intervals: {
      ...metrics.intervals,
      label: twoLevelLabel(k, input.blockMs),
      worldSeeds: [...input.worldSeeds],
    },
    thresholds: thresholdsOverWorlds(input, worlds),
    seeds: spread,
  };
}

/**
 * computeMetrics' `bootstrap` hook for k worlds: the columns it is handed are the plain run's
 * (world 0); each is found by identity among `runs` and its namesakes in the other worlds join it,
 * so the Δ intervals (and their estimates: the mean over worlds) are two-level, drawn over the
 * very plan computeMetrics built (paired or block, its seed and B).
 */
export function twoLevelHook(
  runs: readonly MetricsRun[],
  seeded: readonly (readonly RunResult[])[],
): typeof bootstrapDifferences {
  const nameOf = new Map<BootstrapColumns, string>(
    runs.flatMap((run) => {
      const columns = keptColumnsOf(run);
      return columns === undefined ? [] : [[columns, run.name] as const];
    }),
  );
  const worlds = seeded.map((seedRuns) => new Map(seedRuns.map((run) => [run.name, run.columns])));
  return (plan, reference, compared) => {
    // A run not re-seeded (never the reference or a scenario strategy) keeps its world-0 columns.
    const inWorld = (world: Map<string, BootstrapColumns>, columns: BootstrapColumns) =>
      world.get(nameOf.get(columns) ?? '') ?? columns;
    const seeds: SeedRuns[] = [
      { reference, compared },
      ...worlds.map((world) => ({
        reference: inWorld(world, reference),
        compared: compared.map((columns) => inWorld(world, columns)),
      })),
    ];
    return twoLevelDifferences(plan, seeds);
  };
}

/** A run with its columns (a re-seeded run, or a plain run that kept them). */
type ColumnsRun = Pick<RunResult, 'name' | 'models' | 'columns' | 'shadowCostUsd'>;

function wholeOf(run: ColumnsRun, context: SummaryContext): SliceMetrics {
  return summarize(run.columns, run.models, null, context);
}

/**
 * Each threshold measured in every world (the plain run's other runs in all of them) and averaged;
 * null (with the first world's reason) when any world has nothing to measure.
 */
function thresholdsOverWorlds(
  input: WorldSeedsInput,
  worlds: readonly Map<string, ColumnsRun>[],
): ThresholdActual[] {
  const kinds = new Map(input.metrics.strategies.map((entry) => [entry.name, entry.kind]));
  const contexts = worlds.map((world) => ({
    // A digested run without columns is one no threshold selects (run-digest.ts keepsAllColumns).
    runs: input.runs.flatMap((run): ThresholdRun[] => {
      const columns = world.get(run.name)?.columns ?? keptColumnsOf(run);
      return columns === undefined
        ? []
        : [{ name: run.name, kind: kinds.get(run.name) ?? 'strategy', columns }];
    }),
    domain: input.requests.domain,
    tier: input.requests.tier,
    tiers: input.tiers,
    sloMs: input.scenario.slo?.latencyMs,
  }));
  return parseThresholds(input.scenario.thresholds).map((threshold) => {
    const measured = contexts.map((context) => measureThreshold(threshold, context));
    const missing = measured.find((entry) => entry.actual === null);
    if (missing !== undefined) return missing;
    return {
      ...measured[0]!,
      actual: meanOverSeeds(measured.map((entry) => entry.actual!)),
      samples: measured.reduce((total, entry) => total + entry.samples, 0),
    };
  });
}

/**
 * The mean over worlds of every number in same-shaped objects; a value null in any world is null
 * (the mean is undefined where a world has none); strings and other values are the first world's.
 */
export function meanLeaves(values: readonly unknown[]): unknown {
  if (values.some((value) => value === null)) return null;
  const first = values[0];
  if (typeof first === 'number') return meanOverSeeds(values as number[]);
  if (typeof first === 'object' && first !== null && !Array.isArray(first)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(first))
      out[key] = meanLeaves(values.map((value) => (value as Record<string, unknown>)[key]));
    return out;
  }
  return first;
}
