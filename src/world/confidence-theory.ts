/**
 * What the confidence signals are worth, computed by numerical integration (an independent
 * method from simulating the quality model; tests compare the two).
 *
 * For a random request of a domain with spread σ_d, a model of accuracy A has first-sample
 * margin M ~ N(m₀, s²) with s = sqrt(1 + σ_d²) and m₀ = Φ⁻¹(A)·s, whatever a_d and c_d are.
 *   logprob confidence  = σ(κ·M + η),                 η ~ N(0, σ_η²)
 *   self-rated certainty = σ(λ·κ·M + bias + ν),       ν ~ N(0, σ_η²), λ = selfRatedSharpness (default 0.5)
 */

import { logistic, selfRatedSharpnessOf } from './quality.ts';
import { integrate, normalDensity } from './quality-quadrature.ts';
import { inverseNormalCdf, normalCdf } from './random.ts';
import type { ConfidenceSpec } from './types.ts';

/** Number of equal-width confidence bins of the expected calibration error. */
export const ECE_BINS = 10;

/** Integration range in standard deviations; the mass beyond is below 1e-18. */
const RANGE = 9;
const PANELS = 24;

export interface ConfidenceSetting {
  /** Target accuracy A of the model on the domain. */
  accuracy: number;
  /** The domain's difficulty spread σ_d. */
  sigma: number;
}

export interface ConfidenceTheory {
  /** P(correct) (a check: equals the setting's accuracy). */
  accuracy: number;
  /** P(conf of a random right answer > conf of a random wrong one) for logprob confidence. */
  auroc: number;
  /** Expected calibration error, 10 equal-width bins on [0, 1]: Σ_k |E[conf·1_k] − P(correct, bin k)|. */
  ece: number;
  /** E[logprob confidence] − P(correct): > 0 is overconfident. */
  meanConfidenceMinusAccuracy: number;
  /** E[self-rated certainty] − P(correct): the self-rated overconfidence. */
  selfRatedOverconfidence: number;
  /** AUROC of self-rated certainty vs correctness. */
  selfRatedAuroc: number;
}

/** Expected quality of the confidence signals of `spec` at `setting`, by quadrature. */
export function confidenceTheory(spec: ConfidenceSpec, setting: ConfidenceSetting): ConfidenceTheory {
  const scale = Math.sqrt(1 + setting.sigma * setting.sigma);
  const mean = inverseNormalCdf(setting.accuracy) * scale;
  // Standardised margin t: M = mean + scale·t; correct ⇔ t > threshold.
  const threshold = -mean / scale;
  const accuracy = 1 - normalCdf(threshold);
  const margin = (t: number) => mean + scale * t;
  const overT = (f: (t: number) => number, from = -RANGE, to = RANGE) =>
    integrate((t) => normalDensity(t) * f(t), from, to, PANELS);

  const signal = (slope: number, offset: number) => (t: number) => slope * margin(t) + offset;
  const meanConfidence = overT(expectedLogistic(signal(spec.kappa, 0), spec.sigmaEta));
  const meanSelfRated = overT(
    expectedLogistic(signal(selfRatedSharpnessOf(spec) * spec.kappa, spec.selfRatedBias), spec.sigmaEta),
  );

  return {
    accuracy,
    auroc: auroc(spec.kappa * scale, spec.sigmaEta, threshold, accuracy),
    ece: expectedCalibrationError(spec, margin, threshold, overT),
    meanConfidenceMinusAccuracy: meanConfidence - accuracy,
    selfRatedOverconfidence: meanSelfRated - accuracy,
    selfRatedAuroc: auroc(
      selfRatedSharpnessOf(spec) * spec.kappa * scale,
      spec.sigmaEta,
      threshold,
      accuracy,
    ),
  };
}

/**
 * The AUROC of one signal of `spec` at `setting` alone (confidenceTheory computes every figure,
 * ECE included, ~80 ms; this is the part a solver needs).
 */
export function signalAuroc(
  spec: ConfidenceSpec,
  setting: ConfidenceSetting,
  signal: 'logprob' | 'self-rated',
): number {
  const scale = Math.sqrt(1 + setting.sigma * setting.sigma);
  const threshold = -inverseNormalCdf(setting.accuracy);
  const accuracy = 1 - normalCdf(threshold);
  const sharpness = signal === 'logprob' ? 1 : selfRatedSharpnessOf(spec);
  return auroc(sharpness * spec.kappa * scale, spec.sigmaEta, threshold, accuracy, SOLVER_PANELS);
}

/** Panels of signalAuroc: within 1e-6 of the full rule for the sharpness a solver visits, 16× faster. */
const SOLVER_PANELS = 6;

/** t ↦ E_v[σ(x(t) + noise·v)], v ~ N(0, 1). */
function expectedLogistic(x: (t: number) => number, noise: number): (t: number) => number {
  if (noise === 0) return (t) => logistic(x(t));
  return (t) => {
    const center = x(t);
    return integrate((v) => normalDensity(v) * logistic(center + noise * v), -RANGE, RANGE, 4);
  };
}

/**
 * AUROC of X = slope·t + noise·v against t > threshold. A right and a wrong answer are ranked
 * correctly when slope·(t₁ − t₀) + noise·(v₁ − v₀) > 0, i.e. with probability
 * Φ(slope·(t₁ − t₀) / (noise·√2)); average over t₁ > threshold, t₀ < threshold.
 */
function auroc(slope: number, noise: number, threshold: number, accuracy: number, panels = PANELS): number {
  const spread = noise * Math.SQRT2;
  const inner = (right: number) =>
    integrate(
      (wrong) => normalDensity(wrong) * (spread === 0 ? 1 : normalCdf((slope * (right - wrong)) / spread)),
      -RANGE,
      threshold,
      panels,
    );
  const pairs = integrate((right) => normalDensity(right) * inner(right), threshold, RANGE, panels);
  return pairs / (accuracy * (1 - accuracy));
}

function expectedCalibrationError(
  spec: ConfidenceSpec,
  margin: (t: number) => number,
  threshold: number,
  overT: (f: (t: number) => number, from?: number, to?: number) => number,
): number {
  const { kappa, sigmaEta } = spec;
  if (sigmaEta === 0) throw new RangeError('ECE by quadrature needs sigmaEta > 0');
  let total = 0;
  for (let bin = 0; bin < ECE_BINS; bin++) {
    // conf ∈ [k/10, (k+1)/10) ⇔ κM + η ∈ [logit(k/10), logit((k+1)/10)).
    const low = bin === 0 ? Number.NEGATIVE_INFINITY : logit(bin / ECE_BINS);
    const high = bin === ECE_BINS - 1 ? Number.POSITIVE_INFINITY : logit((bin + 1) / ECE_BINS);
    // η/σ_η range that lands in the bin, given the margin.
    const from = (t: number) => Math.max(-RANGE, (low - kappa * margin(t)) / sigmaEta);
    const to = (t: number) => Math.min(RANGE, (high - kappa * margin(t)) / sigmaEta);
    const probabilityInBin = (t: number) =>
      normalCdf((high - kappa * margin(t)) / sigmaEta) - normalCdf((low - kappa * margin(t)) / sigmaEta);
    const confidenceInBin = (t: number) => {
      const start = from(t);
      const end = to(t);
      if (!(end > start)) return 0;
      const center = kappa * margin(t);
      return integrate((v) => normalDensity(v) * logistic(center + sigmaEta * v), start, end, 2);
    };
    const confidenceMass = overT(confidenceInBin);
    const correctMass = overT(probabilityInBin, threshold, RANGE);
    total += Math.abs(confidenceMass - correctMass);
  }
  return total;
}

function logit(p: number): number {
  return Math.log(p / (1 - p));
}
