/**
 * The three bars a recommended strategy must meet at once (the report's recommendation and the
 * robustness verdict's top strategy use the same ones): cheaper than the reference, quality within
 * QUALITY_TOLERANCE_POINTS of it, and at least GOODPUT_TARGET of requests answered within the
 * scenario's latency SLO when it sets one.
 */

/**
 * Largest quality loss against the reference still called "the same quality", points (0.01 of mean
 * score). @default 1 — a loss a user would rarely notice, and about the width of the paired
 * interval on a day of traffic.
 */
export const QUALITY_TOLERANCE_POINTS = 1;

/**
 * Share of all requests that must be answered within the SLO for it to count as kept.
 * @default 0.95 — the usual reading of a latency SLO: its bound holds at the 95th percentile.
 */
export const GOODPUT_TARGET = 0.95;

/** Point estimates of one strategy against the reference. */
export interface BarFigures {
  /** Cost in any unit, the same as the reference cost it is compared with. */
  cost: number;
  /** Quality difference from the reference, points. */
  qualityPoints: number;
  /** Share answered within the SLO; null without an SLO. */
  goodput: number | null;
}

/** Which bars the figures break: 'cost', 'quality', 'slo' (empty = recommendable). */
export function brokenBars(figures: BarFigures, referenceCost: number): ('cost' | 'quality' | 'slo')[] {
  const broken: ('cost' | 'quality' | 'slo')[] = [];
  if (figures.cost >= referenceCost) broken.push('cost');
  if (figures.qualityPoints < -QUALITY_TOLERANCE_POINTS) broken.push('quality');
  if (figures.goodput !== null && figures.goodput < GOODPUT_TARGET) broken.push('slo');
  return broken;
}
