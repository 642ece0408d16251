/**
 * The mocks for a user's own tests: msw handlers answering every provider of a scenario at its
 * real base URL, in its wire format, from the scenario's world — to pass to msw's
 * `setupServer(...handlers)` next to the user's own handlers. Calls whose last user message is
 * a request of the scenario's stream are graded; others are answered ungraded.
 */
import type { RequestHandler } from 'msw';
import type { World } from '../contracts/index.ts';
import { type Clock, instantClock } from './clock.ts';
import type { WireCallEvent } from './context.ts';
import { createProviderHandlers } from './handlers.ts';
import { loadScenarioWorld } from './scenario-world.ts';

export interface ScenarioHandlerOptions {
  /**
   * Clock of the world's time. @default instantClock(): answers come at once while virtual time
   * advances by the world's latencies, so a test never waits (realClock() waits them out).
   */
  clock?: Clock;
  /** Called once per call that reached the world. */
  observer?: (event: WireCallEvent) => void;
}

export interface ScenarioHandlers {
  handlers: RequestHandler[];
  /** The world answering them: its ledger holds every answer by response id. */
  world: World;
  scenarioName: string;
  /** Base URL per provider (the providers' real ones, or the scenario's `baseUrl`). */
  baseUrls: Record<string, string>;
}

export function createScenarioHandlers(
  scenarioPath: string,
  options: ScenarioHandlerOptions = {},
): ScenarioHandlers {
  const { world, directory, scenarioName } = loadScenarioWorld(scenarioPath);
  const handlers = createProviderHandlers({
    world,
    directory,
    clock: options.clock ?? instantClock(),
    ...(options.observer === undefined ? {} : { observer: options.observer }),
  });
  const baseUrls = Object.fromEntries(
    Object.entries(world.catalog.providers).map(([key, spec]) => [key, spec.baseUrl]),
  );
  return { handlers, world, scenarioName, baseUrls };
}
