/**
 * The catalog vocabulary: providers, models, their prices, quality targets, confidence dials and
 * hidden reasoning, and the per-domain quality parameters. Pure data: no I/O, no clock.
 */

import type { Domain } from './request.ts';

/**
 * Wire formats a provider may speak: OpenAI Chat Completions (every non-Anthropic provider of the
 * catalog offers an OpenAI-compatible API), Anthropic Messages, Google's native Gemini API. Each
 * has its adapter in src/mock/formats.ts (the registry is typed over this list).
 */
export const WIRE_FORMAT_NAMES = ['openai', 'anthropic', 'gemini'] as const;
export type WireFormat = (typeof WIRE_FORMAT_NAMES)[number];

/** What the world and the scenario must know of a wire format (the adapter knows the rest). */
export interface WireFormatFacts {
  /**
   * HTTP status of an overload or outage when a fault names none: 503 (OpenAI's "server is
   * overloaded", Google's UNAVAILABLE), 529 (Anthropic's overloaded_error).
   */
  overloadStatus: number;
  /**
   * The one host of a format only its own vendor serves: a scenario that switches a provider to
   * it (`providers.<key>.wire`) and gives no `baseUrl` gets it. Google's native Gemini API lives
   * only at generativelanguage.googleapis.com (its SDK's default base URL).
   */
  host?: string;
}

export const WIRE_FORMAT_FACTS: Readonly<Record<WireFormat, WireFormatFacts>> = {
  openai: { overloadStatus: 503 },
  anthropic: { overloadStatus: 529 },
  gemini: { overloadStatus: 503, host: 'https://generativelanguage.googleapis.com' },
};

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
