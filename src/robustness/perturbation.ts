/**
 * A robustness move: one of the least certain assumptions of the world pushed to one end of its
 * published band. A move is a pure transform of what builds a run's world — the effective
 * catalog, the domain parameters and the scenario's strategy configs (the judge's ε is a cascade
 * option) — and says which strategies it can change, so a strategy it cannot change keeps its
 * base run (common random numbers make the re-run identical, test/robustness-moves.test.ts).
 */

import type { ModelSpec } from '../contracts/index.ts';
import type { WorldInputs } from '../scenario/scenario-world.ts';
import type { StrategyConfig } from '../scenario/types.ts';

export type Side = 'low' | 'high';

/** What a move transforms: plain data, so a worker thread can receive it as it is. */
export interface MoveInputs extends WorldInputs {
  /** The scenario strategies being run (after --strategies), in scenario order. */
  strategies: readonly StrategyConfig[];
}

export interface Perturbation {
  /** Stable id of the assumption, e.g. "latency"; with the side it keys the move in results.json. */
  id: string;
  /** The assumption in words, e.g. "latency (TTFT and decode speed)". */
  assumption: string;
  side: Side;
  /** What this side sets, e.g. "every model at its own P95 TTFT and P5 decode speed". */
  setting: string;
  /** Where the band comes from (paper + table, or the anchors section). */
  band: string;
  apply(inputs: MoveInputs): MoveInputs;
  /** Can this move change a run of `config`? (false only when the run is provably identical) */
  affects(config: StrategyConfig): boolean;
}

/** `inputs` with every model of the catalog replaced by `change(model)`. */
export function mapModels(inputs: MoveInputs, change: (model: ModelSpec) => ModelSpec): MoveInputs {
  return { ...inputs, catalog: { ...inputs.catalog, models: inputs.catalog.models.map(change) } };
}

/** The key of a move in results.json and messages: "latency:high". */
export const moveKey = (move: Pick<Perturbation, 'id' | 'side'>) => `${move.id}:${move.side}`;
