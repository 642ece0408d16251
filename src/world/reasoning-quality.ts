/**
 * Effort moves accuracy only as far as a published figure supports: a probit shift per domain
 * (ReasoningSpec.accuracyShift, each with its source in the spec), applied to the catalog's
 * target accuracy. Under the quality model a probit shift Δ moves the ability θ by
 * Δ·sqrt(1 + σ_d²), so a shift read on one benchmark (e.g. AIME) moves the whole domain by the
 * same number of standard deviations — an assumption stated where it is used.
 */

import { DOMAINS, type Domain, type DomainTarget, type ModelSpec } from '../contracts/index.ts';
import { inverseNormalCdf, normalCdf } from './random.ts';

/** Accuracies stay inside the catalog's clamp (quality-targets.ts). */
const LOWEST = 0.02;
const HIGHEST = 0.98;

/** Accuracy `accuracy` moved by `shift` on the probit scale, clamped to [0.02, 0.98]. */
export function shiftAccuracy(accuracy: number, shift: number): number {
  if (shift === 0) return accuracy;
  const moved = normalCdf(inverseNormalCdf(accuracy) + shift);
  return Math.min(HIGHEST, Math.max(LOWEST, moved));
}

/**
 * A copy of `spec` whose quality targets are shifted by `shift(domain)` probits (0 keeps a
 * domain as it is). `why` is appended to each shifted target's source.
 */
export function specWithAccuracyShift(
  spec: ModelSpec,
  shift: (domain: Domain) => number,
  why = 'reasoning setting of the call',
): ModelSpec {
  const quality = { ...spec.quality };
  let changed = false;
  for (const domain of DOMAINS) {
    const delta = shift(domain);
    if (delta === 0) continue;
    const target: DomainTarget = quality[domain];
    const accuracy = shiftAccuracy(target.accuracy, delta);
    quality[domain] = {
      accuracy,
      source: `${target.source}; ${delta > 0 ? '+' : ''}${delta.toFixed(3)} probit for the ${why}`,
    };
    changed = true;
  }
  return changed ? { ...spec, quality } : spec;
}
