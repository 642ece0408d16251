/**
 * The RouteContext a strategy gets for one request. It holds no logic of its own: every
 * method defers to the engine, which owns virtual time. `call` does not reach the world
 * when it is made; it queues an admission that the engine hands to the world once every
 * strategy has had its turn at the current instant (see run-unit.ts).
 */
import type { CallOptions, CallOutcome, ModelInfo, RouteContext } from '../strategies/types.ts';
import { judgeCall } from './judge-call.ts';
import type { RequestState } from './request-state.ts';

/** What a context needs from the engine. */
export interface EngineHandle {
  now(): number;
  readonly models: readonly ModelInfo[];
  call(state: RequestState, model: string, options: CallOptions | undefined): Promise<CallOutcome>;
  sleep(state: RequestState, ms: number): Promise<void>;
  random(state: RequestState): number;
}

export function createRouteContext(state: RequestState, engine: EngineHandle): RouteContext {
  const call: RouteContext['call'] = (model, options) => engine.call(state, model, options);
  return {
    now: engine.now,
    models: engine.models,
    call,
    sleep: (ms) => engine.sleep(state, ms),
    random: () => engine.random(state),
    judge: (responseId, judgeModel, options) => judgeCall(call, responseId, judgeModel, options),
  };
}
