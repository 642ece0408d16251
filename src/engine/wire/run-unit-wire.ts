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
import { shadowRunOf } from '../../strategies/shadow.ts';
import type { CallOutcome } from '../../strategies/types.ts';
import { countMessageTokens } from '../../traffic/tokenizer.ts';
import { keyedUniform, Stream, stringKey } from '../../world/random.ts';
import { createRunColumns } from '../columns.ts';
import { createRouteContext, type EngineHandle } from '../context.ts';
import { StrategyStalledError } from '../errors.ts';
import { createEventQueue } from '../event-queue.ts';
import { decisionRecord, writeRow } from '../grade.ts';
import { isJudgeCall } from '../judge-call.ts';
import { beginCall, createRequestState, nextAttempt, type RequestState } from '../request-state.ts';
import { DEFAULT_CLIENT_TIMEOUT_MS, type RunUnitOptions } from '../run-unit.ts';
import { sentMaxTokens } from '../sent-max-tokens.ts';
import { type RunResult, Status } from '../types.ts';
import { createUsageAccounting } from '../usage-totals.ts';
import { installFetchRoute, setRunFetch } from './fetch-route.ts';
import {
  answeredOutcome,
  createProviderClients,
  failedOutcome,
  type WireObserved,
} from './provider-clients.ts';
import { type EngineCall, scope, type WireStore, wireStore } from './scope.ts';
import { installVirtualGlobals, uninstallVirtualGlobals } from './virtual-globals.ts';
import { createWireCallTracker } from './wire-calls.ts';
import { createWireRuntime, type HeldRequest } from './wire-runtime.ts';

export interface RunUnitWireOptions extends RunUnitOptions {
  /** Called once per call that reached the world (tests count intercepted calls). */
  onWireCall?: (event: WireCallEvent) => void;
  /** Called once per HTTP request msw intercepted. */
  onIntercepted?: () => void;
}

interface Wake {
  state: WireRequestState;
  resolve: (value: CallOutcome | undefined) => void;
  value: CallOutcome | undefined;
}

/** RequestState plus what only the wire engine tracks. */
export interface WireRequestState extends RequestState {
  store: WireStore;
  /** The call admitted last (shadow calls aside): its kind is the request's last kind, as in runUnit. */
  lastAdmitted: { kind: RequestState['lastKind'] } | undefined;
}

let running = false;

export async function runUnitWire(options: RunUnitWireOptions): Promise<RunResult> {
  if (running) throw new Error('runUnitWire: one wire run at a time per thread (msw intercepts globally)');
  running = true;
  installFetchRoute();
  installVirtualGlobals();
  try {
    return await runInstalled(options);
  } finally {
    setRunFetch(undefined);
    uninstallVirtualGlobals();
    running = false;
  }
}

async function runInstalled(options: RunUnitWireOptions): Promise<RunResult> {
  const { stream, world, strategy, models, onDecision } = options;
  const name = options.label ?? strategy.name;
  const count = stream.count;
  const arrivals = stream.arrivals;
  const columns = createRunColumns(count);
  const modelIndex = new Map(models.map((model, index) => [model.id, index]));
  const gradeContext = { ledger: world.ledger, columns, modelIndex };
  const strongModel = options.strongModel ?? strategy.knob?.strong;
  const defaultTimeoutMs = options.clientTimeoutMs ?? DEFAULT_CLIENT_TIMEOUT_MS;
  const strategyKey = stringKey(strategy.name);
  const runtime = createWireRuntime(world.seed, strategy.name);
  const wakes = createEventQueue<Wake>();
  const states = new Map<number, WireRequestState>();
  const attempts = createAttemptCounter();
  let shadowCostUsd = 0;
  const usage = createUsageAccounting({
    providers: world.catalog.providers,
    model: (id) => world.model(id),
    hidden: (index) => stream.get(index).hidden,
  });

  const tracker = createWireCallTracker({ world, runtime, strongModel, finishIfDone });
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
      const request = states.get(current() ?? -1)?.request;
      return request !== undefined && sameMessages(messages, request.messages)
        ? request.promptTokens
        : countMessageTokens(messages);
    },
    observer: (event) => {
      // Fired right after the world served the call, so calls are seen in the world's order.
      const answered = event.responseId === undefined ? undefined : world.ledger.get(event.responseId);
      if (answered !== undefined) usage.observe(answered, runtime.admitting?.call?.purpose ?? 'primary');
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

  const engine: EngineHandle = {
    now: runtime.now,
    models,
    call(state, model, callOptions) {
      const wireState = state as WireRequestState;
      const purpose = callOptions?.purpose ?? 'primary';
      const refused = beginCall(state, model, purpose, strongModel);
      if (refused !== undefined) return Promise.reject(refused);
      const timeoutMs = callOptions?.timeoutMs ?? defaultTimeoutMs;
      const call: EngineCall = {
        model,
        attempt: nextAttempt(state, model),
        purpose,
        timeoutMs,
        startMs: Number.NaN,
        record: undefined,
        responseId: undefined,
        reachedWorld: false,
        kind: undefined,
      };
      state.outstanding++;
      state.queued++;
      const { promise, resolve } = Promise.withResolvers<CallOutcome>();
      const store: WireStore = { ...wireState.store, call };
      const maxTokens = sentMaxTokens(world, model, callOptions?.maxTokens ?? state.request.maxTokens);
      // A judge call is a chat call to the judge model whose headers name the judged answer
      // and ε; the mocks answer it from world.judge (src/mock/judge.ts).
      const headers = isJudgeCall(callOptions)
        ? judgeHeaders({ of: callOptions.judgeOf, epsilon: callOptions.epsilon })
        : undefined;
      scope
        .run(store, () => clients.send(model, state.request, maxTokens, timeoutMs, headers))
        .then(
          (response) => answeredOutcome(world, response, call.startMs, runtime.now()),
          (error: unknown) => failedOutcome(model, error, timeoutMs, runtime.now() - call.startMs),
        )
        .then((observed) => complete(wireState, call, observed, resolve));
      return promise;
    },
    sleep(state, ms) {
      state.outstanding++;
      const { promise, resolve } = Promise.withResolvers<undefined>();
      const wait = Number.isNaN(ms) ? 0 : Math.max(ms, 0);
      wakes.push(runtime.now() + wait, state.index, {
        state: state as WireRequestState,
        resolve: resolve as Wake['resolve'],
        value: undefined,
      });
      return promise as Promise<void>;
    },
    random: (state) => keyedUniform(world.seed, Stream.jitter, strategyKey, state.index, state.draws++),
  };

  function complete(
    state: WireRequestState,
    call: EngineCall,
    observed: WireObserved,
    resolve: (value: CallOutcome) => void,
  ): void {
    const record = call.record ?? tracker.admitEngineCall(state, call);
    const billed = observed.outcome.ok ? observed.outcome.costUsd : tracker.billedCost(call.responseId);
    if (call.purpose === 'shadow') shadowCostUsd += billed;
    else state.costUsd += billed;
    record.endMs = runtime.now();
    record.result = observed.kind;
    record.status = observed.status;
    record.costUsd = billed;
    record.responseId = observed.responseId;
    call.kind = observed.kind;
    state.queued--;
    wakes.push(runtime.now(), state.index, {
      state,
      resolve: resolve as Wake['resolve'],
      value: observed.outcome,
    });
    finishIfDone(state);
  }

  function finishIfDone(state: WireRequestState): void {
    if (!state.settled || state.queued > 0 || state.finished) return;
    state.finished = true;
    state.lastKind = state.lastAdmitted?.kind;
    const grade = writeRow(state, gradeContext);
    if (onDecision !== undefined) {
      const score = grade.status === Status.answered ? (grade.answer?.outcome.score ?? 0) : 0;
      onDecision(decisionRecord(name, state, grade, score));
    }
    states.delete(state.index);
    world.release(state.index);
    attempts.release(state.index);
  }

  function settle(state: WireRequestState, result: unknown, thrown: string | undefined): void {
    state.settled = true;
    state.finishMs = runtime.now();
    if (thrown !== undefined) state.thrown = thrown;
    else if (typeof result === 'object' && result !== null && 'reason' in result) {
      state.result = result as RequestState['result'];
    } else state.thrown = `route resolved with ${String(result)}, not { responseId, reason }`;
    finishIfDone(state);
  }

  function startRoute(index: number): void {
    const base = createRequestState(stream.get(index).request, onDecision !== undefined);
    const store: WireStore = {
      kind: 'wire',
      runtime,
      requestIndex: index,
      draws: { count: 0 },
      call: undefined,
    };
    const state: WireRequestState = Object.assign(base, { store, lastAdmitted: undefined });
    states.set(index, state);
    const route = scope.run(store, () => {
      try {
        return Promise.resolve(strategy.route(state.request, createRouteContext(state, engine)));
      } catch (error) {
        return Promise.reject(error);
      }
    });
    route.then(
      (result) => settle(state, result, undefined),
      (error: unknown) => settle(state, undefined, error instanceof Error ? error.message : String(error)),
    );
  }

  function admit(held: HeldRequest): void {
    const state = states.get(held.requestIndex);
    if (state === undefined) return;
    if (held.call !== undefined) tracker.admitEngineCall(state, held.call);
    else tracker.admitOwnCall(state, held);
  }

  let nextArrival = 0;
  try {
    for (;;) {
      await runtime.idle();
      if (runtime.held.length > 0) {
        await runtime.admitHeld(admit);
        continue;
      }
      if (runtime.fireDueTimers()) continue;
      const now = runtime.now();
      let dispatched = false;
      for (;;) {
        const next = wakes.peek();
        const due = next !== undefined && next.timeMs <= now;
        if (
          nextArrival < count &&
          arrivals[nextArrival]! <= now &&
          (!due || nextArrival <= next.requestIndex)
        ) {
          startRoute(nextArrival++);
        } else if (due) {
          wakes.pop();
          next.payload.state.outstanding--;
          next.payload.resolve(next.payload.value);
        } else break;
        dispatched = true;
      }
      if (dispatched) continue;
      let time = runtime.nextTimerMs() ?? Number.POSITIVE_INFINITY;
      const wake = wakes.peek();
      if (wake !== undefined && wake.timeMs < time) time = wake.timeMs;
      if (nextArrival < count && arrivals[nextArrival]! < time) time = arrivals[nextArrival]!;
      if (time === Number.POSITIVE_INFINITY) break;
      runtime.setNow(time);
    }
  } finally {
    mocks.close();
  }
  const stuck = states.values().next().value;
  if (stuck !== undefined) throw new StrategyStalledError(name, stuck.request.id, stuck.index);

  return {
    name,
    family: strategy.family,
    knobValue: options.knobValue,
    models: models.map((model) => model.id),
    columns,
    shadowCostUsd,
    usage: usage.totals,
    // Wall time inside strategy code is not separable from the client's and msw's on the wire.
    decisionOverheadMs: new Float32Array(count),
    ...(await shadowRunOf(strategy)),
  };
}

function sameMessages(a: readonly ChatMessage[], b: readonly ChatMessage[]): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) {
    if (a[index]!.role !== b[index]!.role || a[index]!.content !== b[index]!.content) return false;
  }
  return true;
}
