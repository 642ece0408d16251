/**
 * How a judge cascade's quality and cost move with the judge's flip probability ε (issue 5:
 * "the report shows how quality and cost move with ε"). For each ε the same judge cascade runs
 * over the first `count` requests of a stream in a fresh world (identical draws: the flips at a
 * larger ε include those at a smaller one, since a verdict flips when its keyed uniform is < ε),
 * through the engine (runUnit), so judge calls are admitted, timed and billed like any call.
 *
 * Quality and cost are the metrics.md definitions (mean score, failed = 0; mean billed USD per
 * request, judge calls included); judge cost, escalation rate and judge calls per request come
 * from the decision records' attempts.
 *
 * `judgeEpsilonResearch` is what simulate runs for a scenario whose cascade uses a judge: the
 * study of that cascade (its own options, its own ε among the points) for results.json.
 */

import type { World } from '../contracts/index.ts';
import { DEFAULT_JUDGE_EPSILON } from '../contracts/index.ts';
import { runUnit } from '../engine/run-unit.ts';
import { Flag } from '../engine/types.ts';
import type { JudgeEpsilonMetrics, JudgeEpsilonPoint } from '../metrics/types.ts';
import { builtInNameOf } from '../scenario/strategy-names.ts';
import type { StrategyConfig } from '../scenario/types.ts';
import { defaultJudgeModel } from '../strategies/confidence-signals.ts';
import { blendedPrice } from '../strategies/model-order.ts';
import { buildStrategy } from '../strategies/registry.ts';
import type { ModelInfo, Strategy, StrategyBuildContext } from '../strategies/types.ts';
import type { RequestStream } from '../traffic/index.ts';

/** ε values of the default study. */
export const JUDGE_EPSILONS: readonly number[] = [0, 0.1, 0.2, 0.3];
/**
 * Requests per point of the study simulate runs: 2,000 × 4–5 points of a judge cascade took
 * 0.75 s on one core (domain-heavy.yaml), so it runs on the main thread after the units.
 */
export const JUDGE_STUDY_REQUESTS = 2000;

export interface JudgeEpsilonOptions {
  /** The request stream; only its first `count` requests run. */
  stream: RequestStream;
  /** A fresh world per ε (every point must see identical draws). */
  makeWorld: () => World;
  /** Candidate models (scenario order). */
  models: readonly ModelInfo[];
  /** A judge cascade with the given ε (e.g. buildStrategy({ name: 'cascade', options: { confidence: 'judge', epsilon } })). */
  strategyAt: (epsilon: number) => Strategy;
  /** Requests per point. @default 2000 (or the stream's count when smaller) */
  count?: number;
  /** @default [0, 0.1, 0.2, 0.3] */
  epsilons?: readonly number[];
}

/** The first `count` requests of `stream`. */
export function headOfStream(stream: RequestStream, count: number): RequestStream {
  const length = Math.min(count, stream.count);
  const get = (index: number) => {
    if (index < 0 || index >= length) throw new RangeError(`no request ${index}`);
    return stream.get(index);
  };
  return {
    count: length,
    arrivals: stream.arrivals.subarray(0, length),
    get,
    *[Symbol.iterator]() {
      for (let index = 0; index < length; index++) yield get(index);
    },
  };
}

export async function judgeEpsilonStudy(options: JudgeEpsilonOptions): Promise<JudgeEpsilonPoint[]> {
  const stream = headOfStream(options.stream, options.count ?? 2000);
  const points: JudgeEpsilonPoint[] = [];
  for (const epsilon of options.epsilons ?? JUDGE_EPSILONS) {
    let judgeCost = 0;
    let judgeCalls = 0;
    const result = await runUnit({
      stream,
      world: options.makeWorld(),
      strategy: options.strategyAt(epsilon),
      models: options.models,
      onDecision: (record) => {
        for (const attempt of record.attempts) {
          if (attempt.purpose !== 'judge') continue;
          judgeCalls++;
          judgeCost += attempt.costUsd;
        }
      },
    });
    const { cost, score, flags } = result.columns;
    let quality = 0;
    let total = 0;
    let escalated = 0;
    for (let index = 0; index < stream.count; index++) {
      quality += score[index] ?? 0;
      total += cost[index] ?? 0;
      if (((flags[index] ?? 0) & Flag.escalated) !== 0) escalated++;
    }
    const count = stream.count;
    points.push({
      epsilon,
      count,
      quality: quality / count,
      costPerRequestUsd: total / count,
      judgeCostPerRequestUsd: judgeCost / count,
      judgeCallsPerRequest: judgeCalls / count,
      escalationRate: escalated / count,
    });
  }
  return points;
}

export interface JudgeEpsilonResearchOptions {
  /** The scenario strategies being run (after --strategies). */
  configs: readonly StrategyConfig[];
  context: StrategyBuildContext;
  stream: RequestStream;
  /** A fresh world of the scenario (the one every unit gets). */
  makeWorld: () => World;
  /** Requests per point. @default JUDGE_STUDY_REQUESTS (or the stream's count when smaller) */
  count?: number;
}

/**
 * The built-in cascade whose confidence is a judge, if the scenario runs one: found by the
 * built-in it configures, whatever its label ({ name: cascade-judge, strategy: cascade }).
 */
export function judgeCascadeConfig(configs: readonly StrategyConfig[]): StrategyConfig | undefined {
  return configs.find(
    (config) =>
      config.module === undefined &&
      builtInNameOf(config) === 'cascade' &&
      config.options['confidence'] === 'judge',
  );
}

/**
 * The ε study of the scenario's judge cascade, or undefined when it has none: the default ε list
 * plus the cascade's own ε, each point the cascade with its own options but that ε (and without
 * `shadow`: the study measures the cascade, not its evaluation).
 */
export async function judgeEpsilonResearch(
  options: JudgeEpsilonResearchOptions,
): Promise<JudgeEpsilonMetrics | undefined> {
  const config = judgeCascadeConfig(options.configs);
  if (config === undefined) return undefined;
  const { shadow: _shadow, ...cascadeOptions } = config.options;
  const own =
    typeof cascadeOptions['epsilon'] === 'number' ? cascadeOptions['epsilon'] : DEFAULT_JUDGE_EPSILON;
  const epsilons = [...new Set([...JUDGE_EPSILONS, own])].sort((a, b) => a - b);
  const judgeModel =
    typeof cascadeOptions['judgeModel'] === 'string'
      ? cascadeOptions['judgeModel']
      : // As cascade.ts resolves it.
        defaultJudgeModel(options.context.models, blendedPrice);
  const points = await judgeEpsilonStudy({
    stream: options.stream,
    makeWorld: options.makeWorld,
    models: options.context.models,
    strategyAt: (epsilon) =>
      buildStrategy({ ...config, options: { ...cascadeOptions, epsilon } }, options.context),
    count: options.count ?? JUDGE_STUDY_REQUESTS,
    epsilons,
  });
  return {
    strategy: config.name,
    judgeModel,
    epsilon: own,
    count: points[0]?.count ?? 0,
    points,
  };
}
