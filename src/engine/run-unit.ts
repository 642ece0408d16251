/**
 * One strategy over the whole request stream in virtual time.
 *
 * Open loop: request i starts at stream.arrivals[i] whatever is still in flight. Each request
 * runs `strategy.route(request, context)`; its calls and sleeps become events on a min-heap
 * keyed (time, request index, seq). Virtual time advances only when no strategy code is
 * pending: a counter goes up when the engine starts a route or resumes one (resolves a call or
 * sleep it made) and down when that request issues its next call or sleep or settles. When it
 * reaches zero, calls queued at the current instant are admitted to the world in (request
 * index, attempt, issue) order, then the next instant's events are dispatched together.
 *
 * A resumed request that never acts is either waiting for more of its own calls
 * (Promise.all) — released after a few microtask turns — or awaiting something foreign,
 * which would hang the run: that is reported as StrategyStalledError.
 */
import type { World } from '../contracts/index.ts';
import { shadowRunOf } from '../strategies/shadow.ts';
import type { CallOptions, CallOutcome, ModelInfo, Strategy } from '../strategies/types.ts';
import type { RequestStream } from '../traffic/index.ts';
import { judgeByResponseId } from '../world/judge-lookup.ts';
import { keyedUniform, Stream, stringKey } from '../world/random.ts';
import { observeCall } from './call-outcome.ts';
import { createRunColumns } from './columns.ts';
import { createRouteContext, type EngineHandle } from './context.ts';
import { StrategyStalledError } from './errors.ts';
import { createEventQueue } from './event-queue.ts';
import { decisionRecord, writeRow } from './grade.ts';
import { isJudgeCall } from './judge-call.ts';
import { beginCall, createRequestState, nextAttempt, type RequestState } from './request-state.ts';
import { sentMaxTokens } from './sent-max-tokens.ts';
import { type DecisionRecord, type RunResult, Status } from './types.ts';
import { createUsageAccounting } from './usage-totals.ts';

/**
 * Client timeout when neither the call nor the run sets one, virtual ms: 10 minutes, the default of
 * the official clients (openai-node and @anthropic-ai/sdk: `timeout` 600,000 ms), whose behaviour the
 * direct engine reproduces. A thinking model can take minutes on a hard request; an application that
 * wants to give up sooner sets `timeoutMs` on its calls.
 */
export const DEFAULT_CLIENT_TIMEOUT_MS = 600_000;
/** Microtask turns after which a resumed request with calls in flight counts as waiting on them. */
export const RELEASE_BLOCKED_AFTER_TICKS = 64;
/** Microtask turns after which a resumed request with nothing in flight is reported as stalled. */
export const STALL_AFTER_TICKS = 10_000;

export interface RunUnitOptions {
  stream: RequestStream;
  /** A fresh world: every unit gets its own, with identical fault schedules and draws. */
  world: World;
  strategy: Strategy;
  /** Candidate models; RunColumns.model indexes this list. */
  models: readonly ModelInfo[];
  /** Model whose calls set Flag.strongCalled. @default strategy.knob?.strong */
  strongModel?: string;
  /** Client timeout of calls that set none, virtual ms. @default 600000 (the official clients' default) */
  clientTimeoutMs?: number;
  /** Receives one record per request as it is graded (not built when absent). */
  onDecision?: (record: DecisionRecord) => void;
  /** Wall clock in ms (e.g. performance.now) to measure decision overhead; absent = not measured. */
  wallClock?: () => number;
  /** RunResult.name and DecisionRecord.strategy. @default strategy.name */
  label?: string;
  /** RunResult.knobValue of a sweep point. @default undefined */
  knobValue?: number;
}

interface Wake {
  state: RequestState;
  resolve: (value: CallOutcome | undefined) => void;
  value: CallOutcome | undefined;
}

interface Admission {
  state: RequestState;
  model: string;
  attempt: number;
  seq: number;
  maxTokens: number;
  timeoutMs: number;
  purpose: NonNullable<CallOptions['purpose']>;
  /** The call's options (a judge call's carry the judged id: judge-call.ts). */
  options: CallOptions | undefined;
  resolve: (value: CallOutcome) => void;
}

function admissionOrder(a: Admission, b: Admission): number {
  return a.state.index - b.state.index || a.attempt - b.attempt || a.seq - b.seq;
}

export async function runUnit(options: RunUnitOptions): Promise<RunResult> {
  const { stream, world, strategy, models, onDecision, wallClock } = options;
  const name = options.label ?? strategy.name;
  const count = stream.count;
  const arrivals = stream.arrivals;
  const columns = createRunColumns(count);
  const overhead = new Float32Array(count);
  const modelIndex = new Map(models.map((model, index) => [model.id, index]));
  const gradeContext = { ledger: world.ledger, columns, modelIndex };
  const strongModel = options.strongModel ?? strategy.knob?.strong;
  const defaultTimeoutMs = options.clientTimeoutMs ?? DEFAULT_CLIENT_TIMEOUT_MS;
  const strategyKey = stringKey(strategy.name);
  const seed = world.seed;
  const queue = createEventQueue<Wake>();
  const inFlight = new Set<RequestState>();
  const runningList: RequestState[] = [];
  let admissions: Admission[] = [];
  let spareAdmissions: Admission[] = [];
  let admissionSeq = 0;
  let now = 0;
  let runningCount = 0;
  let lastMark = 0;
  let shadowCostUsd = 0;
  const usage = createUsageAccounting({
    providers: world.catalog.providers,
    model: (id) => world.model(id),
    hidden: (index) => stream.get(index).hidden,
  });

  function markRunning(state: RequestState): void {
    if (state.running || state.settled) return;
    state.running = true;
    runningCount++;
    runningList.push(state);
  }

  /** The request's strategy code handed control back to the engine. */
  function yielded(state: RequestState): void {
    if (!state.running) return;
    state.running = false;
    runningCount--;
    if (wallClock !== undefined) {
      const mark = wallClock();
      state.overheadMs += mark - lastMark;
      lastMark = mark;
    }
  }

  const engine: EngineHandle = {
    now: () => now,
    models,
    call(state, model, callOptions) {
      const purpose = callOptions?.purpose ?? 'primary';
      const refused = beginCall(state, model, purpose, strongModel);
      if (refused !== undefined) return Promise.reject(refused);
      const attempt = nextAttempt(state, model);
      state.outstanding++;
      state.queued++;
      yielded(state);
      const { promise, resolve } = Promise.withResolvers<CallOutcome>();
      admissions.push({
        state,
        model,
        attempt,
        seq: admissionSeq++,
        maxTokens: sentMaxTokens(world, model, callOptions?.maxTokens ?? state.request.maxTokens),
        timeoutMs: callOptions?.timeoutMs ?? defaultTimeoutMs,
        purpose,
        options: callOptions,
        resolve,
      });
      return promise;
    },
    sleep(state, ms) {
      state.outstanding++;
      yielded(state);
      const { promise, resolve } = Promise.withResolvers<undefined>();
      const wait = Number.isNaN(ms) ? 0 : Math.max(ms, 0); // NaN and negative waits are zero waits
      queue.push(now + wait, state.index, { state, resolve: resolve as Wake['resolve'], value: undefined });
      return promise as Promise<void>;
    },
    random: (state) => keyedUniform(seed, Stream.jitter, strategyKey, state.index, state.draws++),
  };

  function finish(state: RequestState): void {
    state.finished = true;
    inFlight.delete(state);
    const grade = writeRow(state, gradeContext);
    overhead[state.index] = state.overheadMs;
    if (onDecision !== undefined) {
      const score = grade.status === Status.answered ? (grade.answer?.outcome.score ?? 0) : 0;
      onDecision(decisionRecord(name, state, grade, score));
    }
    world.release(state.index);
  }

  function settle(state: RequestState, result: unknown, thrown: string | undefined): void {
    yielded(state);
    state.settled = true;
    state.finishMs = now;
    if (thrown !== undefined) state.thrown = thrown;
    else if (typeof result === 'object' && result !== null && 'reason' in result) {
      state.result = result as RequestState['result'];
    } else state.thrown = `route resolved with ${String(result)}, not { responseId, reason }`;
    if (state.queued === 0) finish(state);
  }

  function startRoute(index: number): void {
    const state = createRequestState(stream.get(index).request, onDecision !== undefined);
    inFlight.add(state);
    markRunning(state);
    if (wallClock !== undefined) lastMark = wallClock();
    let route: Promise<unknown>;
    try {
      route = Promise.resolve(strategy.route(state.request, createRouteContext(state, engine)));
    } catch (error) {
      route = Promise.reject(error);
    }
    route.then(
      (result) => settle(state, result, undefined),
      (error: unknown) => settle(state, undefined, error instanceof Error ? error.message : String(error)),
    );
  }

  function wake(event: Wake): void {
    event.state.outstanding--;
    markRunning(event.state);
    event.resolve(event.value);
  }

  function admitQueued(): void {
    const batch = admissions;
    admissions = spareAdmissions;
    if (batch.length > 1) batch.sort(admissionOrder);
    for (const admission of batch) {
      const { state, model } = admission;
      state.queued--;
      const input = {
        requestIndex: state.index,
        model,
        startMs: now,
        attempt: admission.attempt,
        promptTokens: state.request.promptTokens,
        maxTokens: admission.maxTokens,
      };
      const result = isJudgeCall(admission.options)
        ? judgeByResponseId(world, input, admission.options.judgeOf, admission.options.epsilon)
        : world.call(input);
      if (result.ok) usage.observe(result.call, admission.purpose);
      const observed = observeCall(result, model, now, admission.timeoutMs);
      if (admission.purpose === 'shadow') shadowCostUsd += observed.costUsd;
      else {
        state.costUsd += observed.costUsd;
        state.lastKind = observed.kind;
      }
      state.attempts?.push({
        model,
        purpose: admission.purpose,
        startMs: now,
        endMs: observed.atMs,
        result: observed.kind,
        status: observed.status,
        costUsd: observed.costUsd,
        responseId: observed.responseId,
      });
      queue.push(observed.atMs, state.index, {
        state,
        resolve: admission.resolve as Wake['resolve'],
        value: observed.outcome,
      });
      if (state.settled && state.queued === 0 && !state.finished) finish(state);
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

  function stalled(): StrategyStalledError {
    const state = runningList.find((candidate) => candidate.running) ?? inFlight.values().next().value;
    return new StrategyStalledError(name, state?.request.id ?? '?', state?.index ?? -1);
  }

  let nextArrival = 0;
  for (;;) {
    let ticks = 0;
    while (runningCount > 0) {
      await undefined;
      ticks++;
      if (ticks === RELEASE_BLOCKED_AFTER_TICKS) releaseBlocked();
      else if (ticks >= STALL_AFTER_TICKS) throw stalled();
    }
    runningList.length = 0;
    if (admissions.length > 0) {
      admitQueued();
      continue;
    }
    const top = queue.peek();
    let time: number;
    if (nextArrival < count) {
      const arrival = arrivals[nextArrival]!;
      time = top !== undefined && top.timeMs < arrival ? top.timeMs : arrival;
    } else if (top !== undefined) time = top.timeMs;
    else break;
    now = time;
    // Every event of this instant, arrivals merged in (time, request index, seq) order.
    for (;;) {
      const next = queue.peek();
      const nextDue = next !== undefined && next.timeMs === time;
      if (
        nextArrival < count &&
        arrivals[nextArrival] === time &&
        (!nextDue || nextArrival <= next.requestIndex)
      ) {
        startRoute(nextArrival++);
      } else if (nextDue) {
        queue.pop();
        wake(next.payload);
      } else break;
    }
    if (wallClock !== undefined) lastMark = wallClock();
  }
  if (inFlight.size > 0) throw stalled();

  return {
    name,
    family: strategy.family,
    knobValue: options.knobValue,
    models: models.map((model) => model.id),
    columns,
    shadowCostUsd,
    usage: usage.totals,
    decisionOverheadMs: overhead,
    ...(await shadowRunOf(strategy)),
  };
}
