/**
 * The wire engine: one strategy over the request stream like runUnit (same options, same
 * RunResult), but every call travels as HTTP — the official client → fetch → msw → the mock
 * handlers → the world — in virtual time.
 *
 * Each route runs in an AsyncLocalStorage store naming its request, so a router's own
 * `new OpenAI({ baseURL })` calls are attributed and graded, and its timers, Date,
 * performance.now() and Math.random() follow the simulation (virtual-globals.ts). Each
 * virtual instant runs in phases, each entered only when the process is idle: admit the
 * requests held at the gate in (request index, attempt, arrival) order; fire transport
 * timers due now (handlers answering, SDK timeouts and backoff); then resume strategies —
 * call results and sleeps due now, merged with arrivals in request-index order, as runUnit
 * does. Only then does the clock move to the next timer, wake or arrival.
 *
 * `context.judge` works as on the direct engine: the judge call is a chat call to the judge
 * model carrying x-routesim-judge-of / x-routesim-judge-epsilon headers, which the mocks answer
 * from world.judge (src/mock/judge.ts).
 */
import type { ChatMessage } from '../../contracts/index.ts';
import type { WireCallEvent } from '../../mock/context.ts';
import { createAttemptCounter, startInProcessMocks } from '../../mock/index.ts';
import { judgeHeaders } from '../../mock/judge.ts';
import { createRequestDirectory } from '../../mock/request-directory.ts';
import { installFetchRoute, setRunFetch } from '../../strategies/fetch-route.ts';
import type { CallOutcome } from '../../strategies/types.ts';
import { countMessageTokens } from '../../traffic/tokenizer.ts';
import { isJudgeCall } from '../judge-call.ts';
import { type AdmissionPolicy, driveRoutes, type RouteDriver, type RunUnitOptions } from '../route-driver.ts';
import type { RunResult } from '../types.ts';
import {
  answeredOutcome,
  createProviderClients,
  failedOutcome,
  type WireObserved,
} from './provider-clients.ts';
import { type EngineCall, enterWireStore, type WireStore, wireStore } from './scope.ts';
import { installVirtualGlobals, uninstallVirtualGlobals } from './virtual-globals.ts';
import { createWireCallTracker, type WireRequestState } from './wire-calls.ts';
import { createWireRuntime, type HeldRequest } from './wire-runtime.ts';

export type { WireRequestState } from './wire-calls.ts';

export interface RunUnitWireOptions extends RunUnitOptions {
  /** Called once per call that reached the world (tests count intercepted calls). */
  onWireCall?: (event: WireCallEvent) => void;
  /** Called once per HTTP request msw intercepted. */
  onIntercepted?: () => void;
}

let running = false;

export async function runUnitWire(options: RunUnitWireOptions): Promise<RunResult> {
  if (running) throw new Error('runUnitWire: one wire run at a time per thread (msw intercepts globally)');
  running = true;
  installFetchRoute();
  installVirtualGlobals();
  try {
    return await driveRoutes<WireRequestState>(options, (driver) => wireAdmission(driver, options));
  } finally {
    setRunFetch(undefined);
    uninstallVirtualGlobals();
    running = false;
  }
}

function wireAdmission(
  driver: RouteDriver<WireRequestState>,
  options: RunUnitWireOptions,
): AdmissionPolicy<WireRequestState> {
  const { stream, world, strategy } = options;
  const runtime = createWireRuntime(world.seed, strategy.name);
  const attempts = createAttemptCounter();
  const tracker = createWireCallTracker({
    world,
    runtime,
    strongModel: driver.strongModel,
    finishIfDone: driver.finishIfDone,
  });
  const current = () => {
    const index = wireStore()?.requestIndex;
    return index === undefined || index < 0 ? undefined : index;
  };
  const mocks = startInProcessMocks({
    world,
    clock: runtime.clock,
    directory: createRequestDirectory(stream, { current }),
    attempts,
    // The request's own messages were counted by the generator with the same tokenizer.
    countMessageTokens: (messages) => {
      const request = driver.live(current() ?? -1)?.request;
      return request !== undefined && sameMessages(messages, request.messages)
        ? request.promptTokens
        : countMessageTokens(messages);
    },
    observer: (event) => {
      // Fired right after the world served the call, so calls are seen in the world's order.
      const answered = event.responseId === undefined ? undefined : world.ledger.get(event.responseId);
      if (answered !== undefined)
        driver.usage.observe(answered, runtime.admitting?.call?.purpose ?? 'primary');
      tracker.reachedWorld(runtime.admitting, event);
      options.onWireCall?.(event);
      runtime.reached(undefined);
    },
  });
  mocks.server.use(runtime.gateHandler);
  mocks.server.events.on('request:start', () => options.onIntercepted?.());
  mocks.server.events.on('request:end', ({ requestId }) => {
    tracker.ended(requestId);
    runtime.reached(requestId);
  });
  setRunFetch(globalThis.fetch);
  const clients = createProviderClients(world);

  function complete(
    state: WireRequestState,
    call: EngineCall,
    observed: WireObserved,
    resolve: (value: CallOutcome) => void,
  ): void {
    const record = call.record ?? tracker.admitEngineCall(state, call);
    const billed = observed.outcome.ok ? observed.outcome.costUsd : tracker.billedCost(call.responseId);
    driver.bill(state, call.purpose, billed);
    record.endMs = runtime.now();
    record.result = observed.kind;
    record.status = observed.status;
    record.costUsd = billed;
    record.responseId = observed.responseId;
    call.kind = observed.kind;
    state.queued--;
    driver.wake(runtime.now(), state, resolve, observed.outcome);
    driver.finishIfDone(state);
  }

  function admit(held: HeldRequest): void {
    const state = driver.live(held.requestIndex);
    if (state === undefined) return;
    if (held.call !== undefined) tracker.admitEngineCall(state, held.call);
    else tracker.admitOwnCall(state, held);
  }

  /** runtime.idle() leaves the process idle: the driver asks once more and hears so. */
  let justIdle = false;

  return {
    createState(base) {
      const store: WireStore = {
        kind: 'wire',
        runtime,
        requestIndex: base.index,
        draws: { count: 0 },
        call: undefined,
      };
      return Object.assign(base, { store, lastAdmitted: undefined });
    },
    enter: (state, route) => enterWireStore(state.store, route),
    send(state, { model, attempt, purpose, maxTokens, timeoutMs, options: callOptions }) {
      const call: EngineCall = {
        model,
        attempt,
        purpose,
        timeoutMs,
        startMs: Number.NaN,
        record: undefined,
        responseId: undefined,
        reachedWorld: false,
        kind: undefined,
      };
      const { promise, resolve } = Promise.withResolvers<CallOutcome>();
      const store: WireStore = { ...state.store, call };
      // A judge call is a chat call to the judge model whose headers name the judged answer
      // and ε; the mocks answer it from world.judge (src/mock/judge.ts).
      const headers = isJudgeCall(callOptions)
        ? judgeHeaders({ of: callOptions.judgeOf, epsilon: callOptions.epsilon })
        : undefined;
      enterWireStore(store, () => clients.send(model, state.request, maxTokens, timeoutMs, headers))
        .then(
          (response) => answeredOutcome(world, response, call.startMs, runtime.now()),
          (error: unknown) => failedOutcome(world, model, error, timeoutMs, runtime.now() - call.startMs),
        )
        .then((observed) => complete(state, call, observed, resolve));
      return promise;
    },
    idle() {
      justIdle = !justIdle;
      return justIdle ? runtime.idle() : undefined;
    },
    admit() {
      if (runtime.held.length > 0) return runtime.admitHeld(admit);
      return runtime.fireDueTimers();
    },
    nextEventMs: () => runtime.nextTimerMs(),
    advance: (ms) => runtime.setNow(ms),
    finishing(state) {
      state.lastKind = state.lastAdmitted?.kind;
      attempts.release(state.index);
    },
    close: () => mocks.close(),
  };
}

function sameMessages(a: readonly ChatMessage[], b: readonly ChatMessage[]): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) {
    if (a[index]!.role !== b[index]!.role || a[index]!.content !== b[index]!.content) return false;
  }
  return true;
}
