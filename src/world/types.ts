/**
 * The contracts of the simulated provider world. Pure data: no I/O, no clock.
 *
 * Data flow: scenario → traffic generator (GeneratedRequest = visible RouteRequest +
 * HiddenLabels) → engine / msw mocks → World.call(CallInput) → CallResult → ledger.
 */

/** Task domains. Each has quality parameters in fixtures/domains.json. */
export const DOMAINS = [
  'chit-chat',
  'factual-qa',
  'summarization',
  'code',
  'math',
  'reasoning',
  'legal',
  'medical',
] as const;
export type Domain = (typeof DOMAINS)[number];

/** Wire format a provider speaks. Every non-Anthropic provider here offers an OpenAI-compatible API. */
export type WireFormat = 'openai' | 'anthropic';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** What a strategy receives: only what a production router could see. */
export interface RouteRequest {
  /** Stable id, e.g. "r0000042". */
  id: string;
  /** Position in the request stream (0-based). */
  index: number;
  /** Arrival time, virtual milliseconds since the scenario start. */
  arrivalMs: number;
  messages: ChatMessage[];
  /** User tier name from the scenario, e.g. "free". */
  tier: string;
  /** Prompt tokens of all messages, counted with the o200k_base BPE tokenizer. */
  promptTokens: number;
  /** `max_tokens` the application sends. */
  maxTokens: number;
}

/** Labels only the world and the grader read. A strategy never sees these. */
export interface HiddenLabels {
  domain: Domain;
  /** Difficulty b_i (same scale as the abilities θ). */
  difficulty: number;
  /** Template id the request was generated from (for held-out splits). */
  template: string;
  /** Tokens a model of verbosity 1 answers with. */
  expectedOutputTokens: number;
  /** Tokens of the cacheable prefix (system prompt, shared context); 0 = none. */
  cacheablePrefixTokens: number;
  /** Identity of that prefix: equal ids are the same bytes (cache hits). 0 = none. */
  prefixId: number;
}

export interface GeneratedRequest {
  request: RouteRequest;
  hidden: HiddenLabels;
}

/** Benchmarks the catalog carries (0–1), as in ../shared/data/model-facts.csv. */
export const BENCHMARK_NAMES = [
  'mmlu',
  'mmlu-pro',
  'gsm8k',
  'math',
  'humaneval',
  'mbpp',
  'gpqa',
  'arena-hard',
] as const;
export type BenchmarkName = (typeof BENCHMARK_NAMES)[number];

/** Target accuracy of a model in one domain, and where the number came from. */
export interface DomainTarget {
  /** P(correct) on this domain's traffic, in (0, 1). */
  accuracy: number;
  /** e.g. "mmlu 0.864" or "assumption: mean z of the model's other scores". */
  source: string;
}

/** Confidence-signal dials of one model (see simulation-model.md). */
export interface ConfidenceSpec {
  /** logprob confidence = σ(kappa·margin + η); higher = sharper. */
  kappa: number;
  /** Standard deviation of η. */
  sigmaEta: number;
  /** Offset on the logit scale: logprob confidence = σ(kappa·margin + logprobBias + η). @default 0 */
  logprobBias?: number;
  /** Self-rated certainty overconfidence, added on the logit scale. */
  selfRatedBias: number;
  /**
   * Self-rated certainty = σ(selfRatedSharpness·kappa·margin + selfRatedBias + ν): it tracks the
   * margin at this fraction of κ (a robustness move or the scenario's world.confidence sets it per
   * model to put the self-rated AUROC where asked without touching the logprob signal).
   * @default SELF_RATED_SHARPNESS (0.5, src/world/confidence-signals.ts)
   */
  selfRatedSharpness?: number;
  /** Standard deviation of ν, the self-rated noise. @default sigmaEta */
  selfRatedSigma?: number;
}

/** Reasoning effort levels, as OpenAI's `reasoning_effort` (and Gemini's OpenAI-compatible API) names them. */
export const REASONING_EFFORTS = ['low', 'medium', 'high'] as const;
export type ReasoningEffort = (typeof REASONING_EFFORTS)[number];

/** How a caller steers a model's hidden reasoning (one call, or a model's configured default). */
export interface ReasoningSetting {
  /** Effort level; undefined = the provider's default (OpenAI medium, Gemini dynamic). */
  effort?: ReasoningEffort | undefined;
  /** Anthropic `thinking.budget_tokens`; undefined or 0 = thinking off. Used by control 'budget' only. */
  budgetTokens?: number | undefined;
}

/**
 * Hidden reasoning ("thinking") of a reasoning model (simulation-model.md, "Reasoning models";
 * the draw is src/world/reasoning.ts). Every number has its source in `source`.
 */
export interface ReasoningSpec {
  /**
   * 'effort': OpenAI o-series, always reasons, `reasoning_effort` low/medium/high (default medium);
   * 'dynamic': Gemini 2.5 Pro, reasons by its own measure unless an effort is sent (which caps the
   * thinking budget), cannot be disabled; 'budget': Anthropic extended thinking, off unless
   * `budget_tokens` ≥ 1,024 is sent.
   */
  control: 'effort' | 'dynamic' | 'budget';
  /** The provider's default effort when none is sent (OpenAI: medium); absent = dynamic or off. */
  defaultEffort?: ReasoningEffort | undefined;
  /** The setting calls get when they carry none: the scenario's knob, else the provider default. */
  setting: ReasoningSetting;
  /**
   * Median hidden tokens of a typical request (difficulty μ) of the anchor domain (code: the
   * measurements are Artificial Analysis's medium_coding workload) at the provider default.
   */
  medianTokens: number;
  /** Log-normal σ of the count for one request. */
  sigma: number;
  /** Median multiplier per effort, relative to the provider default. @default 1 */
  effortScale: Partial<Record<ReasoningEffort, number>>;
  /** Most hidden tokens per effort ('dynamic' = none sent), e.g. Gemini's thinking budgets. */
  effortCap: Partial<Record<ReasoningEffort | 'dynamic', number>>;
  /**
   * Accuracy shift on the probit scale per effort and domain, relative to the provider default
   * (where the catalog's quality targets hold); a missing entry = 0 (no published figure).
   */
  accuracyShift: Partial<Record<ReasoningEffort, Partial<Record<Domain, number>>>>;
  /**
   * Tokens an application adds to max_tokens for the hidden reasoning when the effort sets no cap
   * (OpenAI's reasoning guide: reserve at least 25,000 for reasoning and output).
   */
  headroomTokens: number;
  /** Where every number came from, or "assumption" with the reason. */
  source: string;
}

/** One model of the catalog. Price fields use LiteLLM's names, USD per token. */
export interface ModelSpec {
  /** Model id as the provider's API names it, e.g. "gpt-4o-mini". */
  id: string;
  /** Provider key, e.g. "openai"; a key of Catalog.providers. */
  provider: string;
  displayName: string;
  input_cost_per_token: number;
  output_cost_per_token: number;
  cache_read_input_token_cost?: number;
  cache_creation_input_token_cost?: number;
  max_input_tokens: number;
  max_output_tokens: number;
  /**
   * Median time to first token for a short prompt, ms. For a reasoning model, without hidden
   * thinking (the world decodes thinking on top): see measuredFirstChunkMs.
   */
  ttftMedianMs: number;
  /** Log-normal σ of TTFT. @default 0.35 */
  ttftSigma: number;
  /** Median decode speed, output tokens per second. */
  decodeTokensPerSecond: number;
  /** Log-normal σ of decode speed. @default 0.2 */
  decodeSigma: number;
  /**
   * Where the four latency figures come from: the third-party measurement (who, which API,
   * when, medians and P5–P95), or the facts row and its placeholder replacements, or the
   * defaults. Written by `routesim models import`; absent in hand-written catalogs.
   */
  latencySource?: string;
  /**
   * A reasoning model's measured median first-chunk time, ms, which includes its hidden
   * thinking (so ttftMedianMs + thinking tokens / decode speed ≈ this). Absent otherwise.
   */
  measuredFirstChunkMs?: number;
  /** Output-length multiplier (strong models often answer longer). @default 1 */
  verbosity: number;
  benchmarks: Partial<Record<BenchmarkName, number>>;
  /** Target accuracy per domain (calibrates θ(m, d)). */
  quality: Record<Domain, DomainTarget>;
  confidence: ConfidenceSpec;
  /** Hidden reasoning; absent = the model does not reason (reasoningTokens always 0). */
  reasoning?: ReasoningSpec | undefined;
  /** Where the figures came from and which were overridden. */
  notes?: string;
}

export interface ProviderSpec {
  wire: WireFormat;
  /** The provider's real base URL, e.g. "https://api.openai.com/v1". The mocks answer it in-process. */
  baseUrl: string;
  /** Concurrent calls served before queueing (FIFO). */
  capacity: number;
  /** Requests per minute per key. */
  rpm: number;
  /** Tokens per minute per key (prompt tokens + max_tokens, as providers count). */
  tpm: number;
  /** Minimum cacheable prefix, tokens. @default 1024 */
  cacheMinTokens: number;
  /** Cache lifetime, ms, refreshed on hit. @default 300000 */
  cacheTtlMs: number;
}

export interface Catalog {
  /** Free text: sources and licences. */
  source: string;
  providers: Record<string, ProviderSpec>;
  models: ModelSpec[];
}

/** Per-domain parameters of the quality model (fixtures/domains.json). */
export interface DomainParams {
  /** Mean difficulty μ_d. */
  mu: number;
  /** Difficulty spread σ_d. */
  sigma: number;
  /** Loading a_d of the hidden hardness z_i shared by all models. */
  a: number;
  /** Loading c_d of the per-(request, model) knowledge u(i, m). a² + c² ≤ 1. */
  c: number;
  /** 'verifiable' → score 0/1; 'open' → score Φ(margin / tau). */
  grading: 'verifiable' | 'open';
  /** Judge-style grade temperature for open-ended domains. */
  tau: number;
  /** Number of plausible wrong answers K. */
  wrongAnswers: number;
  /** Probability mass of the most common wrong answer among wrong ones. */
  commonMistakeWeight: number;
  /** Benchmark the domain's targets come from, or null when assumed. */
  benchmark: BenchmarkName | null;
  /** Why the numbers are what they are. */
  notes: string;
}

// ── Faults ─────────────────────────────────────────────────────────────────

export type FaultKind = 'error' | 'timeout' | 'slow' | 'partial' | 'reset' | 'rate_limit';

/** A fault window in virtual time, already resolved from the scenario (fixed or MTBF/MTTR-drawn). */
export interface FaultWindow {
  kind: FaultKind;
  provider: string;
  /** Restrict to one model of the provider; undefined = every model. */
  model?: string;
  startMs: number;
  endMs: number;
  /** HTTP status for 'error' (500/502/503; 529 for Anthropic overload). */
  status?: number;
  /** Error probability for 'partial'. */
  probability?: number;
  /** Latency multiplier for 'slow'. */
  factor?: number;
  /** retry-after for 'rate_limit', ms. */
  retryAfterMs?: number;
}

// ── Calls ──────────────────────────────────────────────────────────────────

export interface CallInput {
  /** Index of the simulated request this call belongs to; undefined when it matches none (ungraded). */
  requestIndex: number | undefined;
  /** Catalog model id. */
  model: string;
  /** Virtual time the call reaches the provider, ms. Calls must be made in non-decreasing time. */
  startMs: number;
  /** 0-based attempt number of this (request, model) pair; keys latency and fault draws. */
  attempt: number;
  /** Prompt tokens as sent (the world trusts the caller's tokenizer). */
  promptTokens: number;
  /** max_tokens as sent. */
  maxTokens: number;
  /** Provider key to bill rate limits to. @default the model's provider */
  provider?: string;
  /**
   * Reasoning setting the call carries (`reasoning_effort`, Anthropic `thinking`).
   * @default the model's configured setting (ReasoningSpec.setting)
   */
  reasoning?: ReasoningSetting | undefined;
}

export type CallErrorKind =
  | 'rate_limit'
  | 'insufficient_quota'
  | 'server_error'
  | 'overloaded'
  | 'timeout'
  | 'network'
  | 'context_length'
  | 'not_found';

/** Rate-limit state reported in headers. */
export interface RateLimitSnapshot {
  limitRequests: number;
  remainingRequests: number;
  /** ms until the request window frees one slot. */
  resetRequestsMs: number;
  limitTokens: number;
  remainingTokens: number;
  resetTokensMs: number;
}

export interface CallError {
  kind: CallErrorKind;
  /** HTTP status the provider answers with; 0 for a dropped connection or a hang. */
  status: number;
  message: string;
  /** Virtual time the caller observes the error, ms (Infinity for a hang: the client gives up). */
  atMs: number;
  /** For 429s: time until capacity frees, whole ms. */
  retryAfterMs?: number;
  /** For rate limits: which limit tripped. */
  limitType?: 'requests' | 'tokens';
  rateLimit?: RateLimitSnapshot;
}

export interface Usage {
  promptTokens: number;
  completionTokens: number;
  /** Prompt tokens served from the prompt cache (billed at the cache-read rate). */
  cachedTokens: number;
  /** Prompt tokens written to the cache (Anthropic bills these). */
  cacheCreationTokens: number;
  /**
   * Hidden reasoning ("thinking") tokens, already included in completionTokens and billed as
   * output; 0 for a model that does not reason (or reasons with effort off).
   */
  reasoningTokens: number;
}

export interface CallTiming {
  startMs: number;
  /** Wait for a free slot at the provider. */
  queueMs: number;
  /** Time to first token after the slot was taken. */
  ttftMs: number;
  /** Decode time after the first token. */
  decodeMs: number;
  /** startMs + queueMs + ttftMs + decodeMs. */
  endMs: number;
}

/** The world's verdict on one answered call. */
export interface Outcome {
  /** Latent margin; correct ⇔ margin > 0. */
  margin: number;
  correct: boolean;
  /** In [0, 1]; 0/1 for verifiable domains. */
  score: number;
  /** 0 = the right answer; 1..K = one of the request's plausible wrong answers. */
  answerId: number;
  /** Logprob confidence in (0, 1). */
  logprobConfidence: number;
  /** Self-rated certainty in (0, 1): free, poorly calibrated. */
  selfRatedCertainty: number;
}

export interface AnsweredCall {
  /** Unique, deterministic response id (the grading key). */
  id: string;
  requestIndex: number | undefined;
  model: string;
  provider: string;
  /** 0-based sample: the s-th answered call of this model for this request. */
  sample: number;
  outcome: Outcome;
  /** Answer text (deterministic; encodes answerId for self-consistency). */
  text: string;
  usage: Usage;
  costUsd: number;
  timing: CallTiming;
  finishReason: 'stop' | 'length';
  rateLimit: RateLimitSnapshot;
  /** True when the call matched no simulated request. */
  ungraded: boolean;
  /**
   * Set on a judge call's answer: the response id it judged. A judge response is not an
   * answer to the request; the harness must not grade it as one.
   */
  judgeOf?: string;
}

export type CallResult = { ok: true; call: AnsweredCall } | { ok: false; error: CallError };

// ── The world ──────────────────────────────────────────────────────────────

/** A judge call: priced and timed like any call; its verdict is the truth flipped with probability ε. */
export type JudgeResult =
  | { ok: true; call: AnsweredCall; verdict: boolean }
  | { ok: false; error: CallError };

/** Every answered call, by response id. */
export interface Ledger {
  get(responseId: string): AnsweredCall | undefined;
  readonly size: number;
  entries(): IterableIterator<AnsweredCall>;
  /** Drop the entries of a finished request (bounded memory in long runs). */
  forgetRequest(requestIndex: number): void;
}

export interface World {
  readonly seed: number;
  /** The effective catalog (scenario overrides applied). */
  readonly catalog: Catalog;
  readonly ledger: Ledger;
  model(id: string): ModelSpec | undefined;
  /** Fault windows in force (fixed and MTBF/MTTR-drawn), for reports. */
  readonly faults: readonly FaultWindow[];
  /** Answer one call. Calls must arrive in non-decreasing startMs. Pure given the call sequence. */
  call(input: CallInput): CallResult;
  /** Ask `input.model` to judge `answer`; ε = flip probability. */
  judge(input: CallInput, answer: AnsweredCall, epsilon: number): JudgeResult;
  /** Forget per-request state (sample counters, ledger entries) once a request is done. */
  release(requestIndex: number): void;
}

// ── Recorded outcomes (replay) ─────────────────────────────────────────────

/**
 * Outcomes looked up instead of drawn: a per-prompt table replayed as traffic (RouteLLM's CSV,
 * MT-Bench judgements, a JSONL of scores, or labels in a team's own log). Added for replay.
 */
export interface OutcomeSource {
  /**
   * Recorded score in [0, 1] of catalog model `model` answering request `requestIndex` for the
   * `sample`-th time; undefined = nothing recorded, the quality model draws the outcome.
   */
  score(requestIndex: number, model: string, sample: number): number | undefined;
}
