/**
 * A scenario after validation and normalisation: every duration is in milliseconds,
 * every rate in requests per second, defaults filled in. The file format (YAML/JSON,
 * durations like "30s") lives in schema.ts; this is what the rest of routesim reads.
 */

import type { Domain, FaultConfig, WireFormat } from '../contracts/index.ts';
import type { ConfidenceTargets } from '../world/confidence-targets.ts';

export interface Scenario {
  version: 1;
  name: string;
  description: string;
  seed: number;
  /**
   * World seeds per scenario strategy (`seeds:` or --seeds; contracts/world-seed.ts); only set when
   * written, so a scenario without it keeps its results.json bytes. @default undefined (1)
   */
  seeds?: number;
  /** Virtual duration, ms. */
  durationMs: number;
  /** Window for over-time series, ms; undefined → duration / 96 rounded to a minute. */
  windowMs: number | undefined;
  /** Path of a catalog JSON, resolved relative to the scenario file; undefined → bundled catalog. */
  catalog: string | undefined;
  traffic: Traffic;
  providers: Record<string, ProviderConfig>;
  /** Candidate model ids the strategies may route to (default: every model of the listed providers). */
  models: string[];
  slo: { latencyMs: number } | undefined;
  /** Reference strategy for savings. @default "always-strongest" */
  reference: string;
  strategies: StrategyConfig[];
  /** k6-style thresholds, e.g. { "latency{strategy:cascade}": ["p(95) < 4000"] }. */
  thresholds: Record<string, string[]>;
  /** The scenario's `limits:` block as written (defaults: scenario/limits.ts). @default undefined */
  limits?: ScenarioLimits;
  /** Changes to the simulated world itself, e.g. confidence signals of a stated AUROC. @default undefined */
  world?: ScenarioWorld;
}

/** Limits on the strategies' own code (defaults DEFAULT_FAILED_SHARE, DEFAULT_CALLS_PER_REQUEST). */
export interface ScenarioLimits {
  /** Share of a strategy's requests failed by its own code above which a run exits 1, [0, 1]. */
  failedShare?: number;
  /** Calls one request may make. */
  callsPerRequest?: number;
}

/** The scenario's `world:` block. */
export interface ScenarioWorld {
  /** Confidence-signal AUROCs to solve each model's profile for (src/world/confidence-targets.ts). */
  confidence?: ConfidenceTargets;
}

export interface Traffic {
  /** With a replay whose times come from its log: unused (no stages, rate 0). */
  arrival: Arrival;
  /** Empty with a replay. */
  mix: MixEntry[];
  tiers: TierEntry[];
  /** Replay recorded traffic instead of generating it (src/traffic/replay). Added for replay. */
  replay?: ReplayConfig;
}

export type ReplayFormat = 'routellm-csv' | 'outcomes-jsonl' | 'mt-bench' | 'openai-log';

export interface ReplayConfig {
  format: ReplayFormat;
  /** The table or log, absolute (mt-bench: judgements.jsonl). */
  path: string;
  /** mt-bench: question.jsonl, absolute. */
  questions?: string;
  /** Table model name → catalog model id; empty = the table's names are catalog ids. */
  models: Record<string, string>;
  /** A fixed domain, 'classify', or undefined = the format's default (mt-bench: its categories; others: classify). */
  domain?: Domain | 'classify';
  /** Where arrival times come from: the log's `time` fields, or traffic.arrival (tables always). */
  times: 'log' | 'arrival';
  /** Replay one part of a keyed prompt split (src/learn/split.ts) instead of every row. */
  split?: ReplaySplit;
  /**
   * Replay only the rows traffic.arrival has slots for when it gives fewer than the source has
   * (times 'arrival'); otherwise that is an input error. @default false
   */
  sample?: boolean;
}

/** A part of a reproducible train/test split of a table's prompts. */
export interface ReplaySplit {
  /** Share of each category held out as the test part, in (0, 1). */
  share: number;
  seed: number;
  part: 'train' | 'test';
}

/** Open-loop arrival process. Rate in requests per second. */
export interface Arrival {
  /** poisson: exponential gaps; uniform: evenly spaced at the instantaneous rate. */
  process: 'poisson' | 'uniform';
  /** Piecewise-linear rate: k6 `ramping-arrival-rate` stages; a constant rate is one flat stage. */
  startRate: number;
  stages: { durationMs: number; target: number }[];
  /** Multiplier 1 + amplitude·cos(2π(t − peak)/24h); undefined = flat. */
  diurnal: { amplitude: number; peakMs: number } | undefined;
  /** Extra load: rate × multiplier inside [startMs, startMs + durationMs). */
  bursts: { startMs: number; durationMs: number; multiplier: number }[];
}

export interface MixEntry {
  /** Either a domain (all its templates) or one template id. */
  domain?: Domain;
  template?: string;
  weight: number;
}

export interface TierEntry {
  name: string;
  weight: number;
}

export interface ProviderConfig {
  /** Overrides of the catalog's provider defaults. */
  capacity?: number;
  rpm?: number;
  tpm?: number;
  /** Restrict to these catalog models of the provider (default all). */
  models?: string[];
  /** Per-model price overrides, LiteLLM field names. */
  prices?: Record<string, PriceOverride>;
  /** Per-model reasoning settings (effort or thinking budget) for every call. */
  reasoning?: Record<string, ReasoningKnob>;
  faults: FaultConfig[];
  /** Wire format override (the wire engine, `serve`). @default the catalog's */
  wire?: WireFormat;
  /** Base URL in that format. @default the catalog's, or the format's own host (WIRE_FORMAT_FACTS) */
  baseUrl?: string;
}

/** A reasoning model's scenario setting (validated against the catalog in check-reasoning.ts). */
export interface ReasoningKnob {
  /** reasoning_effort; 'none' only reaches validation, which refuses it. */
  effort?: 'none' | 'low' | 'medium' | 'high' | undefined;
  /** Anthropic thinking budget_tokens; 0 = off. */
  budget?: number | undefined;
}

export interface PriceOverride {
  input_cost_per_token?: number;
  output_cost_per_token?: number;
  cache_read_input_token_cost?: number;
  cache_creation_input_token_cost?: number;
  max_input_tokens?: number;
  max_output_tokens?: number;
}

export interface StrategyConfig {
  /**
   * The label results, reports, --strategies, thresholds and `reference` know the strategy by:
   * a built-in's name, a label given to a built-in (with `strategy`), or a user module's label.
   */
  name: string;
  /**
   * The built-in this entry configures when `name` is a label of the user's choosing (two
   * cascades in one scenario). Absent when the label is the built-in's own name.
   * @default name
   */
  strategy?: string;
  /** Path of a user module (issue 5). */
  module?: string;
  options: Record<string, unknown>;
}
