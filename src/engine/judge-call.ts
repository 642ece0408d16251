/**
 * The engine's side of RouteContext.judge. A judge call is admitted like any other call: it is
 * queued with purpose 'judge', admitted in the same (request, attempt, issue) order, priced,
 * timed and counted in the request's cost. At admission the engine hands it to `world.judge`
 * instead of `world.call` (judgeWorldCall). The strategy gets back only the verdict — read from
 * the judge's answer text ("Verdict: correct." / "Verdict: incorrect.", src/world/world.ts),
 * exactly what a client of a real judge model would parse — never the truth.
 */
import { DEFAULT_JUDGE_EPSILON } from '../contracts/index.ts';
import type {
  CallOptions,
  CallOutcome,
  JudgeOptions,
  JudgeOutcome,
  RouteContext,
} from '../strategies/types.ts';

/** max_tokens of a judge call: room for a verdict and a one-line reason (rate limits count it). */
export const JUDGE_MAX_TOKENS = 64;
/** The text of a positive verdict (world.ts). */
const POSITIVE_VERDICT = 'Verdict: correct.';

/** CallOptions of a judge call, as they travel through the engine's admission queue. */
export interface JudgeCallOptions extends CallOptions {
  purpose: 'judge';
  /** Response id of the judged answer. */
  judgeOf: string;
  /** Flip probability, [0, 1]. */
  epsilon: number;
}

/** Is `options` a judge call's (set by judgeCall)? */
export function isJudgeCall(options: CallOptions | undefined): options is JudgeCallOptions {
  return options?.purpose === 'judge' && typeof (options as JudgeCallOptions).judgeOf === 'string';
}

/**
 * RouteContext.judge: a call through the engine's queue, its outcome read as a verdict. `call`
 * is the request's own RouteContext.call (bound to its request state by context.ts), so this
 * module needs nothing of the context that uses it.
 */
export function judgeCall(
  call: RouteContext['call'],
  responseId: string,
  judgeModel: string,
  options: JudgeOptions | undefined,
): ReturnType<NonNullable<RouteContext['judge']>> {
  const epsilon = options?.epsilon ?? DEFAULT_JUDGE_EPSILON;
  if (!(epsilon >= 0 && epsilon <= 1)) {
    return Promise.reject(new RangeError(`judge epsilon must be in [0, 1], got ${epsilon}`));
  }
  const callOptions: JudgeCallOptions = {
    purpose: 'judge',
    judgeOf: responseId,
    epsilon,
    maxTokens: JUDGE_MAX_TOKENS,
  };
  if (options?.timeoutMs !== undefined) callOptions.timeoutMs = options.timeoutMs;
  return call(judgeModel, callOptions).then(judgeOutcome);
}

/** The client's view of a judge call's outcome. */
export function judgeOutcome(outcome: CallOutcome): JudgeOutcome {
  if (outcome.ok) {
    return {
      ok: true,
      verdict: outcome.text === POSITIVE_VERDICT,
      model: outcome.model,
      costUsd: outcome.costUsd,
      latencyMs: outcome.latencyMs,
    };
  }
  return {
    ok: false,
    model: outcome.model,
    kind: outcome.kind,
    status: outcome.status,
    message: outcome.message,
    costUsd: 0,
    latencyMs: outcome.latencyMs,
  };
}
