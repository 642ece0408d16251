/**
 * "What if our confidence were better?": a scenario states the AUROC it believes a confidence
 * signal has (world.confidence in the scenario), and each model's slope on the margin is solved
 * for it with confidence-theory — the user states a ranking quality, never a κ.
 *
 * The AUROC is the mean over the eight domains (equal weights) of the signal's AUROC at the model's
 * target accuracy there; the noise, bias and everything else of the model's profile stay as they
 * are, so only how well the signal ranks right above wrong moves (its level moves a little with κ).
 */

import {
  type ConfidenceSpec,
  DOMAINS,
  type Domain,
  type DomainParams,
  type ModelSpec,
} from '../contracts/index.ts';
import { selfRatedShape } from './confidence-signals.ts';
import { type ConfidenceSetting, slopeForAuroc } from './confidence-theory.ts';

/** AUROC targets of the scenario's `world.confidence` block; absent = the catalog's profile. */
export interface ConfidenceTargets {
  /** Logprob confidence AUROC in (0.5, 1). */
  logprob?: { auroc: number };
  /** Self-rated certainty AUROC in (0.5, 1). */
  selfRated?: { auroc: number };
}

/** Solved slopes by (noise, target, accuracies): building a world repeats for every unit. */
const solved = new Map<string, number>();

function solve(target: number, noise: number, settings: readonly ConfidenceSetting[]): number {
  const key = `${target}|${noise}|${settings.map((setting) => `${setting.accuracy}/${setting.sigma}`).join(',')}`;
  let slope = solved.get(key);
  if (slope === undefined) {
    slope = slopeForAuroc(target, noise, settings);
    solved.set(key, slope);
  }
  return slope;
}

/** The model with its confidence slopes solved for `targets` (unchanged when there are none). */
export function withConfidenceTargets(
  model: ModelSpec,
  targets: ConfidenceTargets,
  domains: Record<Domain, DomainParams>,
): ModelSpec {
  if (targets.logprob === undefined && targets.selfRated === undefined) return model;
  const settings = DOMAINS.map((domain) => ({
    accuracy: model.quality[domain].accuracy,
    sigma: domains[domain].sigma,
  }));
  const confidence: ConfidenceSpec = { ...model.confidence };
  if (targets.logprob !== undefined) {
    confidence.kappa = solve(targets.logprob.auroc, confidence.sigmaEta, settings);
  }
  if (targets.selfRated !== undefined) {
    const { sigma } = selfRatedShape(model.confidence);
    // λ·κ is the slope: solved after κ, so a logprob target set alongside does not move it.
    confidence.selfRatedSharpness = solve(targets.selfRated.auroc, sigma, settings) / confidence.kappa;
    confidence.selfRatedSigma = sigma;
  }
  return { ...model, confidence };
}
