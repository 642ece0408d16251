/**
 * How a worker thread rebuilds a simulation's units from a scenario path and seed, the same
 * way the in-process run does: the scenario and effective catalog, the request stream (its
 * own, memoized within the budget, until the pool shares one), a fresh world per unit, the
 * oracle's world (faults off) and the planned units.
 */

import { modelInfos } from '../engine/model-info.ts';
import { worldFromInputs, worldFromScenario } from '../scenario/scenario-world.ts';
import { referenceOf } from '../strategies/model-order.ts';
import { buildStrategy } from '../strategies/registry.ts';
import type { StrategyBuildContext } from '../strategies/types.ts';
import { requestStreamFromScenario } from '../traffic/index.ts';
import { planUnits } from './plan.ts';
import { faultsOff, loadSimulationScenario } from './simulate-inputs.ts';
import { type MemoizedStream, memoizeStream } from './stream-cache.ts';
import type { UnitSetup } from './workers.ts';

export function setupUnits(scenarioPath: string, seed: number | undefined): UnitSetup {
  const loaded = loadSimulationScenario(scenarioPath, seed);
  const { scenario, effectiveCatalog } = loaded;
  const models = modelInfos(effectiveCatalog, scenario.models);
  const context: StrategyBuildContext = {
    models,
    seed: scenario.seed,
    baseDir: loaded.scenarioDir,
    file: scenarioPath,
    ...referenceOf(scenario, models),
  };
  const source = requestStreamFromScenario(scenario);
  let stream: MemoizedStream = memoizeStream(source);
  const hidden = (index: number) => stream.hidden(index);
  const units = planUnits(
    scenario.strategies.map((config) => ({
      label: config.name,
      userCode: config.module !== undefined,
      build: () => buildStrategy(config, context),
    })),
    models,
  );
  const setup: UnitSetup = {
    stream,
    models,
    units,
    world: () => worldFromScenario(scenario, loaded.catalog, hidden, source.outcomes),
    oracleWorld: () => worldFromScenario(faultsOff(scenario), loaded.catalog, hidden, source.outcomes),
    perturbed: (config, inputs) => ({
      world: () => worldFromInputs(scenario, inputs, hidden, source.outcomes),
      strategy: () => buildStrategy(config, context),
    }),
    shareable: {
      source,
      use(shared) {
        stream = shared;
        setup.stream = shared;
      },
    },
  };
  return setup;
}
