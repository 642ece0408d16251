/**
 * routesim's public API — what `import … from 'routesim'` gives a user's router module and a
 * script that drives simulations itself.
 *
 * A router module needs only `defineStrategy` and the strategy types:
 *
 *   import { defineStrategy } from 'routesim';
 *   export default defineStrategy({ name: 'mine', async route(request, context) { … } });
 */

export type { ChatMessage, RouteRequest, Usage } from './contracts/index.ts';
export { type RunUnitOptions, runUnit } from './engine/run-unit.ts';
export type { DecisionRecord, RunResult } from './engine/types.ts';
export { type RunUnitWireOptions, runUnitWire } from './engine/wire/run-unit-wire.ts';
export { InputError, RoutesimError } from './errors.ts';
// Running simulations from code: simulate(), the scenario loaded once, the reporter contract.
export type {
  Reporter,
  RunEnd,
  RunProgress,
  RunStartContext,
  UnitEnd,
  UnitInfo,
} from './run/reporter.ts';
export { type SimulateOptions, type SimulationOutcome, simulate } from './run/simulate.ts';
export { type LoadedScenario, loadSimulationScenario } from './run/simulate-inputs.ts';
export { loadScenarioFile } from './scenario/load.ts';
export type { Scenario } from './scenario/types.ts';
export { WireEngineRequiredError } from './strategies/fetch-route.ts';
export { buildStrategies, buildStrategy, builtInStrategies } from './strategies/registry.ts';
export type {
  CallOptions,
  CallOutcome,
  CallPurpose,
  Knob,
  ModelInfo,
  RouteContext,
  RouteResult,
  Strategy,
  StrategyBuildContext,
  StrategyFactory,
  StrategyFamily,
} from './strategies/types.ts';
export {
  buildStrategiesAsync,
  defineStrategy,
  type StrategyDefinition,
  type UserStrategyFactory,
} from './strategies/user-module.ts';
export { wrapRouteContext } from './strategies/wrap-route-context.ts';

// The in-process mocks for users' own tests: msw handlers for every provider of a scenario (or a
// world), to pass to msw's setupServer(...handlers); startInProcessMocks starts such a server.

export {
  type Clock,
  createProviderHandlers,
  createRequestDirectory,
  emptyDirectory,
  type InProcessMocks,
  instantClock,
  type ProviderHandlerOptions,
  type RequestDirectory,
  realClock,
  startInProcessMocks,
  startMockServer,
  startScenarioServer,
  type WireCallEvent,
} from './mock/index.ts';
export { createScenarioHandlers, type ScenarioHandlers } from './mock/scenario-handlers.ts';
