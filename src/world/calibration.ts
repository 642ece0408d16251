/**
 * Calibration of abilities θ(m, d) to target accuracies. Because the first-sample margin of a
 * random request is N(θ − μ_d, 1 + σ_d²) whatever a_d and c_d are, P(correct) =
 * Φ((θ − μ_d) / sqrt(1 + σ_d²)) and the inverse is exact.
 */

import type { DomainParams } from '../contracts/index.ts';
import { inverseNormalCdf } from './random.ts';

/**
 * θ(m, d) = μ_d + Φ⁻¹(A)·sqrt(1 + σ_d²): the ability that gives accuracy A on domain d.
 * @param accuracy target P(correct), strictly inside (0, 1).
 */
export function abilityForAccuracy(accuracy: number, params: DomainParams): number {
  if (!(accuracy > 0 && accuracy < 1)) {
    throw new RangeError(`target accuracy must be strictly between 0 and 1, got ${accuracy}`);
  }
  return params.mu + inverseNormalCdf(accuracy) * Math.sqrt(1 + params.sigma * params.sigma);
}

/**
 * Correlation of two different models' margins on the same request: (σ² + a²)/(1 + σ²).
 * Sets how often a cheap model is right where a strong one is wrong.
 */
export function interModelCorrelation(params: DomainParams): number {
  const variance = params.sigma * params.sigma;
  return (variance + params.a * params.a) / (1 + variance);
}

/**
 * Correlation of two samples of one model on the same request: (σ² + a² + c²)/(1 + σ²).
 * Sets how much self-consistency and "ask again" can tell.
 */
export function sameModelCorrelation(params: DomainParams): number {
  const variance = params.sigma * params.sigma;
  return (variance + params.a * params.a + params.c * params.c) / (1 + variance);
}

/**
 * The hardness loading a_d that gives inter-model correlation rho for a spread σ_d:
 * a² = ρ(1 + σ²) − σ². Undefined when σ alone already exceeds ρ.
 */
export function hardnessLoadingFor(rho: number, sigma: number): number | undefined {
  const squared = rho * (1 + sigma * sigma) - sigma * sigma;
  return squared < 0 || squared > 1 ? undefined : Math.sqrt(squared);
}
