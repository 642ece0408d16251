/**
 * Model tiers decide the confidence profile and the default verbosity.
 *
 * Rule: a model's tier follows its standing z, the mean z-value of its published benchmark
 * scores against the population of model-facts.csv (quality-targets.ts `standing`):
 * z ≥ FRONTIER_MIN_Z → frontier, z < SMALL_MAX_Z → small, else mid. A model without any
 * score is mid. Stronger models are both better calibrated (sharper logprob confidence,
 * less self-rated overconfidence) and wordier.
 */
import type { ConfidenceSpec } from './types.ts';

export type Tier = 'frontier' | 'mid' | 'small';

/** The agreed profiles (brief: helper A measures AUROC/calibration from these). */
export const CONFIDENCE_PROFILES: Readonly<Record<Tier, ConfidenceSpec>> = {
  frontier: { kappa: 1.6, sigmaEta: 0.6, selfRatedBias: 1.2 },
  mid: { kappa: 1.2, sigmaEta: 0.8, selfRatedBias: 1.5 },
  small: { kappa: 0.8, sigmaEta: 1.0, selfRatedBias: 2.0 },
};

/**
 * Assumption: frontier models answer ~15% longer than a verbosity-1 answer, mid ~5%,
 * small models not at all (strong chat models tend to elaborate and format more).
 */
export const TIER_VERBOSITY: Readonly<Record<Tier, number>> = { frontier: 1.15, mid: 1.05, small: 1 };

/** Standing at or above which a model is frontier. */
export const FRONTIER_MIN_Z = 0.75;
/** Standing below which a model is small. */
export const SMALL_MAX_Z = 0;

export function tierOf(z: number, scoreCount: number): Tier {
  if (scoreCount === 0) return 'mid';
  if (z >= FRONTIER_MIN_Z) return 'frontier';
  return z < SMALL_MAX_Z ? 'small' : 'mid';
}
