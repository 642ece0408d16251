/**
 * How a worker thread rebuilds a simulation's units from a scenario path and seed, the same
 * way the in-process run does: the scenario and effective catalog, the request stream
 * (generated once per worker), a fresh world per unit, and the planned units.
 */
import { buildStrategy } from '../strategies/registry.ts';
import type { StrategyBuildContext } from '../strategies/types.ts';
import { requestStreamFromScenario } from '../traffic/index.ts';
import { worldFromScenario } from '../world/from-scenario.ts';
import { modelInfos } from './model-info.ts';
import { planUnits } from './plan.ts';
import { loadSimulationScenario } from './simulate-inputs.ts';
import { memoizeStream } from './stream-cache.ts';
import type { UnitSetup } from './workers.ts';

export function setupUnits(scenarioPath: string, seed: number | undefined): UnitSetup {
  const loaded = loadSimulationScenario(scenarioPath, seed);
  const { scenario, effectiveCatalog } = loaded;
  const models = modelInfos(effectiveCatalog, scenario.models);
  const context: StrategyBuildContext = { models, seed: scenario.seed, baseDir: loaded.scenarioDir };
  const source = requestStreamFromScenario(scenario);
  const stream = memoizeStream(source);
  const units = planUnits(
    scenario.strategies.map((config) => ({
      label: config.name,
      build: () => buildStrategy(config, context),
    })),
    models,
  );
  return {
    stream,
    models,
    units,
    world: () => worldFromScenario(scenario, loaded.catalog, stream.hidden, source.outcomes),
  };
}
