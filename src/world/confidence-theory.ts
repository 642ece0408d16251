/**
 * What the confidence signals are worth, computed by numerical integration (an independent
 * method from simulating the quality model; tests compare the two).
 *
 * For a random request of a domain with spread σ_d, a model of accuracy A has first-sample
 * margin M ~ N(m₀, s²) with s = sqrt(1 + σ_d²) and m₀ = Φ⁻¹(A)·s, whatever a_d and c_d are.
 *   logprob confidence  = σ(κ·M + b + η),             η ~ N(0, σ_η²)
 *   self-rated certainty = σ(κ_s·M + bias + ν),        ν ~ N(0, σ_s²)   (confidence-signals.ts)
 */

import type { ConfidenceSpec } from '../contracts/index.ts';
import { logistic, selfRatedShape } from './confidence-signals.ts';
import { bivariateNormalCdf } from './quality-bivariate-normal.ts';
import { integrate, normalDensity } from './quality-quadrature.ts';
import { inverseNormalCdf, normalCdf } from './random.ts';

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
  /** Expected calibration error of self-rated certainty (same bins). */
  selfRatedEce: number;
  /** Share of self-rated certainties at or above 0.8 (Xiong et al. 2024 §5.1: most mass in 80–100%). */
  selfRatedShareAbove80: number;
}

/** A confidence signal σ(slope·M + offset + noise·v), v ~ N(0, 1). */
interface Signal {
  slope: number;
  offset: number;
  noise: number;
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

  const self = selfRatedShape(spec);
  const logprob: Signal = { slope: spec.kappa, offset: spec.logprobBias ?? 0, noise: spec.sigmaEta };
  const selfRated: Signal = { slope: self.slope, offset: spec.selfRatedBias, noise: self.sigma };
  const meanOf = (signal: Signal) =>
    overT(expectedLogistic((t) => signal.slope * margin(t) + signal.offset, signal.noise));
  const above80 = overT((t) => {
    const center = selfRated.slope * margin(t) + selfRated.offset;
    const cut = logit(0.8) - center;
    if (selfRated.noise === 0) return cut <= 0 ? 1 : 0;
    return 1 - normalCdf(cut / selfRated.noise);
  });

  return {
    accuracy,
    auroc: auroc(logprob.slope * scale, logprob.noise, threshold, accuracy),
    ece: expectedCalibrationError(logprob, margin, threshold, overT),
    meanConfidenceMinusAccuracy: meanOf(logprob) - accuracy,
    selfRatedOverconfidence: meanOf(selfRated) - accuracy,
    selfRatedAuroc: auroc(selfRated.slope * scale, selfRated.noise, threshold, accuracy),
    selfRatedEce: expectedCalibrationError(selfRated, margin, threshold, overT),
    selfRatedShareAbove80: above80,
  };
}

/**
 * AUROC of a signal σ(slope·M + offset + noise·v) at `setting` (any offset: a monotone shift
 * never changes a ranking). Cheaper than confidenceTheory when only the ranking matters.
 */
export function slopeAuroc(slope: number, noise: number, setting: ConfidenceSetting): number {
  const scale = Math.sqrt(1 + setting.sigma * setting.sigma);
  const threshold = -inverseNormalCdf(setting.accuracy);
  return auroc(slope * scale, noise, threshold, setting.accuracy);
}

/**
 * The slope on the margin at which a signal with noise sd `noise` reaches `target` AUROC averaged
 * over `settings` (bisection; AUROC rises monotonically with the slope). Throws outside (0.5, 1).
 */
export function slopeForAuroc(target: number, noise: number, settings: readonly ConfidenceSetting[]): number {
  if (!(target > 0.5 && target < 1)) throw new RangeError(`AUROC target ${target} is outside (0.5, 1)`);
  const meanAuroc = (slope: number) =>
    settings.reduce((sum, setting) => sum + slopeAuroc(slope, noise, setting), 0) / settings.length;
  let low = 0;
  let high = 1;
  while (meanAuroc(high) < target) high *= 2;
  for (let step = 0; step < 40; step++) {
    const middle = (low + high) / 2;
    if (meanAuroc(middle) < target) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}

/**
 * The AUROC of one signal of `spec` at `setting` alone (confidenceTheory computes every figure,
 * ECE included; this is the part a solver needs). The self-rated signal's slope and noise are the
 * spec's (selfRatedShape: selfRatedSharpness·κ and selfRatedSigma, with their defaults).
 */
export function signalAuroc(
  spec: ConfidenceSpec,
  setting: ConfidenceSetting,
  signal: 'logprob' | 'self-rated',
): number {
  const scale = Math.sqrt(1 + setting.sigma * setting.sigma);
  const threshold = -inverseNormalCdf(setting.accuracy);
  const accuracy = 1 - normalCdf(threshold);
  const { slope, sigma } =
    signal === 'logprob' ? { slope: spec.kappa, sigma: spec.sigmaEta } : selfRatedShape(spec);
  return auroc(slope * scale, sigma, threshold, accuracy, SOLVER_PANELS);
}

/** Panels of signalAuroc: within 1e-6 of the full rule for the sharpness a solver visits. */
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
 * correctly when slope·(t₁ − t₀) + noise·(v₁ − v₀) > 0, i.e. with probability Φ(c·(t₁ − t₀)),
 * c = slope / (noise·√2); average over t₁ > threshold, t₀ < threshold. The inner average over t₀
 * is a bivariate normal orthant, P(T₀ < threshold, (Z + c·T₀)/√(1 + c²) < c·t₁/√(1 + c²)) with
 * correlation c/√(1 + c²), so one integral over t₁ remains (the double integral where that
 * correlation exceeds the orthant routine's accurate range).
 */
function auroc(slope: number, noise: number, threshold: number, accuracy: number, panels = PANELS): number {
  const spread = noise * Math.SQRT2;
  let inner: (right: number) => number;
  if (spread === 0) {
    inner = () => normalCdf(threshold);
  } else {
    const c = slope / spread;
    const norm = Math.sqrt(1 + c * c);
    const rho = c / norm;
    inner =
      rho <= 0.99
        ? (right) => bivariateNormalCdf(threshold, (c * right) / norm, rho)
        : (right) =>
            integrate(
              (wrong) => normalDensity(wrong) * normalCdf(c * (right - wrong)),
              -RANGE,
              threshold,
              panels,
            );
  }
  const pairs = integrate((right) => normalDensity(right) * inner(right), threshold, RANGE, panels);
  return pairs / (accuracy * (1 - accuracy));
}

function expectedCalibrationError(
  signal: Signal,
  margin: (t: number) => number,
  threshold: number,
  overT: (f: (t: number) => number, from?: number, to?: number) => number,
): number {
  const { slope: kappa, offset, noise: sigmaEta } = signal;
  if (sigmaEta === 0) throw new RangeError('ECE by quadrature needs a noisy signal (sigma > 0)');
  let total = 0;
  for (let bin = 0; bin < ECE_BINS; bin++) {
    // conf ∈ [k/10, (k+1)/10) ⇔ κM + η ∈ [logit(k/10), logit((k+1)/10)) − offset.
    const low = (bin === 0 ? Number.NEGATIVE_INFINITY : logit(bin / ECE_BINS)) - offset;
    const high = (bin === ECE_BINS - 1 ? Number.POSITIVE_INFINITY : logit((bin + 1) / ECE_BINS)) - offset;
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
      return integrate((v) => normalDensity(v) * logistic(center + offset + sigmaEta * v), start, end, 2);
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
