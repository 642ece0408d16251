/**
 * results.json `robustness`: the headline comparison re-run with the least certain assumptions
 * moved to each end of their published bands, and whether its ranking holds (src/metrics/robustness.ts).
 */

/** One scenario strategy on one side (or the base run): the figures the verdict ranks. */
export interface RobustnessRow {
  name: string;
  /** Mean score, failed = 0, [0, 1]. */
  quality: number;
  /** USD per 1,000 requests. */
  costPer1kUsd: number;
  /** Nearest-rank p95 latency of answered requests, ms; null when none answered. */
  p95Ms: number | null;
  /** Share of requests answered within the SLO; null without an SLO. */
  goodput: number | null;
  answeredRate: number;
  /** False when the move cannot change this strategy: its base run is reused (identical by construction). */
  rerun: boolean;
}

/** An order the verdict compares: names best first, the top recommendation, Kendall τ-b vs base. */
export interface RobustnessRanking {
  /** Highest quality first (ties: scenario order). */
  byQuality: string[];
  /** Cheapest first (ties: scenario order). */
  byCost: string[];
  /** The recommended strategy under the verdict's rule (`robustness.topRule`); null when none qualifies. */
  top: string | null;
}

/** "winner overtakes loser on quality": the pair's order reversed and the new gap is resolved. */
export interface Overtake {
  metric: 'quality' | 'cost';
  winner: string;
  loser: string;
  /** [winner, loser] on the base run (quality, or USD per 1k). */
  base: [number, number];
  /** [winner, loser] under the move. */
  moved: [number, number];
}

export interface RobustnessSide extends RobustnessRanking {
  /** Assumption id, e.g. "latency", "logprob-auroc". */
  id: string;
  side: 'low' | 'high';
  assumption: string;
  /** What the side sets. */
  setting: string;
  /** The published band and its source. */
  band: string;
  /** Scenario order. */
  rows: RobustnessRow[];
  /** Kendall τ-b of this side's order against the base order; null with fewer than 2 strategies. */
  kendallTau: { quality: number | null; cost: number | null };
  overtakes: Overtake[];
  /** True when the top strategy is the base's and no pair was overtaken. */
  holds: boolean;
  /** "holds", or "changes: X overtakes Y on quality; top X instead of Y". */
  verdict: string;
}

export interface RobustnessMetrics {
  /** Requests every side ran over (the whole stream). */
  requestCount: number;
  /** How `top` is chosen (the rule in words). */
  topRule: string;
  /**
   * Gaps below these are not orders: a pair counts as overtaken only when its new gap exceeds the
   * resolution. Taken from the base run's own intervals (median half-width of the 95% CIs of the
   * strategies' differences from the reference); 0 when the run has none.
   */
  resolution: { quality: number; costPer1kUsd: number };
  base: RobustnessRanking & { rows: RobustnessRow[] };
  sides: RobustnessSide[];
  /** Assumptions not moved in this scenario, with why. */
  skipped: { id: string; assumption: string; reason: string }[];
  /** Sides whose verdict holds, out of sides run. */
  holdCount: number;
  /** One line: "verdict robust to 4 of 4 moves" or "verdict changes under 1 of 4 moves: …". */
  summary: string;
}
