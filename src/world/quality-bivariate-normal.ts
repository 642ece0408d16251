/**
 * Bivariate standard normal probabilities, used to fit the inter-model margin correlation
 * to published 2×2 (model A right / model B right) tables and to check the fit.
 */

import { integrate } from './quality-quadrature.ts';
import { inverseNormalCdf, normalCdf } from './random.ts';

/**
 * P(X ≤ h, Y ≤ k) for standard normals X, Y with correlation rho.
 *
 * Uses Sheppard's/Drezner's identity
 *   Φ₂(h, k; ρ) = Φ(h)Φ(k) + (1 / 2π) ∫₀^{asin ρ} exp(−(h² + k² − 2hk·sin t) / (2cos² t)) dt,
 * integrated by 20-point Gauss–Legendre: the integrand is smooth for |ρ| ≤ 0.99, the range
 * this project needs (absolute error < 1e-7 there, on the order of normalCdf's own error).
 */
export function bivariateNormalCdf(h: number, k: number, rho: number): number {
  if (!(rho >= -1 && rho <= 1)) throw new RangeError(`correlation must be in [-1, 1], got ${rho}`);
  const integral = integrate(
    (t) => {
      const sine = Math.sin(t);
      return Math.exp(-(h * h + k * k - 2 * h * k * sine) / (2 * (1 - sine * sine)));
    },
    0,
    Math.asin(rho),
  );
  return normalCdf(h) * normalCdf(k) + integral / (2 * Math.PI);
}

/**
 * P(both right) for two models with marginal accuracies pA, pB whose margins are
 * bivariate normal with correlation rho: the positive orthant of the margins.
 */
export function bothCorrectProbability(pA: number, pB: number, rho: number): number {
  // P(M_A > 0, M_B > 0) = P(−M_A < 0, −M_B < 0) = Φ₂(Φ⁻¹(pA), Φ⁻¹(pB); ρ) in standardised form.
  return bivariateNormalCdf(inverseNormalCdf(pA), inverseNormalCdf(pB), rho);
}

/** The latent correlation that reproduces P(both right) given the marginals (bisection). */
export function solveLatentCorrelation(pA: number, pB: number, pBoth: number): number {
  let low = -0.99;
  let high = 0.99;
  if (pBoth <= bothCorrectProbability(pA, pB, low)) return low;
  if (pBoth >= bothCorrectProbability(pA, pB, high)) return high;
  // bothCorrectProbability is increasing in rho (Slepian), so bisection converges.
  for (let iteration = 0; iteration < 60; iteration++) {
    const middle = (low + high) / 2;
    if (bothCorrectProbability(pA, pB, middle) < pBoth) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}

/** The four cells of a 2×2 outcome table, fractions summing to 1. */
export interface TwoByTwo {
  both: number;
  onlyA: number;
  onlyB: number;
  neither: number;
}

/** The 2×2 table implied by two marginal accuracies and a latent correlation. */
export function twoByTwo(pA: number, pB: number, rho: number): TwoByTwo {
  const both = bothCorrectProbability(pA, pB, rho);
  return { both, onlyA: pA - both, onlyB: pB - both, neither: 1 - pA - pB + both };
}
