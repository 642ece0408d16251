/**
 * A scenario file as the mocks need it: the scenario (D), its catalog (B) with the scenario's
 * overrides, its request stream (E, so calls are matched to requests and graded) and the world
 * (C). Shared by `serve` (serve-scenario.ts) and the in-process handlers users put in their own
 * tests (scenario-handlers.ts).
 */
import type { World } from '../contracts/index.ts';
import { loadScenarioFile } from '../scenario/load.ts';
import { type ServingOptions, worldFromScenario } from '../scenario/scenario-world.ts';
import { requestStreamFromScenario } from '../traffic/index.ts';
import { loadCatalog } from '../world/catalog.ts';
import { createRequestDirectory, type RequestDirectory } from './request-directory.ts';

export interface ScenarioWorld {
  scenarioName: string;
  world: World;
  directory: RequestDirectory;
  /** Requests in the scenario's stream. */
  requests: number;
  /** The scenario's duration, virtual ms (where its fault schedule ends). */
  durationMs: number;
}

export function loadScenarioWorld(scenarioPath: string, serving?: ServingOptions): ScenarioWorld {
  const scenario = loadScenarioFile(scenarioPath);
  // worldFromScenario narrows and overrides the catalog itself (applyScenarioOverrides).
  const catalog = scenario.catalog === undefined ? loadCatalog() : loadCatalog(scenario.catalog);
  const stream = requestStreamFromScenario(scenario);
  const world = worldFromScenario(
    scenario,
    catalog,
    (index) => (index >= 0 && index < stream.count ? stream.get(index).hidden : undefined),
    undefined,
    serving,
  );
  return {
    scenarioName: scenario.name,
    world,
    directory: createRequestDirectory(stream),
    requests: stream.count,
    durationMs: scenario.durationMs,
  };
}
