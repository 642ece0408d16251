/**
 * `serve` for a scenario file: the scenario's world (scenario-world.ts) exposed by
 * startMockServer. Virtual time 0 is the moment the server starts.
 */
import { loadScenarioWorld } from './scenario-world.ts';
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
  const { world, directory, scenarioName, requests } = loadScenarioWorld(scenarioPath);
  const server = await startMockServer({
    world,
    directory,
    ...(options.port === undefined ? {} : { port: options.port }),
    ...(options.host === undefined ? {} : { host: options.host }),
    ...(options.timeScale === undefined ? {} : { timeScale: options.timeScale }),
  });
  return { ...server, scenarioName, requests };
}
