/**
 * A run's strategies, built once per thread from the loaded scenario: the main thread builds
 * them to validate every option (exit 2 with every problem at once) and to plan the units; each
 * worker builds them once more to run its units. The same instances give the plan its probes
 * (family, knob), so no other build happens before the units' own fresh ones.
 */

import { modelInfos } from '../engine/model-info.ts';
import type { RunResult } from '../engine/types.ts';
import type { StrategyConfig } from '../scenario/types.ts';
import { referenceOf } from '../strategies/model-order.ts';
import { buildStrategy } from '../strategies/registry.ts';
import type { ModelInfo, Strategy, StrategyBuildContext } from '../strategies/types.ts';
import { buildStrategiesAsync } from '../strategies/user-module.ts';
import { type PlannedUnit, type PlanOptions, planUnits } from './plan.ts';
import { type LoadedScenario, seedCount } from './simulate-inputs.ts';

export interface RunStrategies {
  /** The scenario strategies being run (after --strategies), scenario order. */
  configs: readonly StrategyConfig[];
  /** Candidate models, scenario order, from the effective catalog. */
  models: readonly ModelInfo[];
  context: StrategyBuildContext;
  /** One instance per config, built once (a user's module imported on the way). */
  built: readonly Strategy[];
  units: PlannedUnit[];
}

/** A knob as metrics need it on a run: APGR/CPT read its weak and strong model. */
type RunKnob = NonNullable<RunResult['knob']>;

export async function planRun(
  loaded: LoadedScenario,
  configs: readonly StrategyConfig[],
  options: PlanOptions = {},
): Promise<RunStrategies> {
  const { scenario } = loaded;
  const models = modelInfos(loaded.effectiveCatalog, scenario.models);
  const context: StrategyBuildContext = {
    models,
    seed: scenario.seed,
    baseDir: loaded.scenarioDir,
    file: loaded.file,
    ...referenceOf(scenario, models),
  };
  // Async: user strategy modules are imported here (and cached for the synchronous builds of units).
  const built = await buildStrategiesAsync(configs, context);
  const units = planUnits(
    configs.map((config, index) => ({
      label: config.name,
      userCode: config.module !== undefined,
      build: () => buildStrategy(config, context),
      ...(built[index] === undefined ? {} : { probe: built[index] }),
    })),
    models,
    seedCount(scenario),
    scenario.reference,
    options,
  );
  return { configs, models, context, built, units };
}

/**
 * Tell the metrics what each run is (they would otherwise infer it from the label): its kind, and
 * for a knobbed strategy and its sweep points the knob. Workers return bare runs, so this happens
 * here, from the instances built for the plan — one run at a time, as each arrives: the run at
 * `index` of the plan's units.
 */
export function runTagger(plan: RunStrategies): (run: RunResult, index: number) => void {
  const knobs = new Map<string, RunKnob>();
  plan.configs.forEach((config, index) => {
    const knob = plan.built[index]?.knob;
    if (knob !== undefined) knobs.set(config.name, { name: knob.name, weak: knob.weak, strong: knob.strong });
  });
  return (run, index) => {
    const unit = plan.units[index];
    if (unit === undefined) return;
    run.kind = unit.kind;
    const knob = knobs.get(
      unit.kind === 'sweep' ? unit.label.slice(0, unit.label.lastIndexOf('@')) : unit.label,
    );
    if (knob !== undefined && unit.kind !== 'single') run.knob = knob;
  };
}
