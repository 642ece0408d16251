/**
 * The metrics of a finished run: computeMetrics over the runs and the oracle, the judge-ε study
 * and the robustness verdict added to them, then the scenario's thresholds evaluated on the whole.
 */
import { worldSeeds } from '../contracts/index.ts';
import type { RequestColumns, RunResult } from '../engine/types.ts';
import type { bootstrapDifferences } from '../metrics/bootstrap.ts';
import { computeMetrics } from '../metrics/compute.ts';
import { evaluateThresholds } from '../metrics/evaluate-thresholds.ts';
import { researchRan } from '../metrics/research-not-run.ts';
import type { MovedRuns } from '../metrics/robustness.ts';
import type { MetricsRun } from '../metrics/run-digest.ts';
import type { JudgeEpsilonMetrics, SimulationMetrics, ThresholdResult } from '../metrics/types.ts';
import { twoLevelHook, withWorldSeeds } from '../metrics/world-seeds.ts';
import { parseThresholds } from '../scenario/thresholds.ts';
import type { Scenario } from '../scenario/types.ts';
import { finishRobustness, type StartedRobustness } from './simulate-robustness.ts';

export interface RunMetricsInput {
  scenario: Scenario;
  requests: RequestColumns;
  /** Every unit's run, plan order: whole, or digested as it arrived (metrics/run-digest.ts). */
  runs: readonly MetricsRun[];
  oracle: RunResult;
  /** Tier names, in the order RequestColumns.tier indexes them. */
  tiers: string[];
  /** Draws made on the worker pool (computeMetrics' hook). @default drawn here */
  bootstrap?: typeof bootstrapDifferences;
  /** Block bootstrap window, ms. @default undefined (paired) */
  blockMs?: number;
  /** The judge-ε study, when the scenario runs a judge cascade. */
  judgeEpsilon?: JudgeEpsilonMetrics;
  /**
   * `--seeds k`, k > 1: per world j = 1 … k − 1, its re-seeded runs (their seeds follow from the
   * scenario's: contracts/world-seed.ts); the headline becomes the mean over worlds, the intervals
   * two-level (metrics/world-seeds.ts). @default none (or empty): the plain run
   */
  otherWorlds?: readonly (readonly RunResult[])[];
  /** The robustness moves and their collected runs. @default none: no verdict */
  robustness?: { started: StartedRobustness; sides: readonly MovedRuns[] };
  /**
   * The plan ran the research units (false: `simulate --no-research`; `research` then says they
   * were not run, and no judge-ε study is attached). @default true
   */
  research?: boolean;
}

export function runMetrics(input: RunMetricsInput): {
  metrics: SimulationMetrics;
  thresholds: ThresholdResult[];
} {
  const { scenario } = input;
  const otherWorlds = input.otherWorlds ?? [];
  const worlds =
    otherWorlds.length === 0
      ? undefined
      : { seeds: worldSeeds(scenario.seed, otherWorlds.length + 1), runs: otherWorlds };
  // k worlds: the Δ intervals are two-level (drawn on the pool, or here).
  const bootstrap =
    worlds === undefined ? input.bootstrap : (input.bootstrap ?? twoLevelHook(input.runs, worlds.runs));
  const computed = computeMetrics({
    scenario,
    requests: input.requests,
    runs: input.runs,
    oracle: input.oracle,
    tiers: input.tiers,
    seed: scenario.seed,
    ...(bootstrap === undefined ? {} : { bootstrap }),
    ...(input.blockMs === undefined ? {} : { blockMs: input.blockMs }),
    ...(input.research === false ? { research: false } : {}),
  });
  const seeded =
    worlds === undefined
      ? computed
      : withWorldSeeds({
          scenario,
          requests: input.requests,
          tiers: input.tiers,
          metrics: computed,
          runs: input.runs,
          seeded: worlds.runs,
          worldSeeds: worlds.seeds,
          ...(input.blockMs === undefined ? {} : { blockMs: input.blockMs }),
        });
  const withStudy: SimulationMetrics =
    input.judgeEpsilon === undefined || !researchRan(seeded.research)
      ? seeded
      : { ...seeded, research: { ...seeded.research, judgeEpsilon: input.judgeEpsilon } };
  const metrics: SimulationMetrics =
    input.robustness === undefined
      ? withStudy
      : {
          ...withStudy,
          robustness: finishRobustness({
            started: input.robustness.started,
            sides: input.robustness.sides,
            strategies: computed.strategies,
            reference: scenario.reference,
            requestCount: computed.requestCount,
            context: { durationMs: scenario.durationMs, sloMs: scenario.slo?.latencyMs },
          }),
        };
  const thresholds = evaluateThresholds(parseThresholds(scenario.thresholds), metrics);
  return { metrics, thresholds };
}
