/**
 * Compare a run with a baseline run (pure: the runs are already loaded). Every strategy present
 * in either run is reported; those in both get a cost, quality and p95 check each.
 */
import type { ColumnsData, StrategyColumns } from '../report/columns-file.ts';
import { bootstrapChanges, type ChangeColumns } from './bootstrap-changes.ts';
import { decidePairing } from './pairing.ts';
import {
  type Comparison,
  DEFAULT_TOLERANCES,
  type RunIdentity,
  type StrategyComparison,
  type Tolerances,
} from './types.ts';
import { checkChanges } from './verdict.ts';

export interface CompareOptions {
  /** @default DEFAULT_TOLERANCES (cost +5%, quality −1 pt, p95 +10%) */
  tolerances?: Tolerances;
  /** Bootstrap resamples B. @default 2000 */
  resamples?: number;
  /** Seed of the bootstrap draws. @default 0 */
  seed?: number;
  /** Block bootstrap: resample whole windows of this many ms of virtual time. @default off */
  blockMs?: number;
}

export interface ComparedRun {
  identity: RunIdentity;
  columns: ColumnsData;
}

export function compareRuns(
  baseline: ComparedRun,
  current: ComparedRun,
  options: CompareOptions = {},
): Comparison {
  const tolerances = options.tolerances ?? DEFAULT_TOLERANCES;
  const resamples = options.resamples ?? 2000;
  const seed = options.seed ?? 0;
  const pairing = decidePairing(
    { requestStreamSha256: baseline.identity.requestStreamSha256, requestIds: baseline.columns.requestIds },
    { requestStreamSha256: current.identity.requestStreamSha256, requestIds: current.columns.requestIds },
  );
  const baselineNames = [...baseline.columns.strategies.keys()];
  const currentNames = [...current.columns.strategies.keys()];
  const shared = currentNames.filter((name) => baseline.columns.strategies.has(name));
  const align = (columns: StrategyColumns): ChangeColumns =>
    pairing.currentRowOf === undefined ? columns : permute(columns, pairing.currentRowOf);
  const changes = bootstrapChanges(
    shared.map((name) => ({
      baseline: baseline.columns.strategies.get(name)!,
      current: align(current.columns.strategies.get(name)!),
    })),
    {
      method: pairing.method,
      resamples,
      seed,
      ...(options.blockMs === undefined
        ? {}
        : {
            block: {
              ms: options.blockMs,
              baselineArrival: baseline.columns.arrivalMs,
              // Paired rows follow the baseline's order; its arrival times are the rows' times.
              currentArrival:
                pairing.currentRowOf === undefined ? current.columns.arrivalMs : baseline.columns.arrivalMs,
            },
          }),
    },
  );
  const byName = new Map(shared.map((name, index) => [name, changes[index]!]));
  const strategies: StrategyComparison[] = [
    ...currentNames.map((name): StrategyComparison => {
      const strategyChanges = byName.get(name);
      if (strategyChanges === undefined) return { name, presence: 'new', checks: [], regression: false };
      const checks = checkChanges(strategyChanges, tolerances);
      return { name, presence: 'both', checks, regression: checks.some((entry) => entry.regression) };
    }),
    ...baselineNames
      .filter((name) => !current.columns.strategies.has(name))
      .map((name): StrategyComparison => ({ name, presence: 'removed', checks: [], regression: false })),
  ];
  return {
    baseline: baseline.identity,
    current: current.identity,
    method: pairing.method,
    methodReason: pairing.reason + worldSeedFallback(baseline.identity, current.identity),
    resamples,
    seed,
    ...(options.blockMs === undefined ? {} : { blockMs: options.blockMs }),
    level: 0.95,
    tolerances,
    strategies,
    regressions: strategies.reduce(
      (count, strategy) => count + strategy.checks.filter((entry) => entry.regression).length,
      0,
    ),
  };
}

/**
 * `--seeds k` runs: columns.bin holds only the plain run's world (j = 0), so compare measures
 * that world against the other run with one-world intervals, and says so rather than pass them
 * off as two-level ones.
 */
function worldSeedFallback(baseline: RunIdentity, current: RunIdentity): string {
  const seeded = [baseline, current].filter((run) => run.worldSeeds !== undefined);
  if (seeded.length === 0) return '';
  const which = seeded.map((run) => `${run.dir} ran over ${run.worldSeeds} world seeds`).join(' and ');
  return `; ${which}: compare reads the first world only (the plain run's, the one columns.bin holds), so these are one-world intervals, not the run's two-level ones`;
}

/** The current run's columns re-ordered so row i is the baseline's request i. */
function permute(columns: StrategyColumns, rowOf: Uint32Array): ChangeColumns {
  const pick = <T extends Float64Array | Float32Array | Uint8Array>(values: T, out: T): T => {
    for (let row = 0; row < rowOf.length; row++) out[row] = values[rowOf[row]!]!;
    return out;
  };
  return {
    cost: pick(columns.cost, new Float64Array(rowOf.length)),
    score: pick(columns.score, new Float32Array(rowOf.length)),
    latency: pick(columns.latency, new Float32Array(rowOf.length)),
    status: pick(columns.status, new Uint8Array(rowOf.length)),
  };
}
