/**
 * The robustness step of `simulate` (issue 9, deliverable 8), kept apart from the orchestration:
 * choose the moves that can change this scenario's strategies, submit their units (to the pool,
 * or in-process after the plan's units), and turn the runs into the verdict once the base metrics
 * are known.
 */

import type { Catalog, OutcomeSource } from '../contracts/index.ts';
import { DOMAINS } from '../contracts/index.ts';
import type { RequestColumns } from '../engine/types.ts';
import { computeRobustness, type MovedRuns, summarizeMoved, type TopRule } from '../metrics/robustness.ts';
import type { RobustnessMetrics } from '../metrics/robustness-types.ts';
import { isDigested, type MetricsRun } from '../metrics/run-digest.ts';
import type { SummaryContext } from '../metrics/summary.ts';
import type { StrategyMetrics } from '../metrics/types.ts';
import type { DomainWeights } from '../robustness/confidence-moves.ts';
import type { MoveInputs } from '../robustness/perturbation.ts';
import { robustnessMoves } from '../robustness/perturbations.ts';
import type { ReasoningEffortHook } from '../robustness/reasoning-moves.ts';
import { worldFromInputs, worldInputsFromScenario } from '../scenario/scenario-world.ts';
import type { Scenario, StrategyConfig } from '../scenario/types.ts';
import { buildStrategy } from '../strategies/registry.ts';
import type { ModelInfo, StrategyBuildContext } from '../strategies/types.ts';
import type { PlannedUnit } from './plan.ts';
import { type RunPerturbed, type SubmittedMoves, sequential, submitMoves } from './robustness-runs.ts';
import type { MemoizedStream } from './stream-cache.ts';
import type { UnitRunners } from './unit-runner.ts';

export interface StartedRobustness {
  submitted: SubmittedMoves;
  skipped: RobustnessMetrics['skipped'];
  /** Indices of the scenario-strategy units in the plan (the base runs, in order). */
  unitIndices: number[];
}

export interface RobustnessStartOptions {
  scenario: Scenario;
  /** The catalog as loaded (the scenario's overrides are applied as for every world). */
  catalog: Catalog;
  /** The scenario strategies being run (after --strategies). */
  configs: readonly StrategyConfig[];
  units: readonly PlannedUnit[];
  requests: RequestColumns;
  run: RunPerturbed;
  /** How to set a reasoning model's effort. @default none: the reasoning move is skipped */
  reasoning?: ReasoningEffortHook;
}

/** The traffic's weight per domain, counted from the request stream itself (replays included). */
export function domainWeights(requests: RequestColumns): DomainWeights {
  const weights: DomainWeights = {};
  for (const index of requests.domain) {
    const domain = DOMAINS[index];
    if (domain !== undefined) weights[domain] = (weights[domain] ?? 0) + 1;
  }
  return weights;
}

export function startRobustness(options: RobustnessStartOptions): StartedRobustness {
  const unitIndices = options.units.flatMap((unit, index) => (unit.kind === 'strategy' ? [index] : []));
  const strategies = unitIndices.map((index) => {
    const label = options.units[index]?.label;
    const config = options.configs.find((candidate) => candidate.name === label);
    if (config === undefined) throw new Error(`robustness: no scenario strategy is labelled ${label}`);
    return config;
  });
  const base: MoveInputs = { ...worldInputsFromScenario(options.scenario, options.catalog), strategies };
  const selection = robustnessMoves(base, {
    weights: domainWeights(options.requests),
    candidates: options.scenario.models,
    ...(options.reasoning === undefined ? {} : { reasoning: options.reasoning }),
  });
  // The verdict's context (run-metrics.ts gives finishRobustness the same): moved runs are
  // summarised as they arrive instead of keeping their columns until the metrics.
  const context: SummaryContext = {
    durationMs: options.scenario.durationMs,
    sloMs: options.scenario.slo?.latencyMs,
  };
  return {
    submitted: submitMoves(selection.moves, base, options.run, (run) => summarizeMoved(run, context)),
    skipped: selection.skipped,
    unitIndices,
  };
}

export interface InProcessOptions {
  scenario: Scenario;
  stream: MemoizedStream;
  outcomes: OutcomeSource | undefined;
  models: readonly ModelInfo[];
  context: StrategyBuildContext;
  runners: UnitRunners;
}

/** Perturbed units on this thread, one at a time. */
export function inProcessPerturbed(options: InProcessOptions): RunPerturbed {
  const { scenario, stream } = options;
  return sequential((task) =>
    options.runners({ kind: 'sweep', userCode: task.config.module !== undefined })({
      stream,
      world: worldFromInputs(scenario, task.world, (index) => stream.hidden(index), options.outcomes),
      strategy: buildStrategy(task.config, options.context),
      models: options.models,
      label: task.label,
    }),
  );
}

/** Every side's runs (perturbed or reused), once the plan's runs are in; before the pool closes. */
export function collectRobustness(
  started: StartedRobustness,
  runs: readonly MetricsRun[],
): Promise<MovedRuns[]> {
  return started.submitted.collect(
    started.unitIndices.map((index) => {
      const run = runs[index] as MetricsRun;
      // A digested base run is already what the verdict reads: its whole-run summary, computed
      // with the verdict's context (summarizeMoved's).
      return isDigested(run) ? { name: run.name, figures: run.digest.summaries.whole } : run;
    }),
  );
}

export interface RobustnessFinishOptions {
  started: StartedRobustness;
  sides: readonly MovedRuns[];
  strategies: readonly StrategyMetrics[];
  reference: string;
  requestCount: number;
  context: SummaryContext;
  /** @default RECOMMENDATION_BARS */
  top?: TopRule;
}

/** The verdict over the collected sides and the base run's metrics. */
export function finishRobustness(options: RobustnessFinishOptions): RobustnessMetrics {
  return computeRobustness({
    strategies: options.strategies,
    reference: options.reference,
    requestCount: options.requestCount,
    context: options.context,
    sides: options.sides,
    skipped: options.started.skipped,
    ...(options.top === undefined ? {} : { top: options.top }),
  });
}
