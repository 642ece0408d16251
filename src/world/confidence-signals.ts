/**
 * The two confidence signals that come with every answer (simulation-model.md, "Confidence
 * signals"), one formula for drawn and recorded outcomes:
 *
 *   logprob confidence   = σ(κ·margin + b + η),             η ~ N(0, σ_η²)
 *   self-rated certainty = σ(λ·κ·margin + bias + ν),        ν ~ N(0, σ_s²)
 *
 * b defaults to 0; λ (selfRatedSharpness) to ½ and σ_s to σ_η (the first catalogs had none of these).
 */

import type { ConfidenceSpec } from '../contracts/index.ts';
import { keyedNormal, Stream } from './random.ts';

/**
 * Default self-rated sharpness as a fraction of κ when a spec has no selfRatedSharpness: models asked
 * "how sure are you?" discriminate right from wrong less well than their logprobs.
 */
export const SELF_RATED_SHARPNESS = 0.5;

/** σ(x) = 1 / (1 + e^(−x)). */
export function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** The self-rated sharpness λ of a confidence spec: its own, else SELF_RATED_SHARPNESS. */
export function selfRatedSharpnessOf(spec: ConfidenceSpec): number {
  return spec.selfRatedSharpness ?? SELF_RATED_SHARPNESS;
}

/** Slope on the margin (λ·κ) and noise sd of self-rated certainty, with the defaults filled in. */
export function selfRatedShape(spec: ConfidenceSpec): { slope: number; sigma: number } {
  return {
    slope: selfRatedSharpnessOf(spec) * spec.kappa,
    sigma: spec.selfRatedSigma ?? spec.sigmaEta,
  };
}

export interface SignalKey {
  seed: number;
  requestIndex: number;
  modelKey: number;
  sample: number;
}

/** Both signals of one answer with margin `margin`, keyed draws on their own streams. */
export function confidenceSignals(
  spec: ConfidenceSpec,
  margin: number,
  key: SignalKey,
): { logprobConfidence: number; selfRatedCertainty: number } {
  const { seed, requestIndex, modelKey, sample } = key;
  return {
    logprobConfidence: logprobConfidenceOf(spec, margin, seed, requestIndex, modelKey, sample),
    selfRatedCertainty: selfRatedCertaintyOf(spec, margin, seed, requestIndex, modelKey, sample),
  };
}

/**
 * The logprob confidence σ(κ·margin + b + η) of one answer. Scalar arguments, number result: the
 * world draws it on every answered call, and a key object or a pair per call fed the GC.
 */
export function logprobConfidenceOf(
  spec: ConfidenceSpec,
  margin: number,
  seed: number,
  requestIndex: number,
  modelKey: number,
  sample: number,
): number {
  const eta = spec.sigmaEta * keyedNormal(seed, Stream.logprobNoise, requestIndex, modelKey, sample);
  return logistic(spec.kappa * margin + (spec.logprobBias ?? 0) + eta);
}

/** The self-rated certainty σ(λ·κ·margin + bias + ν) of one answer (scalar, as logprobConfidenceOf). */
export function selfRatedCertaintyOf(
  spec: ConfidenceSpec,
  margin: number,
  seed: number,
  requestIndex: number,
  modelKey: number,
  sample: number,
): number {
  // selfRatedShape(spec), inline: the same products in the same order, without its object.
  const slope = selfRatedSharpnessOf(spec) * spec.kappa;
  const sigma = spec.selfRatedSigma ?? spec.sigmaEta;
  const nu = sigma * keyedNormal(seed, Stream.selfRated, requestIndex, modelKey, sample);
  return logistic(slope * margin + spec.selfRatedBias + nu);
}
