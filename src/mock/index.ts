/** The provider mocks' public API: msw handlers over the world, in-process or as a server. */
export { type AttemptCounter, createAttemptCounter } from './attempts.ts';
export { type Clock, instantClock, realClock, toClientMs } from './clock.ts';
export type { ConnectionControl, WireCallEvent } from './context.ts';
export type { CallLogEntry } from './control/call-log.ts';
export { CONTROL_PREFIX } from './control/control-api.ts';
export { FORCED_FAULT_HEADER, FORCED_RETRY_AFTER_HEADER } from './forced-fault.ts';
export { createProviderHandlers, type ProviderHandlerOptions } from './handlers.ts';
export { type InProcessMocks, startInProcessMocks } from './in-process.ts';
export { JUDGE_EPSILON_HEADER, JUDGE_OF_HEADER, type JudgeRequest, judgeHeaders } from './judge.ts';
export {
  createRequestDirectory,
  emptyDirectory,
  REQUEST_ID_HEADER,
  type RequestDirectory,
  type RequestSource,
} from './request-directory.ts';
export { type MockServer, type MockServerOptions, startMockServer } from './serve.ts';
export { type ScenarioServer, type ScenarioServerOptions, startScenarioServer } from './serve-scenario.ts';
