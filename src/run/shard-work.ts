/**
 * What a shard and the merge both derive from the scenario before any work runs: the plan, the
 * request stream (regenerated from the seed on every machine: no shared state) and the run's work
 * list — every unit, the oracle, the judge-ε study and every robustness re-run — so that both
 * sides name the same items in the same order.
 */
import type { RunResult } from '../engine/types.ts';
import { worldFromScenario } from '../scenario/scenario-world.ts';
import { requestStreamFromScenario } from '../traffic/index.ts';
import { JUDGE_EPSILONS, JUDGE_STUDY_REQUESTS, judgeCascadeConfig } from './judge-epsilon.ts';
import { unitKey } from './plan.ts';
import { planRun, type RunStrategies } from './plan-run.ts';
import { reasoningEffortHook } from './reasoning-effort-hook.ts';
import type { UnitInfo } from './reporter.ts';
import type { PerturbedTask, RunPerturbed } from './robustness-runs.ts';
import type { WorkItem } from './shard-plan.ts';
import {
  type LoadedScenario,
  type PreparedStream,
  preparedFrom,
  reseeded,
  selectStrategies,
} from './simulate-inputs.ts';
import { type StartedRobustness, startRobustness } from './simulate-robustness.ts';
import { unitWeight } from './simulate-units.ts';
import type { StreamFacts } from './stream-facts.ts';

export interface ShardedRunInputs {
  loaded: LoadedScenario;
  /** --strategies. @default every scenario strategy */
  strategies?: readonly string[] | undefined;
  /** @default true */
  robustness?: boolean;
  /**
   * Plan the research units, the judge-ε study and the robustness re-runs (false: `--no-research`,
   * the same reduced work list simulate runs). @default true
   */
  research?: boolean;
  /** Keep the request ids in `facts` (the merge writes them to columns.bin; a shard does not). @default false */
  requestIds?: boolean;
  /** Tests: the most requests kept decoded before the stream is spilled in chunks. @default MEMO_MAX_REQUESTS */
  keepRequests?: number;
}

/** The run's plan and work list, from the stream's facts (the merge's view: it runs nothing). */
export interface ShardedPlan {
  loaded: LoadedScenario;
  plan: RunStrategies;
  /** Every plan unit's label and kind, plan order (seed copies included). */
  infos: UnitInfo[];
  /** Plan indices of the units of the plain world (seed 0), the ones reported: a prefix of the plan. */
  reported: number[];
  tiers: string[];
  /** The stream's hash and request columns; its ids only when asked for (a shard writes no columns.bin). */
  facts: Omit<StreamFacts, 'requestIds'> & { requestIds?: string[] };
  /** Every piece of work, plan order: units (seed copies too), oracle, judge-ε study, robustness re-runs. */
  work: WorkItem[];
  /** Start the robustness moves with `run` for their re-runs (submission order = ordinal), or undefined when off. */
  startMoves(run: RunPerturbed): StartedRobustness | undefined;
}

export interface ShardedRun extends ShardedPlan {
  prepared: PreparedStream;
  /** A fresh world of the scenario (every unit's). */
  world: () => ReturnType<typeof worldFromScenario>;
  /** A fresh world of world seed index j (--seeds; 0 is `world`'s), as simulate-world-seeds.ts builds it. */
  worldOf: (seedIndex: number) => ReturnType<typeof worldFromScenario>;
}

/** Work item ids. */
export const workId = {
  /** A unit by its plan.ts unitKey: `unit:cascade`, or `unit:cascade#s2` for its copy in world seed 2. */
  unit: (key: string) => `unit:${key}`,
  oracle: 'oracle',
  judgeEpsilon: 'judge-epsilon',
  robustness: (ordinal: number, label: string) => `robustness:${ordinal}:${label}`,
} as const;

/** Plan, stream and work list of `inputs` (the stream generated and hashed here). */
export async function shardedRun(inputs: ShardedRunInputs): Promise<ShardedRun> {
  const { scenario } = inputs.loaded;
  const source = requestStreamFromScenario(scenario);
  const prepared = preparedFrom(
    source,
    undefined,
    inputs.keepRequests === undefined ? {} : { maxRequests: inputs.keepRequests },
  );
  const tiers = scenario.traffic.tiers.map((tier) => tier.name);
  // Ids dropped unless asked for: at a month's 30 M requests they are ≈ 1.2 GB of strings.
  const { requestIds, ...withoutIds } = prepared.facts(tiers);
  const facts = inputs.requestIds === true ? { ...withoutIds, requestIds } : withoutIds;
  const planned = await shardedPlan(inputs, facts);
  const worldOf = (seedIndex: number) =>
    worldFromScenario(
      reseeded(scenario, seedIndex),
      inputs.loaded.catalog,
      prepared.stream.hidden,
      prepared.outcomes,
    );
  return { ...planned, prepared, world: () => worldOf(0), worldOf };
}

/**
 * Plan and work list of `inputs` over a stream whose facts are known (computed by shardedRun, or
 * read from shard 1's folder by the merge): nothing here generates a request.
 */
export async function shardedPlan(
  inputs: ShardedRunInputs,
  facts: ShardedPlan['facts'],
): Promise<ShardedPlan> {
  const { loaded } = inputs;
  const { scenario } = loaded;
  const configs = selectStrategies(scenario, loaded.file, inputs.strategies);
  const research = inputs.research !== false;
  const plan = await planRun(loaded, configs, { research });
  const infos: UnitInfo[] = plan.units.map((unit) => ({ label: unit.label, kind: unit.kind }));
  // --seeds k: the copies of a unit in worlds j ≥ 1 are work items of their own (plan.ts puts them
  // last); only the plain world's units are reported and moved by the robustness study, as in simulate.
  const reported = plan.units.flatMap((unit, index) => (unit.seedIndex === undefined ? [index] : []));
  const plainUnits = reported.map((index) => plan.units[index]!);
  const families = new Map(configs.map((config, index) => [config.name, plan.built[index]?.family]));
  const tiers = scenario.traffic.tiers.map((tier) => tier.name);
  const count = facts.requests.arrival.length;
  const startMoves = (run: RunPerturbed): StartedRobustness | undefined =>
    inputs.robustness === false || !research
      ? undefined
      : startRobustness({
          scenario,
          catalog: loaded.catalog,
          configs,
          units: plainUnits,
          requests: facts.requests,
          run,
          reasoning: reasoningEffortHook,
        });
  // The pool's weights put scenario strategies first (+10, for the bootstrap); a shard wants cost.
  // Rounded: 10.6 − 10 is not 0.6 in binary, and a scenario strategy would sort below its own sweeps.
  const costOf = (unit: (typeof plan.units)[number]) =>
    Math.round((unitWeight(unit, families) - (unit.kind === 'strategy' ? 10 : 0)) * 1000) / 1000;
  // A seed copy costs what its unit costs (same strategy, same stream, another world).
  const work: WorkItem[] = plan.units.map((unit) => ({
    id: workId.unit(unitKey(unit)),
    weight: costOf(unit),
  }));
  // The oracle calls each model until one answers: about one unit's cost.
  work.push({ id: workId.oracle, weight: 1 });
  if (research && judgeCascadeConfig(configs) !== undefined) {
    const share = Math.min(JUDGE_STUDY_REQUESTS, count) / Math.max(1, count);
    work.push({ id: workId.judgeEpsilon, weight: (JUDGE_EPSILONS.length + 1) * share });
  }
  const tasks: PerturbedTask[] = [];
  startMoves((task) => {
    tasks.push(task);
    return Promise.resolve(undefined as unknown as RunResult);
  });
  tasks.forEach((task, ordinal) => {
    // A re-run costs what its strategy's own unit costs.
    const unit = plainUnits.find((planned) => planned.kind === 'strategy' && planned.label === task.label);
    work.push({ id: workId.robustness(ordinal, task.label), weight: unit === undefined ? 1 : costOf(unit) });
  });
  return { loaded, plan, infos, reported, tiers, facts, work, startMoves };
}
