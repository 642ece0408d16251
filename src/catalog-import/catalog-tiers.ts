/**
 * Model tiers decide the confidence profile and the default verbosity.
 *
 * Rule: a model's tier follows its standing z, the mean z-value of its published benchmark
 * scores against the population of model-facts.csv (quality-targets.ts `standing`):
 * z ≥ FRONTIER_MIN_Z → frontier, z < SMALL_MAX_Z → small, else mid. A model without any
 * score is mid. Stronger models are both better calibrated (sharper logprob confidence,
 * less self-rated overconfidence) and wordier.
 */
import type { ConfidenceSpec } from '../contracts/index.ts';

export type Tier = 'frontier' | 'mid' | 'small';

/**
 * Confidence profiles inside the published bands (realism-anchors.md §1; fixtures/confidence-profiles.json
 * documents what each gives, tests/world-confidence-bands.test.ts holds them there). Fitted by
 * slopeForAuroc / bisection over the 13 default models' cells (model × domain) of each tier:
 *
 * - logprob confidence σ(κ·margin + b + η): κ sets the AUROC, mean over the tier's cells = 0.67
 *   frontier / 0.61 mid / 0.56 small, inside token probability's 0.51–0.71 (Xiong et al. 2024,
 *   arXiv 2306.13063, Table 5; frontier near the top, small near the bottom as the brief asks).
 *   σ_η = 1.5 is an **assumption** (it sets how spread the confidences are; with κ solved for the
 *   AUROC it does not move the ranking); b makes the signal calibrated on average over the tier's
 *   traffic (**assumption**: answer-token probabilities are roughly calibrated in aggregate,
 *   Kadavath et al. 2022, arXiv 2207.05221; without b a noisy σ(κM + η) sits near 0.5–0.6 whatever
 *   the accuracy — a cascade threshold would mean nothing).
 * - self-rated certainty σ(λ·κ·margin + bias + ν): λ·κ sets the AUROC (λ = 0.366 / 0.286 / 0.173:
 *   slopes 0.142 / 0.076 / 0.026), mean over the tier's cells =
 *   0.62 frontier (GPT-4 0.627) / 0.56 mid (GPT-3.5 0.551, LLaMA-2-70B 0.564) / 0.52 small
 *   (Vicuna-13B 0.525), Xiong et al. Table 2; σ_s = 0.8 and bias put ≈ 95% of the mass at ≥ 0.8 and
 *   the mean certainty at ≈ 0.93 (§5.1, Fig. 2: "mostly 80–100%"), so ECE ≈ 0.93 − accuracy:
 *   ≈ 0.18 at accuracy 0.75, ≈ 0.45 at accuracy 0.48 (Table 2: GPT-4 0.18, Vicuna 0.46).
 */
export const CONFIDENCE_PROFILES: Readonly<Record<Tier, ConfidenceSpec>> = {
  frontier: {
    kappa: 0.388,
    sigmaEta: 1.5,
    logprobBias: 2.06,
    selfRatedBias: 2.64,
    selfRatedSharpness: 0.366,
    selfRatedSigma: 0.8,
  },
  mid: {
    kappa: 0.266,
    sigmaEta: 1.5,
    logprobBias: 1.45,
    selfRatedBias: 2.78,
    selfRatedSharpness: 0.286,
    selfRatedSigma: 0.8,
  },
  small: {
    kappa: 0.15,
    sigmaEta: 1.5,
    logprobBias: 0.82,
    selfRatedBias: 2.83,
    selfRatedSharpness: 0.173,
    selfRatedSigma: 0.8,
  },
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
