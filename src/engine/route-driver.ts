/**
 * The route driver both engines share: one strategy over the whole request stream in virtual time.
 *
 * Open loop: request i starts at stream.arrivals[i] whatever is still in flight. Each request runs
 * `strategy.route(request, context)`; the driver owns what does not depend on how a call reaches
 * the world — request states, the route context, sleeps and random draws, the queue of
 * resumptions (call results and sleeps, keyed (time, request index, seq)), settling and grading a
 * request, usage totals and the RunResult. How a call reaches the world is the admission policy,
 * its parameter: directly at the engine's gate (run-unit.ts), or over HTTP through the official
 * clients and msw (wire/run-unit-wire.ts).
 *
 * Each round: wait until no strategy code is pending (policy.idle); let the policy do the work
 * queued at this instant (policy.admit: admissions, transport timers), round after round until none
 * is left; resume the strategies due now — arrivals merged with resumptions in (time, request
 * index) order; only then move the clock to the next resumption, arrival or policy event.
 */

import type { World } from '../contracts/index.ts';
import { shadowRunOf } from '../strategies/shadow.ts';
import type { CallOptions, CallOutcome, CallPurpose, ModelInfo, Strategy } from '../strategies/types.ts';
import type { RequestStream } from '../traffic/generator.ts';
import { keyedUniform, Stream, stringKey } from '../world/random.ts';
import { createRunColumns } from './columns.ts';
import { createRouteContext, type EngineHandle } from './context.ts';
import { StrategyStalledError } from './errors.ts';
import { createEventQueue } from './event-queue.ts';
import { decisionRecord, writeRow } from './grade.ts';
import { beginCall, createRequestState, nextAttempt, type RequestState } from './request-state.ts';
import { sentMaxTokens } from './sent-max-tokens.ts';
import { type DecisionRecord, type RunResult, Status } from './types.ts';
import { createUsageAccounting, type UsageAccounting } from './usage-totals.ts';

/**
 * Client timeout when neither the call nor the run sets one, virtual ms: 10 minutes, the default of
 * the official clients (openai-node and @anthropic-ai/sdk: `timeout` 600,000 ms), whose behaviour the
 * direct engine reproduces. A thinking model can take minutes on a hard request; an application that
 * wants to give up sooner sets `timeoutMs` on its calls.
 */
export const DEFAULT_CLIENT_TIMEOUT_MS = 600_000;

/** Calls one request may make when the run sets no cap (scenario/limits.ts has the same default). */
export const DEFAULT_CALLS_PER_REQUEST = 100;

export interface RunUnitOptions {
  stream: RequestStream;
  /** A fresh world: every unit gets its own, with identical fault schedules and draws. */
  world: World;
  strategy: Strategy;
  /** Candidate models; RunColumns.model indexes this list. */
  models: readonly ModelInfo[];
  /** Model whose calls set Flag.strongCalled. @default strategy.knob?.strong */
  strongModel?: string;
  /**
   * Calls one request may make; the call past it is refused and the request fails with a clear
   * error, whatever the route returns. @default DEFAULT_CALLS_PER_REQUEST (100)
   */
  maxCallsPerRequest?: number;
  /** Client timeout of calls that set none, virtual ms. @default 600000 (the official clients' default) */
  clientTimeoutMs?: number;
  /** Receives one record per request as it is graded (not built when absent). */
  onDecision?: (record: DecisionRecord) => void;
  /** Wall clock in ms (e.g. performance.now) to measure decision overhead; absent = not measured. */
  wallClock?: () => number;
  /**
   * Called each time the driver gets control back from the strategies' code (a watchdog's
   * heartbeat: a router in a busy loop never lets it run). @default none
   */
  onTurn?: () => void;
  /** RunResult.name and DecisionRecord.strategy. @default strategy.name */
  label?: string;
  /** RunResult.knobValue of a sweep point. @default undefined */
  knobValue?: number;
}

/** A call the driver has begun (purpose flags set, attempt counted) and hands to the policy. */
export interface OutboundCall {
  model: string;
  /** Calls this request made to `model` before this one. */
  attempt: number;
  purpose: CallPurpose;
  /** max_tokens as sent: the visible limit plus reasoning headroom (sent-max-tokens.ts). */
  maxTokens: number;
  /** Client timeout, virtual ms. */
  timeoutMs: number;
  /** The call's options (a judge call's carry the judged id: judge-call.ts). */
  options: CallOptions | undefined;
}

/** How calls reach the world, and what an engine tracks beyond the driver. */
export interface AdmissionPolicy<State extends RequestState> {
  /** A new request's state as this policy tracks it (the wire engine adds its scope store). */
  createState(base: RequestState): State;
  /** Start the route by calling `route` (the wire engine runs it inside the request's scope). */
  enter(state: State, route: () => Promise<unknown>): Promise<unknown>;
  /** Send a begun call; its promise settles when the policy hands the outcome to driver.wake. */
  send(state: State, call: OutboundCall): Promise<CallOutcome>;
  /** Undefined when no strategy code is pending; otherwise a promise to await before asking again. */
  idle(): Promise<void> | undefined;
  /** The work queued at this instant: false when there was none, else true or a promise of its end. */
  admit(): boolean | Promise<void>;
  /** The request's strategy code may run again (its route started, or a call or sleep resolved). */
  resumed?(state: State): void;
  /** The request's strategy code handed control back (a call, a sleep, or its route settled). */
  yielded?(state: State): void;
  /** Virtual time of the policy's own next event (transport timers), ms; undefined when none. */
  nextEventMs?(): number | undefined;
  /** The clock moved to `ms`. */
  advance?(ms: number): void;
  /** The request is about to be graded: its route settled and every call completed. */
  finishing?(state: State): void;
  /** The last event ran, or the run threw. */
  close?(): void;
}

/** What the driver gives its admission policy. */
export interface RouteDriver<State extends RequestState> {
  readonly world: World;
  /** Model whose calls set Flag.strongCalled. */
  readonly strongModel: string | undefined;
  readonly usage: UsageAccounting;
  /** Virtual time, ms. */
  now(): number;
  /** The started, not yet graded request of this index. */
  live(index: number): State | undefined;
  /** Resume the call that `resolve` answers with `outcome` at virtual time `atMs`. */
  wake(atMs: number, state: State, resolve: (outcome: CallOutcome) => void, outcome: CallOutcome): void;
  /** Charge a completed call's billed cost: shadow calls to the run, others to the request. */
  bill(state: State, purpose: CallPurpose, costUsd: number): void;
  /** Grade the request if its route settled and every call it made completed. */
  finishIfDone(state: State): void;
  /** The error for a run that cannot go on: `state` (or the first unfinished request) never finished. */
  stalled(state?: State): StrategyStalledError;
}

interface Wake<State extends RequestState> {
  state: State;
  resolve: (value: CallOutcome | undefined) => void;
  value: CallOutcome | undefined;
}

export async function driveRoutes<State extends RequestState>(
  options: RunUnitOptions,
  admission: (driver: RouteDriver<State>) => AdmissionPolicy<State>,
): Promise<RunResult> {
  const { stream, world, strategy, models, onDecision } = options;
  const name = options.label ?? strategy.name;
  const count = stream.count;
  const arrivals = stream.arrivals;
  const columns = createRunColumns(count);
  // Measured only with a wall clock; an untimed unit (every research unit) keeps no column for it.
  const overhead = new Float32Array(options.wallClock === undefined ? 0 : count);
  const modelIndex = new Map(models.map((model, index) => [model.id, index]));
  const gradeContext = { ledger: world.ledger, columns, modelIndex };
  const strongModel = options.strongModel ?? strategy.knob?.strong;
  const defaultTimeoutMs = options.clientTimeoutMs ?? DEFAULT_CLIENT_TIMEOUT_MS;
  const maxCalls = options.maxCallsPerRequest ?? DEFAULT_CALLS_PER_REQUEST;
  const strategyKey = stringKey(strategy.name);
  const seed = world.seed;
  const wakes = createEventQueue<Wake<State>>();
  /** Started and not yet graded, in start order. */
  const live = new Map<number, State>();
  let now = 0;
  let nextArrival = 0;
  let shadowCostUsd = 0;
  const usage = createUsageAccounting({
    providers: world.catalog.providers,
    model: (id) => world.model(id),
    hidden: (index) => stream.get(index).hidden,
  });

  const driver: RouteDriver<State> = {
    world,
    strongModel,
    usage,
    now: () => now,
    live: (index) => live.get(index),
    wake(atMs, state, resolve, outcome) {
      wakes.push(atMs, state.index, { state, resolve: resolve as Wake<State>['resolve'], value: outcome });
    },
    bill(state, purpose, costUsd) {
      if (purpose === 'shadow') shadowCostUsd += costUsd;
      else state.costUsd += costUsd;
    },
    finishIfDone,
    stalled(state) {
      const stuck = state ?? live.values().next().value;
      return new StrategyStalledError(name, stuck?.request.id ?? '?', stuck?.index ?? -1);
    },
  };
  const policy = admission(driver);

  const engine: EngineHandle = {
    now: () => now,
    models,
    call(state, model, callOptions) {
      const purpose = callOptions?.purpose ?? 'primary';
      const refused = beginCall(state, model, purpose, strongModel);
      if (refused !== undefined) return Promise.reject(refused);
      if (++state.calls > maxCalls) {
        const capped = new Error(
          `request ${state.request.id} made more than ${maxCalls} calls (the scenario's limits.callsPerRequest): the call is refused and the request fails`,
        );
        state.thrown ??= capped.message; // failed whatever the route then returns
        return Promise.reject(capped);
      }
      const attempt = nextAttempt(state, model);
      state.outstanding++;
      state.queued++;
      policy.yielded?.(state as State);
      return policy.send(state as State, {
        model,
        attempt,
        purpose,
        maxTokens: sentMaxTokens(world, model, callOptions?.maxTokens ?? state.request.maxTokens),
        timeoutMs: callOptions?.timeoutMs ?? defaultTimeoutMs,
        options: callOptions,
      });
    },
    sleep(state, ms) {
      state.outstanding++;
      policy.yielded?.(state as State);
      const { promise, resolve } = Promise.withResolvers<undefined>();
      const wait = Number.isNaN(ms) ? 0 : Math.max(ms, 0); // NaN and negative waits are zero waits
      wakes.push(now + wait, state.index, {
        state: state as State,
        resolve: resolve as Wake<State>['resolve'],
        value: undefined,
      });
      return promise as Promise<void>;
    },
    random: (state) => keyedUniform(seed, Stream.jitter, strategyKey, state.index, state.draws++),
  };

  function finishIfDone(state: State): void {
    if (!state.settled || state.queued > 0 || state.finished) return;
    state.finished = true;
    policy.finishing?.(state);
    live.delete(state.index);
    const grade = writeRow(state, gradeContext);
    if (overhead.length > 0) overhead[state.index] = state.overheadMs;
    if (onDecision !== undefined) {
      const score = grade.status === Status.answered ? (grade.answer?.outcome.score ?? 0) : 0;
      onDecision(decisionRecord(name, state, grade, score));
    }
    world.release(state.index);
  }

  function settle(state: State, result: unknown, thrown: string | undefined): void {
    policy.yielded?.(state);
    state.settled = true;
    state.finishMs = now;
    if (thrown !== undefined) state.thrown = thrown;
    else if (typeof result === 'object' && result !== null && 'reason' in result) {
      state.result = result as RequestState['result'];
    } else state.thrown = `route resolved with ${String(result)}, not { responseId, reason }`;
    finishIfDone(state);
  }

  function startRoute(index: number): void {
    const state = policy.createState(createRequestState(stream.get(index).request, onDecision !== undefined));
    live.set(index, state);
    policy.resumed?.(state);
    const route = policy.enter(state, () => {
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

  /** Start the arrivals and resume the calls and sleeps due now, in (time, request index, seq) order. */
  function dispatchDue(): boolean {
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
        const { state, resolve, value } = next.payload;
        state.outstanding--;
        policy.resumed?.(state);
        resolve(value);
      } else break;
      dispatched = true;
    }
    return dispatched;
  }

  /** The next virtual time anything happens at, or undefined when nothing will. */
  function nextTimeMs(): number | undefined {
    let time = policy.nextEventMs?.();
    const wake = wakes.peek();
    if (wake !== undefined && (time === undefined || wake.timeMs < time)) time = wake.timeMs;
    if (nextArrival < count && (time === undefined || arrivals[nextArrival]! < time)) {
      time = arrivals[nextArrival]!;
    }
    return time;
  }

  const onTurn = options.onTurn;
  try {
    for (;;) {
      for (let wait = policy.idle(); wait !== undefined; wait = policy.idle()) {
        await wait;
        onTurn?.();
      }
      onTurn?.();
      const admitted = policy.admit();
      if (admitted !== false) {
        if (admitted !== true) await admitted;
        continue;
      }
      if (dispatchDue()) continue;
      const time = nextTimeMs();
      if (time === undefined) break;
      now = time;
      policy.advance?.(time);
    }
  } finally {
    policy.close?.();
  }
  if (live.size > 0) throw driver.stalled();

  return {
    name,
    family: strategy.family,
    knobValue: options.knobValue,
    models: models.map((model) => model.id),
    columns,
    shadowCostUsd,
    usage: usage.totals,
    // Zero on the wire: wall time in strategy code is not separable from the client's and msw's.
    decisionOverheadMs: overhead,
    ...(await shadowRunOf(strategy)),
  };
}
