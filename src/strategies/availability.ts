/**
 * `availability`: routes around faults. It keeps a live health view per model (health.ts: EWMA
 * error rate and latency, a circuit breaker), retries transient errors on the same model
 * (retry-after honoured exactly, else exponential backoff with full jitter; backoff.ts), and moves
 * down an ordered fallback chain when a model keeps failing or its circuit is open.
 *
 * Two modes:
 * - alone: the first model of each request is chosen from the healthy models of `models` by
 *   `selection`, then calls fall back along `models` (wrapping around).
 *   - "failover" (the default): always the first healthy model of the chain — a primary with
 *     fallbacks, what teams deploy for resilience. With the default chain the primary is the
 *     strongest candidate, the model always-strongest (the reference) calls, so on a healthy day
 *     this strategy IS always-strongest (same cost, quality and latency) and on a bad day it shows
 *     exactly what resilience buys over it. (It once round-robined the three strongest models,
 *     which on a healthy day only mixed in weaker, dearer ones: worse than always-strongest on
 *     cost, quality and p95.) Wrap a cost-saving router with `inner` to get both.
 *   - "round-robin" (smooth weighted, `weights`) or "lowest-latency" (EWMA): load balancing,
 *     only when the scenario asks for it (`selection`, or `weights` given).
 *   Default `models`: the three strongest candidates (leaderboard standing) from three different
 *   providers, strongest first, so one provider's outage leaves two.
 * - `inner: <strategy config>` (e.g. { name: rules }): the inner strategy routes, and its
 *   context's `call` is wrapped: breaker, retries and fallbacks apply transparently; every other
 *   member (`judge` included) passes through (wrap-route-context.ts). A call to a
 *   model whose circuit is open goes to the next healthy model of the chain as a 'fallback'.
 *   Default chain: every candidate, cheapest first (so a fallback costs about what was asked).
 *   A knobbed inner strategy's knob passes through.
 *
 * `hedge: { after: "p95" | <ms>, model? }` (hedge.ts): a primary call still unanswered `after`
 * ms (the model's running p95 latency, or fixed) gets a second request (purpose 'hedge') to
 * `model` (@default the next healthy model of the chain); the first answer wins, both are billed.
 */
import { z } from 'zod';
import type { RouteRequest } from '../contracts/index.ts';
import { InputError, type InputIssue } from '../errors.ts';
import type { StrategyConfig } from '../scenario/types.ts';
import { isRetryable, retryWaitMs } from './backoff.ts';
import { createHealthBook, type HealthBook } from './health.ts';
import { createLatencyWindows, raceWithHedge } from './hedge.ts';
import { byPrice, standing } from './model-order.ts';
import { DEFAULT_FILE, knobLabel, modelId, zodIssues } from './options.ts';
import type {
  CallOptions,
  CallOutcome,
  CallPurpose,
  ModelInfo,
  RouteContext,
  RouteResult,
  Strategy,
  StrategyBuildContext,
} from './types.ts';
import { wrapRouteContext } from './wrap-route-context.ts';

/** Builds the inner strategy (the registry's buildStrategy, injected to avoid an import cycle). */
export type InnerBuilder = (
  config: StrategyConfig,
  context: StrategyBuildContext,
  path: (string | number)[],
) => Strategy;

function availabilitySchema(context: StrategyBuildContext) {
  const model = modelId(context.models);
  return z.strictObject({
    /** Pool and fallback chain, in order. @default see the file comment (depends on `inner`) */
    models: z
      .array(model)
      .min(1)
      .refine((ids) => new Set(ids).size === ids.length, { error: 'expected distinct models' })
      .optional(),
    /** Round-robin weights per model (> 0). @default 1 each */
    weights: z.record(z.string(), z.number().positive()).default({}),
    /**
     * How the first model is chosen when there is no inner strategy: "failover" (the first healthy
     * model of the chain) or load balancing. @default "failover"; "round-robin" when `weights` is given
     */
    selection: z.enum(['failover', 'round-robin', 'lowest-latency']).optional(),
    /** Strategy to wrap: a name or { name, options }. @default none */
    inner: z
      .union([
        z.string().min(1),
        z.strictObject({ name: z.string().min(1), options: z.record(z.string(), z.unknown()).default({}) }),
      ])
      .optional(),
    /** Retries of one model after transient errors. @default 2 */
    maxRetries: z.number().int().min(0).max(10).default(2),
    /** First backoff ceiling, virtual ms. @default 250 */
    baseBackoffMs: z.number().min(0).default(250),
    /** Largest backoff ceiling, virtual ms. @default 8000 */
    maxBackoffMs: z.number().min(0).default(8000),
    /** A retry-after longer than this moves to the next model instead of waiting, ms. @default 20000 */
    maxRetryAfterMs: z.number().min(0).default(20_000),
    /** Models tried after the first one for one call. @default 3 */
    maxFallbacks: z.number().int().min(0).default(3),
    /** Consecutive failures that open a circuit. @default 5 */
    failureThreshold: z.number().int().min(1).default(5),
    /** EWMA error rate that opens a circuit, (0, 1]. @default 0.5 */
    errorRateThreshold: z.number().gt(0).max(1).default(0.5),
    /** Calls seen before the error rate may open a circuit. @default 10 */
    minCalls: z.number().int().min(1).default(10),
    /** Open-circuit cooldown before a half-open probe, virtual ms. @default 30000 */
    cooldownMs: z.number().min(0).default(30_000),
    /** EWMA weight of the newest observation, (0, 1]. @default 0.1 */
    ewmaAlpha: z.number().gt(0).max(1).default(0.1),
    /** Hedge unanswered primary calls: after "p95" (running, per model) or fixed ms. @default none */
    hedge: z
      .strictObject({
        after: z.union([z.literal('p95'), z.number().min(0)]),
        /** Hedge target. @default the next healthy model of the chain */
        model: model.optional(),
      })
      .optional(),
  });
}

export type AvailabilityOptions = z.infer<ReturnType<typeof availabilitySchema>>;

/** Three strongest candidates from distinct providers, strongest first. */
export function defaultPool(models: readonly ModelInfo[]): string[] {
  const ranked = [...models].sort((a, b) => standing(b) - standing(a));
  const providers = new Set<string>();
  const pool: string[] = [];
  for (const model of ranked) {
    if (pool.length === 3) break;
    if (providers.has(model.provider)) continue;
    providers.add(model.provider);
    pool.push(model.id);
  }
  return pool;
}

export function availability(
  options: Record<string, unknown>,
  context: StrategyBuildContext,
  buildInner?: InnerBuilder,
): Strategy {
  const schema = availabilitySchema(context);
  const issues: InputIssue[] = [];
  const result = schema.safeParse(options, { reportInput: true });
  if (!result.success) issues.push(...zodIssues(result.error, Object.keys(schema.shape)));
  const innerConfig = result.success ? result.data.inner : innerOf(options);
  let inner: Strategy | undefined;
  if (innerConfig !== undefined) {
    const config: StrategyConfig =
      typeof innerConfig === 'string'
        ? { name: innerConfig, options: {} }
        : { name: innerConfig.name, options: innerConfig.options };
    if (config.name === 'oracle')
      issues.push({ path: ['inner', 'name'], message: 'the oracle cannot be wrapped' });
    else if (buildInner === undefined)
      issues.push({ path: ['inner'], message: 'inner strategies need the registry' });
    else {
      try {
        inner = buildInner(config, context, ['inner']);
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        issues.push(...error.issues);
      }
    }
  }
  const rawWeights = options['weights'];
  const weightKeys = rawWeights !== null && typeof rawWeights === 'object' ? Object.keys(rawWeights) : [];
  for (const key of weightKeys) {
    if (!context.models.some((model) => model.id === key)) {
      issues.push({
        path: ['weights', key],
        message: `unknown model "${key}"; expected a candidate model id`,
      });
    }
  }
  if (result.success && result.data.selection === 'failover' && weightKeys.length > 0) {
    issues.push({ path: ['weights'], message: 'weights apply to selection "round-robin", not "failover"' });
  }
  if (!result.success || issues.length > 0) throw new InputError(context.file ?? DEFAULT_FILE, issues);
  const parsed = result.data;
  const chain =
    parsed.models ??
    (inner === undefined ? defaultPool(context.models) : byPrice(context.models).map((m) => m.id));
  const make = (wrapped: Strategy | undefined, name: string): Strategy => {
    const core = createAvailabilityCore(chain, parsed, context.models);
    const strategy: Strategy =
      wrapped === undefined
        ? {
            name,
            family: 'availability',
            route: (request, routeContext) => core.routeAlone(request, routeContext),
          }
        : {
            name,
            family: 'availability',
            route: (request, routeContext) => core.routeInner(wrapped, request, routeContext),
          };
    const knob = wrapped?.knob;
    if (knob === undefined) return strategy;
    return {
      ...strategy,
      knob: { ...knob, at: (value) => make(knob.at(value), knobLabel('availability', value)) },
    };
  };
  return make(inner, 'availability');
}

/** The raw inner config when the rest of the options failed to parse (to report its problems too). */
function innerOf(
  options: Record<string, unknown>,
): string | { name: string; options: Record<string, unknown> } | undefined {
  const raw = options['inner'];
  if (typeof raw === 'string') return raw;
  if (raw !== null && typeof raw === 'object' && typeof (raw as { name?: unknown }).name === 'string') {
    const innerOptions = (raw as { options?: unknown }).options;
    return {
      name: (raw as { name: string }).name,
      options:
        innerOptions !== null && typeof innerOptions === 'object'
          ? (innerOptions as Record<string, unknown>)
          : {},
    };
  }
  return undefined;
}

/** What happened to one call, for the decision reason. */
interface Trace {
  /** The model a hedge went to, if one was sent. */
  hedge: string | undefined;
}

interface AvailabilityCore {
  health: HealthBook;
  routeAlone(request: RouteRequest, context: RouteContext): Promise<RouteResult>;
  routeInner(inner: Strategy, request: RouteRequest, context: RouteContext): Promise<RouteResult>;
}

function createAvailabilityCore(
  chain: readonly string[],
  options: AvailabilityOptions,
  models: readonly ModelInfo[],
): AvailabilityCore {
  const health = createHealthBook(models, options);
  const selection =
    options.selection ?? (Object.keys(options.weights).length > 0 ? 'round-robin' : 'failover');
  const hedge = options.hedge;
  const latencies = hedge === undefined ? undefined : createLatencyWindows(models);
  const weights = chain.map((model) => options.weights[model] ?? 1);
  const current = chain.map(() => 0);

  /** Smooth weighted round-robin (nginx) over the available chain positions. */
  const roundRobin = (available: number[]): number => {
    let total = 0;
    let best = -1;
    for (const index of available) {
      const weight = weights[index] ?? 1;
      total += weight;
      current[index] = (current[index] ?? 0) + weight;
      if (best < 0 || (current[index] ?? 0) > (current[best] ?? 0)) best = index;
    }
    current[best] = (current[best] ?? 0) - total;
    return best;
  };

  const lowestLatency = (available: number[]): number => {
    let best = available[0] ?? 0;
    for (const index of available) {
      if (health.get(chain[index] ?? '').latencyMs < health.get(chain[best] ?? '').latencyMs) best = index;
    }
    return best;
  };

  /** `requested` first, then the chain after it, wrapping around. */
  const order = (requested: string): string[] => {
    const at = chain.indexOf(requested);
    if (at < 0) return [requested, ...chain];
    return [...chain.slice(at), ...chain.slice(0, at)];
  };

  /** One model: the call and its retries. undefined when its circuit refused the first call. */
  const attemptModel = async (
    model: string,
    purpose: CallPurpose,
    context: RouteContext,
    callOptions: CallOptions | undefined,
  ): Promise<CallOutcome | undefined> => {
    let last: CallOutcome | undefined;
    let currentPurpose = purpose;
    for (let retry = 0; ; retry++) {
      if (!health.acquire(model, context.now())) return last;
      const outcome = await context.call(model, { ...callOptions, purpose: currentPurpose });
      health.record(outcome, context.now());
      if (outcome.ok) latencies?.record(model, outcome.latencyMs);
      if (outcome.ok || retry >= options.maxRetries || !isRetryable(outcome.kind)) return outcome;
      last = outcome;
      const wait = retryWaitMs(outcome.retryAfterMs, retry, () => context.random(), options);
      if (wait > options.maxRetryAfterMs) return outcome;
      await context.sleep(wait);
      currentPurpose = 'retry';
    }
  };

  /** The first model's attempt, hedged when the option is set and the call is a primary one. */
  const firstAttempt = async (
    model: string,
    purpose: CallPurpose,
    context: RouteContext,
    callOptions: CallOptions | undefined,
    trace: Trace,
  ): Promise<CallOutcome | undefined> => {
    const primary = attemptModel(model, purpose, context, callOptions);
    if (hedge === undefined || latencies === undefined || purpose !== 'primary') return primary;
    const delay = hedge.after === 'p95' ? latencies.p95(model) : hedge.after;
    const result = await raceWithHedge(primary, delay, context, () => {
      const now = context.now();
      const target =
        hedge.model ?? order(model).find((other) => other !== model && health.available(other, now));
      if (target === undefined || target === model || !health.acquire(target, now)) return undefined;
      const outcome = context.call(target, { ...callOptions, purpose: 'hedge' }).then((answer) => {
        health.record(answer, context.now());
        if (answer.ok) latencies.record(target, answer.latencyMs);
        return answer;
      });
      return { model: target, outcome };
    });
    trace.hedge = result.hedgeModel;
    return result.outcome;
  };

  /** Breaker + retries + fallbacks for a call to `requested`. undefined: every circuit was open. */
  const resilientCall = async (
    requested: string,
    purpose: CallPurpose,
    context: RouteContext,
    callOptions: CallOptions | undefined,
    trace: Trace = { hedge: undefined },
  ): Promise<CallOutcome | undefined> => {
    let last: CallOutcome | undefined;
    let currentPurpose = purpose;
    let called = 0;
    for (const model of order(requested)) {
      if (called > options.maxFallbacks) break;
      const outcome =
        called === 0 && currentPurpose === purpose
          ? await firstAttempt(model, currentPurpose, context, callOptions, trace)
          : await attemptModel(model, currentPurpose, context, callOptions);
      currentPurpose = 'fallback';
      if (outcome === undefined) continue;
      called++;
      if (outcome.ok) return outcome;
      last = outcome;
    }
    return last;
  };

  return {
    health,
    async routeAlone(_request, context) {
      const now = context.now();
      const available: number[] = [];
      chain.forEach((model, index) => {
        if (health.available(model, now)) available.push(index);
      });
      if (available.length === 0) return { responseId: undefined, reason: 'every circuit open' };
      const first =
        chain[
          selection === 'failover'
            ? available[0]!
            : selection === 'round-robin'
              ? roundRobin(available)
              : lowestLatency(available)
        ] ?? '';
      const trace: Trace = { hedge: undefined };
      const outcome = await resilientCall(first, 'primary', context, undefined, trace);
      if (outcome === undefined)
        return { responseId: undefined, reason: `${first} chosen; every circuit open` };
      if (!outcome.ok)
        return {
          responseId: undefined,
          reason: `${first} chosen; failed (last: ${outcome.model} ${outcome.kind})`,
        };
      const via =
        outcome.model === first
          ? ''
          : outcome.model === trace.hedge
            ? ` (hedge; ${first} slower)`
            : ` (fallback from ${first})`;
      const hedged =
        trace.hedge !== undefined && outcome.model !== trace.hedge ? ` [hedged to ${trace.hedge}]` : '';
      return {
        responseId: outcome.responseId,
        reason: `${selection} → ${outcome.model}${via}${hedged}`,
      };
    },
    async routeInner(inner, request, context) {
      let redirected: string | undefined;
      // Only `call` goes through the chain; the rest (judge included) reaches the engine as is.
      const proxy = wrapRouteContext(context, {
        call: async (model, callOptions) => {
          const outcome = await resilientCall(model, callOptions?.purpose ?? 'primary', context, callOptions);
          if (outcome === undefined) return circuitOpen(model);
          if (outcome.model !== model) redirected = `${model} → ${outcome.model}`;
          return outcome;
        },
      });
      const result = await inner.route(request, proxy);
      return redirected === undefined
        ? result
        : { ...result, reason: `${result.reason} [fallback ${redirected}]` };
    },
  };
}

/** What the inner strategy sees when no model of the chain could be called. */
function circuitOpen(model: string): CallOutcome {
  return {
    ok: false,
    model,
    kind: 'server_error',
    status: 503,
    message: 'availability: the circuit of every model in the fallback chain is open',
    retryAfterMs: undefined,
    latencyMs: 0,
  };
}
