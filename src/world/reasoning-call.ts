/**
 * The world's two reasoning hooks for one call: how many hidden tokens the answer wants (drawn
 * in the call's own seed space — an answer's, or a judging's), and the spec whose quality targets
 * hold for the call's reasoning setting when it differs from the model's configured one.
 */

import type { Domain, DomainParams, HiddenLabels, ModelSpec, ReasoningSetting } from '../contracts/index.ts';
import type { DrawKey } from './latency.ts';
import { accuracyShiftBetween, drawReasoningTokens, sameSetting } from './reasoning.ts';
import { specWithAccuracyShift } from './reasoning-quality.ts';

/** reasoningFor(spec, setting, labels, key, sample): hidden tokens, 0 for a model that does not reason. */
export function reasoningDraws(domains: Record<Domain, DomainParams>) {
  return (
    spec: ModelSpec,
    setting: ReasoningSetting | undefined,
    labels: HiddenLabels,
    key: DrawKey,
    sample: number,
  ): number => {
    const reasoning = spec.reasoning;
    if (reasoning === undefined) return 0;
    const params = domains[labels.domain];
    const difficultyZ = params.sigma > 0 ? (labels.difficulty - params.mu) / params.sigma : 0;
    return drawReasoningTokens(
      { seed: key.seed, request: key.request, model: key.model, sample },
      reasoning,
      setting ?? reasoning.setting,
      labels.domain,
      difficultyZ,
    );
  };
}

/** specAt(spec, setting): the spec itself, or a memoised copy shifted to the call's setting. */
export function specsBySetting() {
  const memo = new Map<string, ModelSpec>();
  return (spec: ModelSpec, setting: ReasoningSetting | undefined): ModelSpec => {
    const reasoning = spec.reasoning;
    if (
      reasoning === undefined ||
      setting === undefined ||
      sameSetting(reasoning, setting, reasoning.setting)
    ) {
      return spec;
    }
    const key = `${spec.id}|${setting.effort ?? ''}|${setting.budgetTokens ?? ''}`;
    let shifted = memo.get(key);
    if (shifted === undefined) {
      shifted = specWithAccuracyShift(spec, (domain) =>
        accuracyShiftBetween(reasoning, domain, reasoning.setting, setting),
      );
      memo.set(key, shifted);
    }
    return shifted;
  };
}
