/**
 * Reasoning effort at its low and high settings: how many hidden reasoning tokens a reasoning
 * model spends (and what they cost and how long they take) is the least pinned-down figure of a
 * reasoning model. The catalog's reasoning fields belong to the world (src/world); this move only
 * needs to know which models reason and how to set their effort, so it takes both as a hook and
 * the registry (perturbations.ts) runs it only when a hook is given and a candidate reasons.
 */
import type { ModelSpec } from '../contracts/index.ts';
import { mapModels, type Perturbation, type Side } from './perturbation.ts';

/** What the move needs from the world's reasoning model. */
export interface ReasoningEffortHook {
  /** Does `model` reason with a settable effort? */
  reasons(model: ModelSpec): boolean;
  /** `model` at effort `side` ('low' or 'high'); called only for a model that reasons. */
  withEffort(model: ModelSpec, side: Side): ModelSpec;
  /** Where the low/high token figures come from, e.g. "o3-mini ≈ 1.1k tokens at medium, ≈ 3.7k at high (realism-anchors.md §2b)". */
  band: string;
}

export function reasoningEffortPerturbations(hook: ReasoningEffortHook): Perturbation[] {
  return (['low', 'high'] as const).map((side) => ({
    id: 'reasoning-effort',
    assumption: 'reasoning effort',
    side,
    setting: `every reasoning model at ${side} effort`,
    band: hook.band,
    apply: (inputs) =>
      mapModels(inputs, (model) => (hook.reasons(model) ? hook.withEffort(model, side) : model)),
    // Any strategy may send a request to a reasoning model (its cost, latency and timeouts move).
    affects: () => true,
  }));
}
