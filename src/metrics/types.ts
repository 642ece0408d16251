/**
 * What `computeMetrics` produces: plain JSON-ready numbers (no typed arrays), exactly as
 * /work/shared/metrics.md defines them. Units are in the names or the JSDoc: USD, ms, shares in
 * [0, 1], quality as a score in [0, 1] (a "point" is 0.01). Rounding for output is the report's job.
 */
import type { STATUS_NAMES } from '../engine/types.ts';
import type { UsageTotals } from '../engine/usage-totals.ts';
import type { StrategyFamily } from '../strategies/types.ts';
import type { RobustnessMetrics } from './robustness-types.ts';

/** Failure kinds (the kind of the last attempt), STATUS_NAMES without 'answered'. */
export type FailureKind = Exclude<(typeof STATUS_NAMES)[number], 'answered'>;

/** What a run is: a scenario strategy, one knob value of a knobbed strategy, or one model alone. */
export type RunKind = 'strategy' | 'sweep' | 'single';

/** A 95% bootstrap interval of a difference (strategy − reference). */
export interface Interval {
  /** The difference on the original sample. */
  estimate: number;
  /** Nearest-rank ⌈0.025·B⌉-th smallest resampled difference. */
  low: number;
  /** Nearest-rank ⌈0.975·B⌉-th smallest resampled difference. */
  high: number;
  /** False when [low, high] contains 0 (an end at exactly 0 contains it). */
  significant: boolean;
}

/** Cost of a run or slice, USD. */
export interface CostMetrics {
  /** Sum of every billed call (shadow calls excluded), USD. */
  totalUsd: number;
  /** totalUsd / requests, USD; 0 when there are no requests. */
  perRequestUsd: number;
  /** perRequestUsd × 1,000, USD per 1,000 requests. */
  per1kUsd: number;
  /** perRequestUsd × mean arrival rate (requests / duration) × 24 h, USD per day. */
  perDayUsd: number;
  /** perDayUsd × 30, USD per month. */
  perMonthUsd: number;
  /** Shadow-evaluation cost, USD, reported separately; 0 for slices (not attributed per request). */
  shadowUsd: number;
}

/** Latency over answered requests, ms, nearest-rank quantiles. */
export interface LatencySummary {
  /** Answered requests in the sample. */
  count: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
  /** Time to first token quantiles over answered requests with a TTFT, ms; null when none has one. */
  ttftP50: number | null;
  ttftP95: number | null;
}

/** Answered requests per model. */
export interface ModelShare {
  /** Answered requests the model gave the final answer for. */
  count: number;
  /** count / answered requests of the run (0 when none answered). */
  share: number;
}

/** Every per-request metric of a run, or of one slice (domain or tier) of it. */
export interface SliceMetrics {
  /** Requests in the run or slice. */
  requestCount: number;
  cost: CostMetrics;
  /** 1 − cost / cost(reference) over the same requests; null for the reference or when that cost is 0. */
  savings: number | null;
  quality: {
    /** Mean score over all requests (failed = 0), in [0, 1]; 0 when there are no requests. */
    mean: number;
    /** mean / mean(reference); null for the reference or when the reference's mean is 0. */
    relative: number | null;
  };
  /** Answered / all, in [0, 1]; 0 when there are no requests. */
  answeredRate: number;
  /** Share of all requests answered within scenario.slo.latencyMs; null when the scenario has no SLO. */
  goodput: number | null;
  /** null when no request was answered. */
  latency: LatencySummary | null;
  /** Failed requests by the kind of their last attempt (counts; every kind present). */
  failures: Record<FailureKind, number>;
  /** Share of requests sent past the first model because confidence was low. */
  escalationRate: number;
  /** Share of requests sent past the first-choice model because of a fault. */
  fallbackRate: number;
  /** Per candidate model of the run (scenario order), including models with count 0. */
  modelShare: Record<string, ModelShare>;
}

/** Per-window series over virtual time; arrays are parallel, one entry per window. */
export interface WindowSeries {
  /** Window start, ms since the scenario start. */
  startMs: number[];
  /** Requests that arrived in the window. */
  requests: number[];
  /** USD billed for those requests. */
  costUsd: number[];
  /** Answered / requests; null for an empty window. */
  answeredRate: (number | null)[];
  /** Failed / requests; null for an empty window. */
  errorRate: (number | null)[];
  /** Nearest-rank p95 latency of the window's answered requests, ms; null when none. */
  p95: (number | null)[];
}

export interface StrategyMetrics extends SliceMetrics {
  /** Run label, e.g. "cascade", "cascade@0.7", "always-gpt-4o". */
  name: string;
  family: StrategyFamily;
  kind: RunKind;
  /** Knob value of a sweep point. */
  knobValue?: number;
  /** For a sweep point: the scenario strategy it belongs to. */
  parent?: string;
  slices: {
    /** Keyed by domain name; only domains that occur in the stream. */
    domain: Record<string, SliceMetrics>;
    /** Keyed by tier name, every scenario tier. */
    tier: Record<string, SliceMetrics>;
  };
  /**
   * Paired-bootstrap differences from the reference (this − reference); null for the reference.
   * cost: Δ mean cost per request, USD; quality: Δ mean quality in points (×100);
   * p95: Δ nearest-rank p95 latency, ms (null when either run answered nothing).
   */
  difference: { cost: Interval; quality: Interval; p95: Interval | null } | null;
  series: WindowSeries;
  /** Shadow evaluation, for a strategy run with the `shadow` option only. */
  shadow?: ShadowMetrics;
  /**
   * (Optional.) Tokens, hidden reasoning and prompt caching of the run's billed calls (shadow calls
   * excluded). Absent in results.json files written before it existed.
   */
  usage?: UsageMetrics;
}

/** A run's usage totals (src/engine/usage-totals.ts: every field's unit) with two shares. */
export interface UsageMetrics extends UsageTotals {
  /** reasoningUsd / cost.totalUsd, in [0, 1]; null when the run cost nothing. */
  reasoningCostShare: number | null;
  /** cachedTokens / promptTokens, in [0, 1]; null when no prompt tokens were sent. */
  cachedInputShare: number | null;
}

/**
 * Shadow evaluation of one run (src/strategies/shadow.ts): a keyed sample of requests re-sent to a
 * reference model, and how often the two answers disagreed — an upper bound on "the routed answer
 * was worse", since the reference can be the wrong one.
 */
export interface ShadowMetrics {
  /** The reference model. */
  reference: string;
  /** Share of requests sampled, [0, 1]. */
  share: number;
  /** Requests sampled for a shadow call. */
  sampled: number;
  /** Sampled requests where both answers arrived. */
  compared: number;
  /** Compared requests whose answers differ (final-answer label). */
  disagreed: number;
  /** Sampled requests the strategy failed while the reference answered. */
  routedFailed: number;
  /** Sampled requests whose shadow call failed (nothing to compare). */
  referenceFailed: number;
  /** disagreed / compared, [0, 1]; null when nothing was compared. */
  disagreementRate: number | null;
  /** 95% Wilson score interval of disagreementRate; null when nothing was compared. */
  disagreementInterval: { low: number; high: number } | null;
}

/** One (c, r) point of a knob sweep. */
export interface KnobPoint {
  value: number;
  /** Share of requests on which the strong model was called, in [0, 1]. */
  c: number;
  /** Quality, in [0, 1]. */
  r: number;
  /** (r − rWeak) / (rStrong − rWeak); null when undefined (see nullReason). */
  pgr: number | null;
}

export interface KnobbedMetrics {
  strategy: string;
  knob: string;
  weak: string;
  strong: string;
  /** Quality of always-<weak>; null when that run is missing. */
  rWeak: number | null;
  rStrong: number | null;
  /** Sweep points in knob order. */
  points: KnobPoint[];
  apgr: number | null;
  /** Smallest c at which PGR reaches 50% (running max, linear interpolation). */
  cpt50: number | null;
  cpt80: number | null;
  /** Why apgr/cpt are null, e.g. "r_strong (0.61) ≤ r_weak (0.64)"; null when they are set. */
  nullReason: string | null;
  /**
   * (Optional.) Bootstrap 95% intervals of apgr, cpt50 and cpt80; set by computeMetrics when they
   * are defined. Absent in results.json files written before it existed.
   */
  intervals?: KnobbedIntervals;
  /**
   * Set when a sweep point's quality exceeds r_strong (PGR > 1): the knob's strong model is not
   * the best on this traffic, and APGR above 1 is not a success (metrics.md). null otherwise;
   * absent in results.json files written before it existed.
   */
  strongNotBest?: StrongNotBest | null;
}

/** A knob whose strong model is beaten by one of its own sweep points (PGR > 1). */
export interface StrongNotBest {
  /** The largest PGR of the sweep (> 1). */
  maxPgr: number;
  /** The knob value where it occurs. */
  at: number;
  /** That point's quality (> r_strong). */
  quality: number;
  /** The best single model on this traffic and its quality, when the single-model runs exist. */
  bestModel: { model: string; quality: number } | null;
  /** In words, for results.json readers. */
  reason: string;
}

/** An interval's ends; null when no resample had the metric (every one had r_strong ≤ r_weak). */
export interface IntervalEnds {
  /** Nearest-rank ⌈0.025·B′⌉-th smallest resampled value (B′ = resamples with the metric). */
  low: number | null;
  /** Nearest-rank ⌈0.975·B′⌉-th smallest resampled value. */
  high: number | null;
}

/**
 * Bootstrap 95% percentile intervals of a knobbed strategy's APGR and CPT (metrics.md,
 * Significance): r_weak, r_strong and every sweep point re-measured on the same resampled requests.
 */
export interface KnobbedIntervals {
  /** The run's resampling scheme (as in results.json `intervals`: same seed, same block length). */
  method: 'paired-bootstrap' | 'block-bootstrap';
  /** Resamples B: the first B of the run's own resamples (fewer than its Δ intervals use: cost). */
  resamples: number;
  /** Resamples on which r_strong ≤ r_weak (no APGR or CPT): left out of every interval. */
  undefinedResamples: number;
  apgr: IntervalEnds;
  /** Share of requests calling the strong model, like cpt50 itself. */
  cpt50: IntervalEnds;
  cpt80: IntervalEnds;
}

/** A point of the cost–quality plane. */
export interface HullPoint {
  /** Mean cost per request, USD. */
  costPerRequestUsd: number;
  /** Quality in [0, 1]. */
  quality: number;
}

export interface CostQualityPoint extends HullPoint {
  name: string;
  kind: RunKind;
  /** The scenario strategy (or `always-<model>`) the point belongs to. */
  group: string;
}

export interface ResearchMetrics {
  knobbed: KnobbedMetrics[];
  /** Every strategy, sweep point and single model, in run order (oracle excluded). */
  costQualityPoints: CostQualityPoint[];
  /** NDCH vertices per group (a scenario strategy with its sweep points), by increasing cost. */
  ndch: Record<string, HullPoint[]>;
  aiq: {
    /** [c_min, c_max], USD per request: spans every point of every strategy and single model. */
    interval: [number, number];
    /** AIQ per scenario strategy (its own point plus its sweep points). */
    byStrategy: Record<string, number>;
    /** AIQ of the zero router over the same interval. */
    zeroRouter: number;
  };
  /** NDCH of the single-model points. */
  zeroRouter: HullPoint[];
  oracle: HullPoint;
  /** The judge-ε study, when the scenario runs a judge cascade (simulate adds it after the metrics). */
  judgeEpsilon?: JudgeEpsilonMetrics;
}

/**
 * results.json `research` of a run that did not run the research units (`simulate --no-research`):
 * no sweep points and no single models besides the reference, so APGR, CPT, AIQ, NDCH, the knob
 * curves, the cost–quality hull and the judge-ε study are not computed. Tell it from
 * ResearchMetrics by `notRun` (research-not-run.ts researchRan).
 */
export interface ResearchNotRun {
  notRun: true;
  /** Why, in words, e.g. "simulate --no-research: …". */
  reason: string;
}

/**
 * How a judge cascade's quality and cost move with the judge's flip probability ε
 * (src/run/judge-epsilon.ts): the scenario's cascade re-run at each ε over the head of the stream.
 */
export interface JudgeEpsilonMetrics {
  /** The scenario strategy studied (a cascade with confidence "judge"). */
  strategy: string;
  /** Its judge model. */
  judgeModel: string;
  /** Its own ε (one of the points). */
  epsilon: number;
  /** Requests per point: the first `count` of the stream. */
  count: number;
  /** One point per ε, ascending. */
  points: JudgeEpsilonPoint[];
}

/** One ε of the judge-ε study (src/run/judge-epsilon.ts). */
export interface JudgeEpsilonPoint {
  epsilon: number;
  /** Requests run. */
  count: number;
  /** Mean score, failed = 0, [0, 1]. */
  quality: number;
  /** Mean billed USD per request (answers, escalations and judge calls). */
  costPerRequestUsd: number;
  /** Mean USD per request spent on judge calls. */
  judgeCostPerRequestUsd: number;
  /** Judge calls per request. */
  judgeCallsPerRequest: number;
  /** Share of requests escalated past the first rung (low confidence = a negative verdict). */
  escalationRate: number;
}

/** The oracle bound (faults off): one point and its cost. */
export interface OracleMetrics {
  cost: CostMetrics;
  quality: number;
  modelShare: Record<string, ModelShare>;
}

/** A threshold's measured value, computed from the columns when the metrics are computed. */
export interface ThresholdActual {
  /** ParsedThreshold.source, e.g. 'latency{strategy:cascade}: p(95) < 4000'. */
  source: string;
  /** The aggregated value; null when the metric had no samples (or no SLO for goodput). */
  actual: number | null;
  /** Samples the aggregation ran over. */
  samples: number;
  /** Why actual is null, else ''. */
  reason: string;
}

export interface SimulationMetrics {
  requestCount: number;
  /** Virtual duration of the scenario, ms. */
  durationMs: number;
  window: {
    /** Window length, ms. */
    ms: number;
    /** Number of windows. */
    count: number;
  };
  /** Name of the reference strategy. */
  reference: string;
  /** One entry per run: scenario strategies, sweep points and single models, in run order. */
  strategies: StrategyMetrics[];
  oracle: OracleMetrics;
  /** The routing-research metrics, or why they were not computed (`simulate --no-research`). */
  research: ResearchMetrics | ResearchNotRun;
  intervals: {
    method: 'paired-bootstrap' | 'block-bootstrap';
    resamples: number;
    level: 0.95;
    seed: number;
    /** Block length of the block bootstrap, ms. */
    blockMs?: number;
    /**
     * With k > 1 world seeds only (`--seeds k`): which interval the Δ columns show, e.g.
     * "two-level bootstrap: 5 world seeds × requests" (absent: `method` over requests or blocks).
     */
    label?: string;
    /** With k > 1 world seeds only: the world seeds, j = 0 … k − 1 (contracts/world-seed.ts). */
    worldSeeds?: number[];
  };
  /** Measured values of the scenario's thresholds, in file order (evaluateThresholds reads them). */
  thresholds: ThresholdActual[];
  /** The robustness verdict (simulate adds it after the metrics; absent with --no-robustness). */
  robustness?: RobustnessMetrics;
  /** With k > 1 world seeds only: each reseeded run's headline in every world (the spread). */
  seeds?: WorldSeedSpread;
}

/**
 * How much the world's own randomness moves each re-seeded run (`--seeds k`, k > 1): its headline
 * per world seed, seed order (index j of intervals.worldSeeds). The run's whole-run metrics above
 * are the mean over these worlds.
 */
export interface WorldSeedSpread {
  /** The world seeds, j = 0 … k − 1. */
  worldSeeds: number[];
  strategies: {
    name: string;
    /** Mean cost per request per world, USD. */
    costPerRequestUsd: number[];
    /** Mean quality per world, in [0, 1]. */
    quality: number[];
    /** Nearest-rank p95 latency per world, ms; null where nothing was answered. */
    p95Ms: (number | null)[];
    /** Answered / requests per world. */
    answeredRate: number[];
  }[];
}

/** One evaluated threshold. */
export interface ThresholdResult {
  /** The key, e.g. 'latency{strategy:cascade}'. */
  key: string;
  /** The expression, e.g. 'p(95) < 4000'. */
  expression: string;
  actual: number | null;
  pass: boolean;
  /** Why it failed or passed, e.g. "p(95) = 4210 ≥ 4000" or "no samples". */
  reason: string;
}
