/**
 * Shadow evaluation: an option any strategy takes (`shadow: { share, reference }`, handled by the
 * registry, so every built-in gets it without its own schema knowing). A keyed sample of
 * `share` of the requests is re-sent to the `reference` model after the strategy has routed it
 * (purpose 'shadow': billed, but the engine reports that cost separately and it never counts in
 * the strategy's cost or latency — the request's answer does not wait for it).
 *
 * The sample is keyed by (scenario seed, request index) only, so every shadowed strategy of a
 * scenario re-sends the same requests. The shadow call is issued after the routed calls, so it
 * never changes which sample (answer draw) the routed calls get.
 *
 * A strategy cannot see correctness, so it compares answers by their final-answer label
 * (confidence-signals.ts): `disagreed` counts sampled requests whose routed answer differs from
 * the reference's — the silent routing errors a team would otherwise never see (an upper bound
 * on "the routed answer was worse": the reference can be the wrong one). The harness can grade
 * both answers exactly: the shadow call's response id is in the decision log's attempts.
 * The counts live on the strategy object (`strategy.shadow`); both engines copy them into
 * RunResult.shadow with `shadowRunOf` once the last comparison has run.
 */
import { z } from 'zod';
import { hashKey, stringKey } from '../contracts/index.ts';
import { InputError } from '../errors.ts';
import { finalAnswerLabel } from './confidence-signals.ts';
import { strongest } from './model-order.ts';
import { modelId, parseOptions, unitInterval } from './options.ts';
import type { CallOutcome, Strategy, StrategyBuildContext } from './types.ts';
import { wrapRouteContext } from './wrap-route-context.ts';

/** Counts of one shadowed strategy run. */
export interface ShadowStats {
  /** Requests sampled for a shadow call. */
  sampled: number;
  /** Sampled requests where both the routed and the reference answer arrived. */
  compared: number;
  /** Compared requests whose answers carry different final-answer labels. */
  disagreed: number;
  /** Sampled requests the strategy failed while the reference answered. */
  routedFailed: number;
  /** Shadow calls that failed (nothing to compare). */
  referenceFailed: number;
}

export interface ShadowedStrategy extends Strategy {
  readonly shadow: ShadowStats;
}

/** What a run reports of its shadow evaluation (RunResult.shadow): the counts and the setup. */
export interface ShadowRun extends ShadowStats {
  /** The reference model the sample was re-sent to. */
  reference: string;
  /** Share of requests sampled, [0, 1]. */
  share: number;
}

interface ShadowState {
  stats: ShadowStats;
  reference: string;
  share: number;
  /** Comparisons whose shadow call has not answered yet. */
  pending: Set<Promise<void>>;
}

/** Shadowed strategies by identity: a user strategy with its own `shadow` property is not one. */
const states = new WeakMap<Strategy, ShadowState>();

/**
 * `{ shadow }` for RunResult when `strategy` is shadowed, else `{}`. Awaits the comparisons still
 * pending: the engine's loop ends when the last call resolves, one microtask before the
 * comparison that reads it has run. A comparison whose call was rejected rejects this too.
 */
export async function shadowRunOf(strategy: Strategy): Promise<{ shadow?: ShadowRun }> {
  const state = states.get(strategy);
  if (state === undefined) return {};
  await Promise.all(state.pending);
  return { shadow: { ...state.stats, reference: state.reference, share: state.share } };
}

const SHADOW_KEY = stringKey('shadow-sample');
/**
 * The stream number in the sample's hash. 20 is the world's jitter stream (world/random.ts), which
 * this sample named when it drew through the world's module; the number is kept so that the same
 * requests are sampled as before, while the strategy no longer reads the world's stream table.
 */
const SHADOW_STREAM = 20;
/** 2^-32: turns a 32-bit hash into a uniform draw in [0, 1). */
const UNIT = 2 ** -32;

function shadowSchema(context: StrategyBuildContext) {
  return z.strictObject({
    /** Share of requests re-sent to the reference, [0, 1]. @default 0.05 */
    share: unitInterval.default(0.05),
    /** Reference model. @default the strongest candidate (leaderboard standing) */
    reference: modelId(context.models).optional(),
  });
}

/** Is request `index` in the shadow sample of `share`? Keyed by (seed, index) only. */
export function inShadowSample(seed: number, index: number, share: number): boolean {
  return hashKey(seed, SHADOW_STREAM, SHADOW_KEY, index) * UNIT < share;
}

/** Wrap `inner` with shadow evaluation; `options` is the `shadow` option (validated here). */
export function withShadow(
  inner: Strategy,
  options: Record<string, unknown>,
  context: StrategyBuildContext,
): ShadowedStrategy {
  let parsed: z.infer<ReturnType<typeof shadowSchema>>;
  try {
    parsed = parseOptions(shadowSchema(context), options, context);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    throw new InputError(
      error.file,
      error.issues.map((issue) => ({ ...issue, path: ['shadow', ...issue.path] })),
    );
  }
  const reference = parsed.reference ?? strongest(context.models).id;
  return shadowed(inner, parsed.share, reference, context.seed);
}

function shadowed(inner: Strategy, share: number, reference: string, seed: number): ShadowedStrategy {
  const stats: ShadowStats = { sampled: 0, compared: 0, disagreed: 0, routedFailed: 0, referenceFailed: 0 };
  const pending = new Set<Promise<void>>();
  const tag = ` [shadow → ${reference}]`;
  const strategy: ShadowedStrategy = {
    name: inner.name,
    family: inner.family,
    shadow: stats,
    async route(request, context) {
      if (!inShadowSample(seed, request.index, share)) return inner.route(request, context);
      stats.sampled++;
      const texts = new Map<string, string>();
      const recording = wrapRouteContext(context, {
        call: async (model, callOptions) => {
          const outcome = await context.call(model, callOptions);
          if (outcome.ok) texts.set(outcome.responseId, outcome.text);
          return outcome;
        },
      });
      const result = await inner.route(request, recording);
      const routed = result.responseId === undefined ? undefined : texts.get(result.responseId);
      // Issued before returning, so the engine admits it; not awaited, so the answer does not wait.
      const comparison = context
        .call(reference, { purpose: 'shadow' })
        .then((outcome) => compare(stats, routed, outcome));
      pending.add(comparison);
      // A rejected comparison stays pending, so shadowRunOf rejects with it.
      comparison.then(
        () => pending.delete(comparison),
        () => {},
      );
      return { ...result, reason: result.reason + tag };
    },
  };
  const knob = inner.knob;
  const result: ShadowedStrategy =
    knob === undefined
      ? strategy
      : {
          ...strategy,
          knob: {
            ...knob,
            at: (value) => shadowed(knob.at(value), share, reference, seed),
          },
        };
  states.set(result, { stats, reference, share, pending });
  return result;
}

function compare(stats: ShadowStats, routedText: string | undefined, outcome: CallOutcome): void {
  if (!outcome.ok) {
    stats.referenceFailed++;
    return;
  }
  if (routedText === undefined) {
    stats.routedFailed++;
    return;
  }
  stats.compared++;
  if (finalAnswerLabel(routedText) !== finalAnswerLabel(outcome.text)) stats.disagreed++;
}
