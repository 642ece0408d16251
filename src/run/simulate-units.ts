/**
 * Running a simulation's planned units, in-process or on a worker pool, and feeding the
 * reporters in plan order either way: onUnitStart → (onDecision… | onDecisionPart) → onUnitEnd
 * per unit, so the output files are byte-identical whichever way (and in whichever order) the
 * units ran.
 *
 * On a pool every unit — scenario strategies too — runs in a worker, the main thread only
 * orchestrates: units are submitted longest first (so the last ones to finish are short and the
 * cores stay busy to the end), scenario strategies write their decision rows to part files in
 * the worker and time their own decision overhead, and results are reported in plan order as
 * soon as each one and all before it are in.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { World } from '../contracts/index.ts';
import type { DecisionRecord, RunResult } from '../engine/types.ts';
import { TEMP_SUFFIX } from '../report/atomic-write.ts';
import type { Reporter, RunProgress, UnitInfo } from '../report/types.ts';
import type { ModelInfo } from '../strategies/types.ts';
import type { PlannedUnit } from './plan.ts';
import type { MemoizedStream } from './stream-cache.ts';
import type { UnitRunners } from './unit-runner.ts';
import type { EnginePool, TaskResult } from './workers.ts';

/** Calls one hook on every reporter. */
export type Emit = <Hook extends keyof Reporter>(
  hook: Hook,
  ...args: Parameters<NonNullable<Reporter[Hook]>>
) => void;

export interface UnitRunOptions {
  units: readonly PlannedUnit[];
  infos: readonly UnitInfo[];
  stream: MemoizedStream;
  models: readonly ModelInfo[];
  /** A fresh world for one unit (common random numbers: identical for every unit). */
  world: () => World;
  durationMs: number;
  emit: Emit;
  progress: (progress: RunProgress) => void;
  wallClock: () => number;
  /** The runner of each unit in-process (runUnit or runUnitWire: unit-runner.ts). */
  runner: UnitRunners;
  /** Relative cost of each unit (longest are submitted first on a pool). @default all equal */
  weights?: readonly number[];
}

export interface UnitRunResults {
  runs: RunResult[];
  /** Per unit, ms (measured in the worker when the unit ran in one). */
  unitWallMs: number[];
}

/** Report progress every this many decisions. */
const PROGRESS_EVERY = 1024;

export async function runInProcess(options: UnitRunOptions): Promise<UnitRunResults> {
  const { units, infos, emit, wallClock } = options;
  const count = options.stream.count;
  const total = units.length * count;
  const runs: RunResult[] = [];
  const unitWallMs: number[] = [];
  for (const [index, unit] of units.entries()) {
    const info = infos[index] as UnitInfo;
    emit('onUnitStart', index, info);
    const started = wallClock();
    const base = {
      unitIndex: index,
      unitCount: units.length,
      label: unit.label,
      durationMs: options.durationMs,
    };
    options.progress({ ...base, virtualMs: 0, requestsDone: index * count, requestsTotal: total });
    let done = 0;
    const onDecision = (record: DecisionRecord) => {
      emit('onDecision', info, record);
      done += 1;
      if (done % PROGRESS_EVERY === 0) {
        options.progress({
          ...base,
          virtualMs: record.arrivalMs,
          requestsDone: index * count + done,
          requestsTotal: total,
        });
      }
    };
    const run = await options.runner(unit)({
      stream: options.stream,
      world: options.world(),
      strategy: unit.build(),
      models: options.models,
      label: unit.label,
      ...(unit.knobValue === undefined ? {} : { knobValue: unit.knobValue }),
      // Only scenario strategies are logged and timed (decision overhead goes to timings.json).
      ...(info.kind === 'strategy' ? { onDecision, wallClock } : {}),
    });
    const wallMs = wallClock() - started;
    runs.push(run);
    unitWallMs.push(wallMs);
    emit('onUnitEnd', { index, unit: info, run, wallMs });
  }
  return { runs, unitWallMs };
}

/** What submitUnits needs: the plan and the reporters, not the stream (the workers have it). */
export type PoolUnitOptions = Pick<
  UnitRunOptions,
  'units' | 'infos' | 'durationMs' | 'emit' | 'progress' | 'weights'
> & {
  requestCount: number;
};

/** Submitted pool tasks of a plan; `report` feeds the reporters in plan order as results arrive. */
export interface SubmittedUnits {
  report(): Promise<UnitRunResults>;
  /** The result of unit `index` (plan order), when it is in. */
  result(index: number): Promise<TaskResult>;
  /** Remove the workers' decision part files that no reporter took over (after a failure). */
  cleanup(): void;
}

/**
 * Submit every unit to `pool` now (longest first by `weights`) and return how to report them.
 * Scenario strategies write decisions.csv part files under `outDir`.
 */
export function submitUnits(options: PoolUnitOptions, pool: EnginePool, outDir: string): SubmittedUnits {
  const { units, infos, emit } = options;
  const partsDir = join(outDir, `.worker-decisions.${process.pid}${TEMP_SUFFIX}`);
  const logged = infos.some((info) => info.kind === 'strategy');
  if (logged) mkdirSync(partsDir, { recursive: true });
  const order = units.map((_unit, index) => index);
  const weights = options.weights;
  if (weights !== undefined) order.sort((a, b) => (weights[b] ?? 0) - (weights[a] ?? 0) || a - b);
  const parts: (string | undefined)[] = units.map((_unit, index) =>
    infos[index]?.kind === 'strategy' ? join(partsDir, `${index}.csv`) : undefined,
  );
  const pending: Promise<TaskResult>[] = new Array(units.length);
  for (const index of order) {
    const unit = units[index] as PlannedUnit;
    const file = parts[index];
    pending[index] = pool.run({
      kind: 'unit',
      label: unit.label,
      ...(file === undefined ? {} : { decisions: { file, format: 'csv' as const }, timed: true }),
    });
    // Reported (and so awaited) in plan order; until then a rejection is not unhandled.
    pending[index].catch(() => {});
  }
  return {
    result: (index) => pending[index] ?? Promise.reject(new RangeError(`no unit ${index} in the plan`)),
    async report() {
      const count = options.requestCount;
      const runs: RunResult[] = [];
      const unitWallMs: number[] = [];
      for (const [index, unit] of units.entries()) {
        const info = infos[index] as UnitInfo;
        const { run, wallMs } = await (pending[index] as Promise<TaskResult>);
        const file = parts[index];
        if (file !== undefined) emit('onDecisionPart', info, file);
        emit('onUnitStart', index, info);
        runs.push(run);
        unitWallMs.push(wallMs);
        emit('onUnitEnd', { index, unit: info, run, wallMs });
        options.progress({
          unitIndex: index,
          unitCount: units.length,
          label: unit.label,
          durationMs: options.durationMs,
          virtualMs: options.durationMs,
          requestsDone: (index + 1) * count,
          requestsTotal: units.length * count,
        });
      }
      if (logged) rmSync(partsDir, { recursive: true, force: true });
      return { runs, unitWallMs };
    },
    cleanup() {
      if (logged) rmSync(partsDir, { recursive: true, force: true });
    },
  };
}

/**
 * Relative wall time of a unit (measured, one thread): the pool starts the longest first so the
 * run does not end waiting on one long unit. Logged units also write their decision rows.
 */
const FAMILY_WEIGHTS: Partial<Record<string, number>> = { learned: 1.2, rules: 1.1, domain: 1, cascade: 0.9 };

export function unitWeight(unit: PlannedUnit, families: ReadonlyMap<string, string | undefined>): number {
  const parent = unit.kind === 'sweep' ? unit.label.slice(0, unit.label.lastIndexOf('@')) : unit.label;
  const family = families.get(parent) ?? 'baseline';
  // Scenario strategies first: the bootstrap waits for them alone.
  return (FAMILY_WEIGHTS[family] ?? 0.6) + (unit.kind === 'strategy' ? 10 : 0);
}
