/**
 * The robustness moves a scenario gets: every move whose assumption can change one of its
 * strategies' runs, in a fixed order (latency, confidence, judge, reasoning). The others are
 * listed as skipped with the reason, so the report can say what was not moved and why.
 */
import { confidencePerturbations, type DomainWeights } from './confidence-moves.ts';
import { judgePerturbations } from './judge-moves.ts';
import { latencyPerturbations } from './latency-moves.ts';
import type { MoveInputs, Perturbation } from './perturbation.ts';
import { type ReasoningEffortHook, reasoningEffortPerturbations } from './reasoning-moves.ts';

export interface MoveSelection {
  /** Moves to run, low side before high side per assumption. */
  moves: Perturbation[];
  /** Assumptions not moved, with why. */
  skipped: { id: string; assumption: string; reason: string }[];
}

export interface MoveOptions {
  /** The scenario's traffic weight per domain (the confidence moves' typical setting). */
  weights: DomainWeights;
  /** The scenario's candidate models. */
  candidates: readonly string[];
  /** How to set a reasoning model's effort; without it the reasoning move is skipped. @default none */
  reasoning?: ReasoningEffortHook;
}

export function robustnessMoves(inputs: MoveInputs, options: MoveOptions): MoveSelection {
  const moves: Perturbation[] = [];
  const skipped: MoveSelection['skipped'] = [];
  const consider = (group: Perturbation[], unusedReason: string) => {
    const first = group[0];
    if (first === undefined) return;
    if (inputs.strategies.some((config) => first.affects(config))) moves.push(...group);
    else skipped.push({ id: first.id, assumption: first.assumption, reason: unusedReason });
  };
  consider(latencyPerturbations(), 'no strategy to run');
  const confidence = confidencePerturbations(options.weights);
  const ofSignal = (id: string) => confidence.filter((move) => move.id === id);
  consider(ofSignal('logprob-auroc'), 'no strategy reads logprob confidence');
  consider(ofSignal('self-rated-auroc'), 'no strategy reads self-rated certainty');
  consider(judgePerturbations(), 'no judge cascade');
  const hook = options.reasoning;
  const candidates = new Set(options.candidates);
  const reasoners = inputs.catalog.models.filter((model) => candidates.has(model.id) && hook?.reasons(model));
  if (hook === undefined) {
    skipped.push({
      id: 'reasoning-effort',
      assumption: 'reasoning effort',
      reason: 'this build models no reasoning effort to move',
    });
  } else if (reasoners.length === 0) {
    skipped.push({ id: 'reasoning-effort', assumption: 'reasoning effort', reason: 'no candidate reasons' });
  } else consider(reasoningEffortPerturbations(hook), 'no strategy to run');
  return { moves, skipped };
}
