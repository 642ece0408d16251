/**
 * A shipped scenario cut to its first requests, ready for runUnit and runUnitWire: both get the
 * same stream, models and strategy, and each its own fresh world. Not a test file itself.
 */
import { fileURLToPath } from 'node:url';
import type { World } from '../src/contracts/index.ts';
import { modelInfos } from '../src/engine/model-info.ts';
import { runUnit } from '../src/engine/run-unit.ts';
import type { DecisionRecord, RunResult } from '../src/engine/types.ts';
import { type RunUnitWireOptions, runUnitWire } from '../src/engine/wire/run-unit-wire.ts';
import { loadSimulationScenario, prepareStream } from '../src/run/simulate-inputs.ts';
import { worldFromScenario } from '../src/scenario/scenario-world.ts';
import { buildStrategy } from '../src/strategies/registry.ts';
import type { ModelInfo, Strategy, StrategyBuildContext } from '../src/strategies/types.ts';
import { buildStrategiesAsync } from '../src/strategies/user-module.ts';
import type { RequestStream } from '../src/traffic/index.ts';

export const repoPath = (relative: string) => fileURLToPath(new URL(`../${relative}`, import.meta.url));

export interface Rig {
  stream: RequestStream;
  models: readonly ModelInfo[];
  context: StrategyBuildContext;
  strategies: { name: string; build: () => Strategy }[];
  world(): World;
}

/** The first `count` requests of a scenario file (relative to the repo). */
export function scenarioRig(file: string, count: number): Rig {
  const path = repoPath(file);
  const loaded = loadSimulationScenario(path, undefined);
  const { scenario } = loaded;
  const prepared = prepareStream(scenario);
  const full = prepared.stream;
  const limit = Math.min(count, full.count);
  const stream: RequestStream = {
    count: limit,
    arrivals: full.arrivals.subarray(0, limit),
    get: (index) => full.get(index),
    *[Symbol.iterator]() {
      for (let index = 0; index < limit; index++) yield full.get(index);
    },
  };
  const models = modelInfos(loaded.effectiveCatalog, scenario.models);
  const context: StrategyBuildContext = {
    models,
    seed: scenario.seed,
    baseDir: loaded.scenarioDir,
    file: path,
  };
  return {
    stream,
    models,
    context,
    strategies: scenario.strategies.map((config) => ({
      name: config.name,
      build: () => buildStrategy(config, context),
    })),
    world: () =>
      worldFromScenario(scenario, loaded.catalog, (index) => full.hidden(index), prepared.outcomes),
  };
}

export interface EngineRun {
  run: RunResult;
  decisions: DecisionRecord[];
}

export async function runDirect(rig: Rig, strategy: Strategy): Promise<EngineRun> {
  const decisions: DecisionRecord[] = [];
  const run = await runUnit({
    stream: rig.stream,
    world: rig.world(),
    strategy,
    models: rig.models,
    onDecision: (record) => decisions.push(record),
  });
  return { run, decisions };
}

export async function runWire(
  rig: Rig,
  strategy: Strategy,
  extra: Partial<RunUnitWireOptions> = {},
): Promise<EngineRun> {
  const decisions: DecisionRecord[] = [];
  const run = await runUnitWire({
    stream: rig.stream,
    world: rig.world(),
    strategy,
    models: rig.models,
    onDecision: (record) => decisions.push(record),
    ...extra,
  });
  return { run, decisions };
}

/** Like scenarioRig, with the scenario's module strategies loaded (import()) first. */
export async function scenarioRigWithModules(file: string, count: number): Promise<Rig> {
  const rig = scenarioRig(file, count);
  const loaded = loadSimulationScenario(repoPath(file), undefined);
  await buildStrategiesAsync(loaded.scenario.strategies, rig.context);
  return rig;
}

/** The first decision record that differs between two logs (as JSON), or undefined when equal. */
export function firstDifference(
  expected: readonly DecisionRecord[],
  actual: readonly DecisionRecord[],
): { index: number; expected: string; actual: string } | undefined {
  const length = Math.max(expected.length, actual.length);
  for (let index = 0; index < length; index++) {
    const left = JSON.stringify(expected[index]);
    const right = JSON.stringify(actual[index]);
    if (left !== right) return { index, expected: left, actual: right };
  }
  return undefined;
}
