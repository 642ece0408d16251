/**
 * The direct engine: one strategy over the whole request stream in virtual time (route-driver.ts),
 * every call admitted straight to the world at the engine's gate.
 *
 * Virtual time advances only when no strategy code is pending: a counter goes up when the driver
 * starts a route or resumes one (resolves a call or sleep it made) and down when that request
 * issues its next call or sleep or settles. When it reaches zero, calls queued at the current
 * instant are admitted to the world in (request index, attempt, issue) order, then the next
 * instant's events are dispatched together.
 *
 * A resumed request that never acts is either waiting for more of its own calls
 * (Promise.all) — released after a few microtask turns — or awaiting something foreign,
 * which would hang the run: that is reported as StrategyStalledError.
 */
import type { CallOutcome } from '../strategies/types.ts';
import { judgeByResponseId } from '../world/judge-lookup.ts';
import { observeCall } from './call-outcome.ts';
import { isJudgeCall } from './judge-call.ts';
import type { RequestState } from './request-state.ts';
import {
  type AdmissionPolicy,
  driveRoutes,
  type OutboundCall,
  type RouteDriver,
  type RunUnitOptions,
} from './route-driver.ts';
import type { RunResult } from './types.ts';

export { DEFAULT_CLIENT_TIMEOUT_MS, type RunUnitOptions } from './route-driver.ts';

/** Microtask turns after which a resumed request with calls in flight counts as waiting on them. */
export const RELEASE_BLOCKED_AFTER_TICKS = 64;
/** Microtask turns after which a resumed request with nothing in flight is reported as stalled. */
export const STALL_AFTER_TICKS = 10_000;

interface Admission {
  state: RequestState;
  call: OutboundCall;
  seq: number;
  resolve: (value: CallOutcome) => void;
}

function admissionOrder(a: Admission, b: Admission): number {
  return a.state.index - b.state.index || a.call.attempt - b.call.attempt || a.seq - b.seq;
}

/** One microtask turn for the strategies' code to run in. */
const TURN = Promise.resolve();

export function runUnit(options: RunUnitOptions): Promise<RunResult> {
  return driveRoutes(options, (driver) => directAdmission(driver, options.wallClock));
}

function directAdmission(
  driver: RouteDriver<RequestState>,
  wallClock: (() => number) | undefined,
): AdmissionPolicy<RequestState> {
  const { world, usage } = driver;
  const runningList: RequestState[] = [];
  let admissions: Admission[] = [];
  let spareAdmissions: Admission[] = [];
  let admissionSeq = 0;
  let runningCount = 0;
  let ticks = 0;
  let lastMark = 0;

  function admitQueued(): void {
    const now = driver.now();
    const batch = admissions;
    admissions = spareAdmissions;
    if (batch.length > 1) batch.sort(admissionOrder);
    for (const admission of batch) {
      const { state, call } = admission;
      const { model, purpose } = call;
      state.queued--;
      const input = {
        requestIndex: state.index,
        model,
        startMs: now,
        attempt: call.attempt,
        promptTokens: state.request.promptTokens,
        maxTokens: call.maxTokens,
      };
      const result = isJudgeCall(call.options)
        ? judgeByResponseId(world, input, call.options.judgeOf, call.options.epsilon)
        : world.call(input);
      if (result.ok) usage.observe(result.call, purpose);
      const observed = observeCall(result, model, now, call.timeoutMs);
      driver.bill(state, purpose, observed.costUsd);
      if (purpose !== 'shadow') state.lastKind = observed.kind;
      state.attempts?.push({
        model,
        purpose,
        startMs: now,
        endMs: observed.atMs,
        result: observed.kind,
        status: observed.status,
        costUsd: observed.costUsd,
        responseId: observed.responseId,
      });
      driver.wake(observed.atMs, state, admission.resolve, observed.outcome);
      driver.finishIfDone(state);
    }
    batch.length = 0;
    spareAdmissions = batch;
  }

  /** Requests still marked running after RELEASE_BLOCKED_AFTER_TICKS with calls in flight wait on those. */
  function releaseBlocked(): void {
    for (const state of runningList) {
      if (state.running && state.outstanding > 0) {
        state.running = false;
        runningCount--;
      }
    }
  }

  return {
    createState: (base) => base,
    enter(_state, route) {
      if (wallClock !== undefined) lastMark = wallClock();
      return route();
    },
    send(state, call) {
      const { promise, resolve } = Promise.withResolvers<CallOutcome>();
      admissions.push({ state, call, seq: admissionSeq++, resolve });
      return promise;
    },
    resumed(state) {
      if (state.running || state.settled) return;
      state.running = true;
      runningCount++;
      runningList.push(state);
    },
    yielded(state) {
      if (!state.running) return;
      state.running = false;
      runningCount--;
      if (wallClock !== undefined) {
        const mark = wallClock();
        state.overheadMs += mark - lastMark;
        lastMark = mark;
      }
    },
    idle() {
      if (ticks === 0) {
        // Strategy code resumed by this instant's dispatch starts now.
        if (runningCount > 0 && wallClock !== undefined) lastMark = wallClock();
      } else if (ticks === RELEASE_BLOCKED_AFTER_TICKS) releaseBlocked();
      else if (ticks >= STALL_AFTER_TICKS) {
        throw driver.stalled(runningList.find((candidate) => candidate.running));
      }
      if (runningCount > 0) {
        ticks++;
        return TURN;
      }
      ticks = 0;
      runningList.length = 0;
      return undefined;
    },
    admit() {
      if (admissions.length === 0) return false;
      admitQueued();
      return true;
    },
  };
}
