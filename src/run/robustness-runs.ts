/**
 * Running the robustness moves (src/robustness): for each side of each move, every scenario
 * strategy the move can change runs again over the same request stream in a world built from the
 * moved inputs; the others keep their base run, which a re-run would reproduce exactly (common
 * random numbers: a move changes only draws those strategies never read). The strategies stay as
 * configured and see the same published model facts (ModelInfo) as in the base run: the verdict
 * asks whether the same routers rank the same way if the world is not the one the catalog assumes.
 *
 * Perturbed units are research units: built-in strategies run on the direct engine (byte-identical
 * to the wire one, test/wire-direct-equality*.test.ts), a user's module on the engine it needs.
 * On a worker pool they run in the workers, submitted after the plan's units; results are taken
 * in move order, so the output is the same on any number of workers.
 */

import type { RunResult } from '../engine/types.ts';
import type { MovedRuns, MovedSummary } from '../metrics/robustness.ts';
import { type MoveInputs, moveKey, type Perturbation } from '../robustness/perturbation.ts';
import type { WorldInputs } from '../scenario/scenario-world.ts';
import type { StrategyConfig } from '../scenario/types.ts';

/** One perturbed unit: a scenario strategy (its possibly moved config) in a moved world. */
export interface PerturbedTask {
  /** The scenario strategy's label (its run keeps it). */
  label: string;
  config: StrategyConfig;
  world: WorldInputs;
}

export type RunPerturbed = (task: PerturbedTask) => Promise<RunResult>;

/** Submitted moves: per side, a pending run per strategy the move changes (undefined: reuse base). */
export interface SubmittedMoves {
  /** Number of perturbed units submitted. */
  readonly units: number;
  /** Every side's runs, in base order, once the base runs are known. */
  collect(baseRuns: readonly (RunResult | MovedSummary)[]): Promise<MovedRuns[]>;
}

/**
 * Submit every side of `moves` over `base` to `run` now. `base.strategies` are the scenario
 * strategies in plan order (the order of the base runs given to `collect`). With `summarize`, each
 * perturbed run is reduced to its summary as soon as it arrives, so its per-request columns are
 * not kept while the rest of the run goes on (the verdict reads nothing else of it).
 */
export function submitMoves(
  moves: readonly Perturbation[],
  base: MoveInputs,
  run: RunPerturbed,
  summarize?: (run: RunResult) => MovedSummary,
): SubmittedMoves {
  let units = 0;
  const sides = moves.map((move) => {
    const moved = move.apply(base);
    const world: WorldInputs = { catalog: moved.catalog, domains: moved.domains };
    const pending = base.strategies.map((config, index) => {
      if (!move.affects(config)) return undefined;
      units++;
      const task = { label: config.name, config: moved.strategies[index] ?? config, world };
      const promise: Promise<RunResult | MovedSummary> =
        summarize === undefined ? run(task) : run(task).then(summarize);
      // Awaited in order by collect; until then a rejection is not unhandled.
      promise.catch(() => {});
      return promise;
    });
    return { move, pending };
  });
  return {
    units,
    async collect(baseRuns) {
      const out: MovedRuns[] = [];
      for (const { move, pending } of sides) {
        const runs: (RunResult | MovedSummary)[] = [];
        for (const [index, promise] of pending.entries()) {
          const baseRun = baseRuns[index];
          if (baseRun === undefined) throw new Error(`robustness ${moveKey(move)}: no base run ${index}`);
          runs.push(promise === undefined ? baseRun : await promise);
        }
        out.push({
          id: move.id,
          side: move.side,
          assumption: move.assumption,
          setting: move.setting,
          band: move.band,
          runs,
          rerun: pending.map((promise) => promise !== undefined),
        });
      }
      return out;
    },
  };
}

/** A RunPerturbed that runs one task at a time, in submission order (the in-process path). */
export function sequential(runOne: RunPerturbed): RunPerturbed {
  let chain: Promise<unknown> = Promise.resolve();
  return (task) => {
    const next = chain.then(() => runOne(task));
    chain = next.catch(() => {});
    return next;
  };
}
