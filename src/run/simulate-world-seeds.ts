/**
 * The runs of `--seeds k` beyond the plain run: every re-seeded unit (plan.ts `seedIndex` j ≥ 1)
 * run in the world of its seed, reported to no one (the decision log and columns hold the plain
 * run's world only), grouped per world for the metrics (metrics/world-seeds.ts). On a pool they
 * were submitted with the plan's other units; in-process they run here, one world after another.
 */

import type { World } from '../contracts/index.ts';
import type { RunResult } from '../engine/types.ts';
import type { PlannedUnit } from './plan.ts';
import type { UnitInfo } from './reporter.ts';
import { runInProcess, type SubmittedUnits, type UnitRunOptions } from './simulate-units.ts';

export interface OtherWorldsInput {
  /** The re-seeded units, plan order (j = 1 first). */
  seedUnits: readonly PlannedUnit[];
  seedInfos: readonly UnitInfo[];
  /** Their pool tasks, when the run has a pool. */
  submitted: SubmittedUnits | undefined;
  /** What the units need to run in-process (no pool): the world is the one of their seed index. */
  inProcess: Omit<UnitRunOptions, 'units' | 'infos' | 'world' | 'emit' | 'progress'> & {
    world(seedIndex: number): World;
  };
}

/** Runs per world seed j = 1 … k − 1, each in its units' plan order, kinds tagged. */
export async function runOtherWorlds(input: OtherWorldsInput): Promise<RunResult[][]> {
  const { seedUnits } = input;
  const runs: RunResult[] =
    input.submitted === undefined ? await inProcessWorlds(input) : (await input.submitted.report()).runs;
  const worlds: RunResult[][] = [];
  runs.forEach((run, index) => {
    const unit = seedUnits[index]!;
    run.kind = unit.kind;
    const seedIndex = unit.seedIndex ?? 0;
    const world = worlds[seedIndex - 1] ?? [];
    worlds[seedIndex - 1] = world;
    world.push(run);
  });
  return worlds;
}

async function inProcessWorlds(input: OtherWorldsInput): Promise<RunResult[]> {
  const runs: RunResult[] = [];
  const seeds = [...new Set(input.seedUnits.map((unit) => unit.seedIndex ?? 0))];
  for (const seedIndex of seeds) {
    const positions = input.seedUnits.flatMap((unit, index) => (unit.seedIndex === seedIndex ? [index] : []));
    const result = await runInProcess({
      ...input.inProcess,
      units: positions.map((index) => input.seedUnits[index]!),
      infos: positions.map((index) => input.seedInfos[index]!),
      world: () => input.inProcess.world(seedIndex),
      // Reported to no one: the outputs hold the plain run's world only.
      emit: () => {},
      progress: () => {},
    });
    runs.push(...result.runs);
  }
  return runs;
}
