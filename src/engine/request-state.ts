/**
 * What the engine holds about one in-flight request: the route's bookkeeping while it runs,
 * dropped once the request is graded into the run's columns.
 */

import type { CallErrorKind, RouteRequest } from '../contracts/index.ts';
import type { CallPurpose, RouteResult } from '../strategies/types.ts';
import { type AttemptRecord, Flag } from './types.ts';

export interface RequestState {
  index: number;
  arrivalMs: number;
  request: RouteRequest;
  /** Draws taken by context.random(). */
  draws: number;
  /** Calls the route made (every purpose), against the per-request cap. */
  calls: number;
  /**
   * Calls issued per model (the next call's attempt number) as [model, count, …] pairs; lazily
   * created. A request calls a few models: a Map per request cost more than scanning pairs.
   */
  callsByModel: (string | number)[] | undefined;
  /** Calls and sleeps issued and not yet resolved. */
  outstanding: number;
  /** Calls issued and not yet admitted to the world. */
  queued: number;
  /** Strategy code of this request may be runnable (resumed or started, no call/sleep since). */
  running: boolean;
  /** The route's promise settled. */
  settled: boolean;
  /** Graded into the columns; nothing more is recorded. */
  finished: boolean;
  result: RouteResult | undefined;
  /** Message of the error the route threw, if it did. */
  thrown: string | undefined;
  /** Virtual time the route settled, ms. */
  finishMs: number;
  /** Billed cost of every admitted call except shadow calls, USD. */
  costUsd: number;
  flags: number;
  /** Kind of the last admitted call ('ok' when answered); undefined when none. */
  lastKind: 'ok' | CallErrorKind | undefined;
  /** Attempt records, kept only when decisions are recorded. */
  attempts: AttemptRecord[] | undefined;
  /** Wall time spent in this request's strategy code, ms (only with a wall clock). */
  overheadMs: number;
}

export function createRequestState(request: RouteRequest, recordAttempts: boolean): RequestState {
  return {
    index: request.index,
    arrivalMs: request.arrivalMs,
    request,
    draws: 0,
    calls: 0,
    callsByModel: undefined,
    outstanding: 0,
    queued: 0,
    running: false,
    settled: false,
    finished: false,
    result: undefined,
    thrown: undefined,
    finishMs: Number.NaN,
    costUsd: 0,
    flags: 0,
    lastKind: undefined,
    attempts: recordAttempts ? [] : undefined,
    overheadMs: 0,
  };
}

/** The attempt number of the next call of this request to `model` (earlier calls to it), counted. */
export function nextAttempt(state: RequestState, model: string): number {
  const calls = state.callsByModel;
  if (calls === undefined) {
    state.callsByModel = [model, 1];
    return 0;
  }
  for (let at = 0; at < calls.length; at += 2) {
    if (calls[at] === model) {
      const attempt = calls[at + 1] as number;
      calls[at + 1] = attempt + 1;
      return attempt;
    }
  }
  calls.push(model, 1);
  return 0;
}

/** Request flags a call's purpose sets (the decision log's escalated / fallback / hedged). */
const PURPOSE_FLAGS: Partial<Record<CallPurpose, number>> = {
  escalation: Flag.escalated,
  fallback: Flag.fallback,
  hedge: Flag.hedged,
};

/**
 * The engine-independent start of a call, shared by both engines: a call after the route returned
 * is refused (the returned error); otherwise the request's flags record the call's purpose and
 * whether it went to the run's strong model, and the purpose is returned.
 */
export function beginCall(
  state: RequestState,
  model: string,
  purpose: CallPurpose,
  strongModel: string | undefined,
): Error | undefined {
  if (state.settled) return new Error(`request ${state.request.id} already returned; no more calls for it`);
  state.flags |= PURPOSE_FLAGS[purpose] ?? 0;
  if (model === strongModel) state.flags |= Flag.strongCalled;
  return undefined;
}
