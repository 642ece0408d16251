/**
 * `serve` for a scenario file: the scenario (D), its catalog (B), request stream (E) and
 * world (C), exposed by startMockServer. Virtual time 0 is the moment the server starts.
 */
import { loadScenarioFile } from '../scenario/load.ts';
import { worldFromScenario } from '../scenario/scenario-world.ts';
import { requestStreamFromScenario } from '../traffic/index.ts';
import { loadCatalog } from '../world/catalog.ts';
import { createRequestDirectory } from './request-directory.ts';
import { type MockServer, startMockServer } from './serve.ts';

export interface ScenarioServerOptions {
  /** @default 8787 */
  port?: number;
  /** @default "127.0.0.1" */
  host?: string;
  /** Virtual ms per real ms. @default 1 */
  timeScale?: number;
}

export async function startScenarioServer(
  scenarioPath: string,
  options: ScenarioServerOptions = {},
): Promise<MockServer & { scenarioName: string; requests: number }> {
  const scenario = loadScenarioFile(scenarioPath);
  // worldFromScenario narrows and overrides the catalog itself (applyScenarioOverrides).
  const catalog = scenario.catalog === undefined ? loadCatalog() : loadCatalog(scenario.catalog);
  const stream = requestStreamFromScenario(scenario);
  const world = worldFromScenario(scenario, catalog, (index) =>
    index >= 0 && index < stream.count ? stream.get(index).hidden : undefined,
  );
  const server = await startMockServer({
    world,
    directory: createRequestDirectory(stream),
    ...(options.port === undefined ? {} : { port: options.port }),
    ...(options.host === undefined ? {} : { host: options.host }),
    ...(options.timeScale === undefined ? {} : { timeScale: options.timeScale }),
  });
  return { ...server, scenarioName: scenario.name, requests: stream.count };
}
