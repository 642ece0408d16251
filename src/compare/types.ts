/**
 * What `routesim compare` measures: per strategy, the change from a baseline run to the current
 * run in mean cost per request, quality and p95 latency, each with a 95% bootstrap interval and a
 * verdict, as /work/shared/metrics.md ("Significance") defines them.
 */
import type { Interval } from '../metrics/types.ts';

/** How far each metric may get worse before a significant change counts as a regression. */
export interface Tolerances {
  /** Allowed rise of mean cost per request, as a fraction of the baseline's (0.05 = 5%). @default 0.05 */
  costIncrease: number;
  /** Allowed drop of quality, in points (1 point = 0.01 of the score). @default 1 */
  qualityDropPoints: number;
  /** Allowed rise of p95 latency, as a fraction of the baseline's (0.1 = 10%). @default 0.1 */
  p95Increase: number;
}

export const DEFAULT_TOLERANCES: Tolerances = { costIncrease: 0.05, qualityDropPoints: 1, p95Increase: 0.1 };

export type CompareMethod = 'paired-bootstrap' | 'unpaired-bootstrap';

export type MetricName = 'cost' | 'quality' | 'p95';

/**
 * - regression: worse beyond the tolerance and the interval excludes 0 (fails CI);
 * - within-tolerance: significantly worse, but by no more than the tolerance;
 * - not-significant: the interval contains 0;
 * - improvement: significantly better;
 * - not-measurable: no value to compare (e.g. no answered request for p95).
 */
export type Finding =
  | 'regression'
  | 'within-tolerance'
  | 'not-significant'
  | 'improvement'
  | 'not-measurable';

export interface MetricCheck {
  metric: MetricName;
  /** Baseline value: USD per request (cost), score in [0, 1] (quality), ms (p95); null when none. */
  baseline: number | null;
  /** Current value, same unit; null when none. */
  current: number | null;
  /**
   * current − baseline with its 95% interval: USD per request (cost), points (quality), ms (p95);
   * null when either value is missing.
   */
  change: Interval | null;
  /** change relative to the baseline value (0.04 = +4%), cost and p95 only; null when undefined. */
  relative: { estimate: number; low: number; high: number } | null;
  /** The largest worsening allowed, in the change's unit (USD, points, ms). */
  limit: number;
  finding: Finding;
  regression: boolean;
  /** One line for people, e.g. "quality −2.3 pt [−3.1, −1.4] exceeds the 1 pt allowed drop". */
  message: string;
}

export interface StrategyComparison {
  name: string;
  /** new: only in the current run; removed: only in the baseline. */
  presence: 'both' | 'new' | 'removed';
  /** Empty unless presence is 'both'. */
  checks: MetricCheck[];
  regression: boolean;
}

/** Where a compared run came from (results.json provenance). */
export interface RunIdentity {
  /** The run directory as given. */
  dir: string;
  scenarioName: string;
  seed: number;
  requests: number;
  requestStreamSha256: string;
  /**
   * World seeds of a `--seeds k` run, k > 1 (results.json intervals.worldSeeds); absent for a
   * plain run. Its columns.bin holds the plain run's world (j = 0) only.
   */
  worldSeeds?: number;
  /**
   * The run was simulated with --no-research (results.json research.notRun): it has no APGR, CPT,
   * AIQ or hull. compare checks none of those, so this is said, not compared. Absent otherwise.
   */
  researchNotRun?: true;
}

export interface Comparison {
  baseline: RunIdentity;
  current: RunIdentity;
  method: CompareMethod;
  /** Why this method, e.g. "paired by request id: the request-stream hashes match". */
  methodReason: string;
  resamples: number;
  seed: number;
  /** Block bootstrap: window length, ms of virtual time (absent: requests are resampled). */
  blockMs?: number;
  level: 0.95;
  tolerances: Tolerances;
  /** Current run's strategies in its order, then those only the baseline has. */
  strategies: StrategyComparison[];
  /** Number of failed checks over all strategies. */
  regressions: number;
}
