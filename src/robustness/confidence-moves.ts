/**
 * Confidence signals at the ends of their published AUROC bands (Xiong et al. 2024, arXiv
 * 2306.13063): token-probability ("logprob") confidence 0.51–0.71 (Table 5), verbalized
 * ("self-rated") certainty 0.51–0.63 (Table 2). For each model the signal's sharpness is solved
 * so that its AUROC at the model's typical setting — its traffic-weighted mean accuracy and the
 * traffic-weighted mean difficulty spread σ_d of the scenario's domains — sits at the band end
 * (src/world/confidence-theory.ts, bisection). logprob moves κ (self-rated follows, as its
 * formula is λ·κ); self-rated moves λ alone (the logprob signal stays as it is).
 */

import type { Domain, DomainParams, ModelSpec } from '../contracts/index.ts';
import { DOMAINS } from '../contracts/index.ts';
import { type ConfidenceSetting, signalAuroc } from '../world/confidence-theory.ts';
import { mapModels, type Perturbation, type Side } from './perturbation.ts';
import { readsSignal } from './signals-read.ts';

export type MovedSignal = 'logprob' | 'self-rated';

/** The published bands, [low, high] AUROC, with their source. */
export const CONFIDENCE_BANDS: Record<MovedSignal, { low: number; high: number; source: string }> = {
  logprob: {
    low: 0.51,
    high: 0.71,
    source: 'token-probability AUROC 0.51–0.71 (Xiong et al. 2024, Table 5)',
  },
  'self-rated': {
    low: 0.51,
    high: 0.63,
    source: 'verbalized-confidence AUROC 0.51–0.63 (Xiong et al. 2024, Table 2)',
  },
};

/** Traffic weight per domain (relative; a domain left out weighs 0). */
export type DomainWeights = Partial<Record<Domain, number>>;

/** A model's typical setting: its mean accuracy and the mean σ_d, both weighted by the traffic. */
export function typicalSetting(
  model: ModelSpec,
  domains: Record<Domain, DomainParams>,
  weights: DomainWeights,
): ConfidenceSetting {
  const present: readonly Domain[] = DOMAINS.filter((domain) => (weights[domain] ?? 0) > 0);
  const used: readonly Domain[] = present.length === 0 ? DOMAINS : present;
  const weightOf = (domain: Domain) => (present.length === 0 ? 1 : (weights[domain] ?? 0));
  const total = used.reduce((sum, domain) => sum + weightOf(domain), 0);
  let accuracy = 0;
  let sigma = 0;
  for (const domain of used) {
    accuracy += (weightOf(domain) / total) * model.quality[domain].accuracy;
    sigma += (weightOf(domain) / total) * domains[domain].sigma;
  }
  return { accuracy, sigma };
}

/** Bisection steps on the log of the sharpness: (ln 1e4 − ln 1e-4) / 2^30 ≈ 2e-8, far below any use. */
const STEPS = 30;

/**
 * `model` with the `signal`'s sharpness set so its AUROC at `setting` is `target`. A target the
 * signal cannot reach (no noise: any sharpness ranks perfectly) leaves the sharpness at the end
 * of the search range closest to it.
 */
export function withSignalAuroc(
  model: ModelSpec,
  signal: MovedSignal,
  target: number,
  setting: ConfidenceSetting,
): ModelSpec {
  const spec = model.confidence;
  const make =
    signal === 'logprob'
      ? (value: number) => ({ ...spec, kappa: value })
      : (value: number) => ({ ...spec, selfRatedSharpness: value });
  let low = Math.log(1e-4);
  let high = Math.log(1e4);
  for (let step = 0; step < STEPS; step++) {
    const middle = (low + high) / 2;
    if (signalAuroc(make(Math.exp(middle)), setting, signal) < target) low = middle;
    else high = middle;
  }
  return { ...model, confidence: make(Math.exp((low + high) / 2)) };
}

export function confidencePerturbations(weights: DomainWeights): Perturbation[] {
  return (['logprob', 'self-rated'] as const).flatMap((signal) =>
    (['low', 'high'] as const).map((side: Side): Perturbation => {
      const band = CONFIDENCE_BANDS[signal];
      const target = band[side];
      return {
        id: `${signal}-auroc`,
        assumption: `${signal} confidence AUROC`,
        side,
        setting: `every model's ${signal} AUROC ${target} at its typical accuracy`,
        band: band.source,
        apply: (inputs) =>
          mapModels(inputs, (model) =>
            withSignalAuroc(model, signal, target, typicalSetting(model, inputs.domains, weights)),
          ),
        affects: (config) => readsSignal(config, signal),
      };
    }),
  );
}
