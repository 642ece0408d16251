/**
 * The strategy contract. A strategy is a plain object `{ name, family, route(request, context) }`
 * built by a factory. It sees only what a production router could see: the request (no hidden
 * labels), public facts about the candidate models, and what each call returns — never whether
 * an answer was right. The harness grades the response id it returns, out of band.
 */
import type { BenchmarkName, CallErrorKind, RouteRequest, Usage } from '../contracts/index.ts';

/** Public facts about a candidate model (prices, limits, published latency and benchmarks). */
export interface ModelInfo {
  id: string;
  provider: string;
  /** USD per input token. */
  inputCostPerToken: number;
  /** USD per output token. */
  outputCostPerToken: number;
  /** USD per cached input token (undefined: no discount). */
  cacheReadCostPerToken: number | undefined;
  maxInputTokens: number;
  maxOutputTokens: number;
  /**
   * Published median time to first token, ms. For a reasoning model, the measured first chunk,
   * hidden thinking included (what a third-party benchmark reports).
   */
  ttftMedianMs: number;
  /**
   * Published hidden reasoning tokens of a typical request under the model's setting (billed as
   * output); 0 for a model that does not reason. @see typicalReasoningTokens in src/world/catalog.ts
   */
  typicalReasoningTokens: number;
  /** Published median decode speed, tokens/s. */
  decodeTokensPerSecond: number;
  /** Published benchmark scores (0–1). */
  benchmarks: Partial<Record<BenchmarkName, number>>;
  /**
   * Leaderboard standing in (0, 1): the mean over the eight task domains of the accuracy the
   * model's published benchmarks imply, imputed where it publishes none (fixtures/README.md).
   * What a team reads off public leaderboards; undefined when the catalog gives no benchmarks.
   */
  leaderboardScore?: number;
}

/** Why a call was made; the engine counts escalations and fallbacks from these. */
export type CallPurpose =
  | 'primary' // the first choice for the request
  | 'escalation' // moved past a model because confidence was low
  | 'fallback' // moved past a model because of a fault
  | 'retry' // the same model again after an error
  | 'sample' // an extra sample of the same model (self-consistency)
  | 'hedge' // a second, concurrent request to another model
  | 'shadow' // a sampled re-send to a reference model (not an answer)
  | 'judge'; // a judge model asked whether an answer is right (RouteContext.judge)

export interface CallOptions {
  /**
   * Limit of the visible answer, tokens. For a reasoning model the engine sends this plus the
   * model's reasoning headroom (src/world/reasoning.ts), as providers count hidden reasoning
   * against max_tokens. @default request.maxTokens
   */
  maxTokens?: number;
  /** Client-side timeout, virtual ms; a hung call fails with kind 'timeout' after it. @default 600000 (the official clients' default) */
  timeoutMs?: number;
  /** Why this call is made. @default 'primary' */
  purpose?: CallPurpose;
}

/** A call as the client sees it: the answer and its metadata, never its correctness. */
export type CallOutcome =
  | {
      ok: true;
      responseId: string;
      model: string;
      text: string;
      usage: Usage;
      costUsd: number;
      /** From the call's start to its last token, incl. queueing, ms. */
      latencyMs: number;
      /** Time to first token from the call's start, incl. queueing, ms. */
      ttftMs: number;
      /** Logprob confidence returned with the answer, (0, 1). */
      logprobConfidence: number;
      /** The model's own stated certainty, (0, 1): free and overconfident. */
      selfRatedCertainty: number;
      finishReason: 'stop' | 'length';
    }
  | {
      ok: false;
      model: string;
      kind: CallErrorKind;
      /** HTTP status; 0 for a dropped connection or a client timeout. */
      status: number;
      message: string;
      /** From a 429: wait this long before retrying, whole ms. */
      retryAfterMs: number | undefined;
      latencyMs: number;
    };

export interface RouteContext {
  /** Current virtual time, ms since the scenario start. */
  now(): number;
  /** The scenario's candidate models, in the scenario's order. */
  readonly models: readonly ModelInfo[];
  /** Call a model; resolves when the answer (or error) arrives in virtual time. */
  call(model: string, options?: CallOptions): Promise<CallOutcome>;
  /** Wait in virtual time (backoff, hedge delays). */
  sleep(ms: number): Promise<void>;
  /** A deterministic uniform draw in (0, 1), keyed by (strategy, request, k-th draw). */
  random(): number;
  /**
   * Ask `judgeModel` whether the answer `responseId` (an answer this request received) is
   * right: a priced, timed call (purpose 'judge', counted in the request's cost) whose verdict
   * is the truth flipped with probability ε. Absent on engines that offer no judge.
   */
  judge?(responseId: string, judgeModel: string, options?: JudgeOptions): Promise<JudgeOutcome>;
}

export interface RouteResult {
  /** The response chosen as the answer; undefined when the strategy gave up (a failed request). */
  responseId: string | undefined;
  /** Why: e.g. "rule 2 (code vocabulary) → gpt-4o". Goes to the decision log. */
  reason: string;
}

export type StrategyFamily =
  | 'baseline'
  | 'oracle'
  | 'rules'
  | 'cascade'
  | 'domain'
  | 'availability'
  | 'learned'
  | 'custom';

export interface Strategy {
  readonly name: string;
  readonly family: StrategyFamily;
  /** Present on knobbed strategies (routing-research metrics). */
  readonly knob?: Knob;
  route(request: RouteRequest, context: RouteContext): Promise<RouteResult>;
}

/**
 * A threshold α that trades cost for quality. Sweeping it gives the (c, r) points of APGR/CPT:
 * c = share of requests on which `strong` was called, r = quality.
 */
export interface Knob {
  /** e.g. "threshold". */
  name: string;
  /** Values the engine sweeps, in increasing order. */
  values: readonly number[];
  weak: string;
  strong: string;
  /** The same strategy with the knob set to `value` (name e.g. "cascade@0.7"). */
  at(value: number): Strategy;
}

/** What a factory gets besides its options. */
export interface StrategyBuildContext {
  /** Candidate models (public facts), scenario order. */
  models: readonly ModelInfo[];
  seed: number;
  /** Directory of the scenario file, to resolve relative paths (learned model files). */
  baseDir: string;
  /** Scenario file named in option errors. @default "scenario" */
  file?: string;
  /**
   * The model the scenario's reference strategy calls (model-order.ts referenceModelOf): every
   * knob's default strong model when it is a candidate (metrics.md). @default the strongest candidate
   */
  referenceModel?: string;
}

/** Built-ins are made by factories; options come from the scenario (unknown options are errors). */
export type StrategyFactory = (options: Record<string, unknown>, context: StrategyBuildContext) => Strategy;

/** Options of a judge call (RouteContext.judge). */
export interface JudgeOptions {
  /** Probability the verdict is flipped, [0, 1]. @default DEFAULT_JUDGE_EPSILON, 0.15 (contracts/world.ts) */
  epsilon?: number;
  /** Client-side timeout, virtual ms. @default the run's client timeout */
  timeoutMs?: number;
}

/** A judge's verdict as the client sees it: never the truth, only the (noisy) verdict. */
export type JudgeOutcome =
  | {
      ok: true;
      /** The judge says the answer is right. */
      verdict: boolean;
      model: string;
      /** USD billed for the judge call. */
      costUsd: number;
      /** From the call's start to the verdict, incl. queueing, ms. */
      latencyMs: number;
    }
  | {
      ok: false;
      model: string;
      kind: CallErrorKind;
      status: number;
      message: string;
      /** 0: a failed judge call is not billed to the client's knowledge. */
      costUsd: number;
      latencyMs: number;
    };
