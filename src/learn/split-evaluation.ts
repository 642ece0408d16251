/**
 * Held-out evaluation of knobbed routers on a replayed per-prompt table, through the engine
 * exactly as `routesim simulate` runs it: the scenario's replay stream (traffic.replay, with its
 * split), one fresh world per unit, planUnits' sweep of every knob value and the always-<model>
 * singles, runUnit per unit. The per-request columns of those runs feed metrics/knob-bootstrap.ts,
 * whose point estimates are knobMetrics of the same means simulate's results.json reports.
 *
 * Repeated splits: the same scenario with traffic.replay.split.seed = s (and seed s), and the learned model
 * refitted by the recipe its model file records (label, epochs, rate, λ, features) on that split's
 * training part — so every prompt a learned router is evaluated on is one it never trained on.
 */

import type { Catalog } from '../contracts/index.ts';
import { modelInfos } from '../engine/model-info.ts';
import { runUnit } from '../engine/run-unit.ts';
import { Flag, type RunResult } from '../engine/types.ts';
import {
  bootstrapKnobMetrics,
  type KnobBootstrapResult,
  type KnobSeries,
} from '../metrics/knob-bootstrap.ts';
import { pairedPlan } from '../metrics/resample.ts';
import { planUnits, type StrategyBuilder } from '../run/plan.ts';
import { memoizeStream } from '../run/stream-cache.ts';
import { applyScenarioOverrides } from '../scenario/catalog-overrides.ts';
import { worldFromScenario } from '../scenario/scenario-world.ts';
import { builtInNameOf } from '../scenario/strategy-names.ts';
import type { Scenario, StrategyConfig } from '../scenario/types.ts';
import { createLearnedStrategy, defaultThreshold } from '../strategies/learned.ts';
import { referenceOf } from '../strategies/model-order.ts';
import { buildStrategy } from '../strategies/registry.ts';
import type { ModelInfo, StrategyBuildContext } from '../strategies/types.ts';
import { requestStreamFromScenario } from '../traffic/index.ts';
import { readReplaySource } from '../traffic/replay/load.ts';
import { resolveModels } from '../traffic/replay/models.ts';
import { labelTable } from './labels.ts';
import { loadRouterModel, routerModelPath } from './load-model.ts';
import type { RouterModelFile } from './model-file.ts';
import { type PerPromptTable, trainingRowsFromTable } from './per-prompt-table.ts';
import { splitPrompts } from './split.ts';
import { trainRouter } from './train.ts';

export interface SplitEvaluationContext {
  /** A validated scenario with traffic.replay (paths absolute, as loadScenarioFile gives them). */
  scenario: Scenario;
  /** Directory of the scenario file (relative model paths resolve against it). */
  scenarioDir: string;
  catalog: Catalog;
}

/** What one evaluation ran on and measured. */
export interface SweepEvaluation {
  /** Prompt ids replayed, in replay order (a split's part, or every row). */
  promptIds: string[];
  weak: string;
  strong: string;
  series: KnobSeries[];
  weakScore: Float32Array;
  strongScore: Float32Array;
}

/**
 * Run every knobbed strategy of the scenario over its replay: sweeps and the weak/strong singles.
 * `learnedModel` replaces the model file of the scenario's `learned` strategy (other options kept).
 */
export async function runKnobSweeps(
  context: SplitEvaluationContext,
  learnedModel?: RouterModelFile,
): Promise<SweepEvaluation> {
  const { scenario, catalog } = context;
  const models = modelInfos(applyScenarioOverrides(catalog, scenario), scenario.models);
  const build: StrategyBuildContext = {
    models,
    seed: scenario.seed,
    baseDir: context.scenarioDir,
    ...referenceOf(scenario, models),
  };
  const builders: StrategyBuilder[] = [];
  for (const config of scenario.strategies) {
    if (config.module !== undefined) continue;
    const builder = builderOf(config, build, models, learnedModel);
    if (builder.build().knob !== undefined) builders.push(builder);
  }
  const knobs = builders.map((builder) => builder.build().knob!);
  const first = knobs[0];
  if (first === undefined)
    throw new Error('the scenario has no knobbed strategy (learned, random, cascade, …)');
  const { weak, strong } = first;
  const mismatch = knobs.find((knob) => knob.weak !== weak || knob.strong !== strong);
  if (mismatch !== undefined) {
    throw new Error(
      `knobbed strategies name different pairs (${weak}/${strong} vs ${mismatch.weak}/${mismatch.strong})`,
    );
  }
  const source = requestStreamFromScenario(scenario);
  const stream = memoizeStream(source);
  const world = () => worldFromScenario(scenario, catalog, stream.hidden, source.outcomes);
  const pair = models.filter((model) => model.id === weak || model.id === strong);
  const runs = new Map<string, RunResult>();
  for (const unit of planUnits(builders, pair)) {
    if (unit.kind === 'strategy') continue;
    runs.set(
      unit.label,
      await runUnit({
        stream,
        world: world(),
        strategy: unit.build(),
        models,
        label: unit.label,
        ...(unit.knobValue === undefined ? {} : { knobValue: unit.knobValue }),
      }),
    );
  }
  const series = builders.map(
    (builder, index): KnobSeries => ({
      strategy: builder.label,
      points: knobs[index]!.values.map((value) => {
        const run = runs.get(`${builder.label}@${value}`)!;
        return {
          value,
          strongCalled: run.columns.flags.map((flags) => ((flags & Flag.strongCalled) === 0 ? 0 : 1)),
          score: run.columns.score,
        };
      }),
    }),
  );
  const replay = source.replay;
  const promptIds =
    replay?.split?.ids ?? Array.from({ length: stream.count }, (_, index) => stream.get(index).request.id);
  return {
    promptIds,
    weak,
    strong,
    series,
    weakScore: runs.get(`always-${weak}`)!.columns.score,
    strongScore: runs.get(`always-${strong}`)!.columns.score,
  };
}

/** Bootstrap intervals of an evaluation; differences: every other strategy against `random`. */
export function intervalsOf(
  evaluation: SweepEvaluation,
  resamples: number,
  seed: number,
): KnobBootstrapResult {
  const names = evaluation.series.map((series) => series.strategy);
  return bootstrapKnobMetrics(
    {
      series: evaluation.series,
      weakScore: evaluation.weakScore,
      strongScore: evaluation.strongScore,
      differences: names.includes('random')
        ? names.filter((name) => name !== 'random').map((name) => [name, 'random'] as const)
        : [],
    },
    pairedPlan(evaluation.weakScore.length, seed, resamples),
  );
}

/** The model file the scenario's `learned` strategy loads, or undefined when it has none. */
export function scenarioLearnedModel(context: SplitEvaluationContext): RouterModelFile | undefined {
  const config = context.scenario.strategies.find(
    (entry) => builtInNameOf(entry) === 'learned' && entry.module === undefined,
  );
  if (config === undefined) return undefined;
  const model = config.options['model'];
  return loadRouterModel(routerModelPath(model, context.scenarioDir));
}

/**
 * The scenario with its replay split re-seeded, and the learned model refitted on that split's
 * training part by `recipe`'s recorded settings (its held-out ids are that split's test part).
 */
export function resplit(
  context: SplitEvaluationContext,
  recipe: RouterModelFile,
  seed: number,
): { context: SplitEvaluationContext; model: RouterModelFile } {
  const replay = context.scenario.traffic.replay;
  if (replay?.split === undefined)
    throw new Error('repeated splits need traffic.replay.split in the scenario');
  const split = { ...replay.split, seed };
  // The scenario seed follows the split seed, so random's draws are independent across splits too
  // (outcomes are recorded, so the seed changes nothing else a table replay measures).
  const scenario: Scenario = {
    ...context.scenario,
    seed,
    traffic: { ...context.scenario.traffic, replay: { ...replay, split } },
  };
  const table = labelTable(replayTable(scenario), recipe.training.label ?? 'score');
  const parts = splitPrompts(table.rows, { share: split.share, seed });
  const { training, features } = recipe;
  const model = trainRouter(trainingRowsFromTable(table), {
    seed,
    epochs: training.epochs,
    learningRate: training.learningRate,
    l2: training.l2,
    hashBuckets: features.hashBuckets,
    systemWords: features.systemWords,
    tiers: features.tiers,
    split: { share: split.share, seed, strata: parts.strata, heldOutIds: parts.test },
    ...(training.label === undefined ? {} : { label: training.label }),
    source: { source: training.source, sourceHash: training.sourceHash, format: training.format },
  });
  return { context: { ...context, scenario }, model };
}

/**
 * The scenario's whole replay table (every row, before any split), its models under the catalog
 * ids the scenario maps them to — what `routesim train --models` makes of the same files.
 */
export function replayTable(scenario: Scenario): PerPromptTable {
  const config = scenario.traffic.replay;
  if (config === undefined) throw new Error('the scenario has no traffic.replay');
  const source = readReplaySource(config);
  const { mapping } = resolveModels(source, config.models, scenario.models);
  const pairs = [...mapping.entries()].filter(([, id]) => scenario.models.includes(id));
  return {
    models: pairs.map(([, id]) => id),
    rows: source.items.map((item, index) => {
      const scores: Record<string, number> = {};
      for (const [name, id] of pairs) {
        const recorded = item.scores[name];
        if (recorded !== undefined && recorded.length > 0) scores[id] = recorded[0]!;
      }
      const prompt = item.messages.findLast((message) => message.role === 'user')?.content ?? '';
      return { id: item.id ?? String(index), prompt, category: item.category, scores, line: item.line };
    }),
  };
}

function builderOf(
  config: StrategyConfig,
  context: StrategyBuildContext,
  models: readonly ModelInfo[],
  learnedModel: RouterModelFile | undefined,
): StrategyBuilder {
  if (builtInNameOf(config) !== 'learned' || learnedModel === undefined) {
    return { label: config.name, build: () => buildStrategy(config, context) };
  }
  const { threshold, candidates, fallbacks } = config.options;
  return {
    label: config.name,
    build: () =>
      createLearnedStrategy({
        file: learnedModel,
        fileLabel: `${learnedModel.training.source} (refitted, split seed ${learnedModel.training.seed})`,
        models,
        threshold: typeof threshold === 'number' ? threshold : defaultThreshold(learnedModel),
        ...(Array.isArray(candidates) ? { candidates: candidates as string[] } : {}),
        ...(typeof fallbacks === 'number' ? { fallbacks } : {}),
        ...(context.referenceModel === undefined ? {} : { referenceModel: context.referenceModel }),
      }),
  };
}
