/**
 * Running a simulation's planned units, in-process or on a worker pool, and feeding the
 * reporters in plan order either way: onUnitStart → (onDecision… | onDecisionPart) → onUnitEnd
 * per unit, so the output files are byte-identical whichever way (and in whichever order) the
 * units ran.
 *
 * On a pool every unit — scenario strategies too — runs in a worker, the main thread only
 * orchestrates: units are submitted longest first (so the last ones to finish are short and the
 * cores stay busy to the end), scenario strategies write their decision rows in the worker, to
 * the part files the decisions reporter names (Reporter.decisionPartTarget), and time their own
 * decision overhead, and results are reported in plan order as soon as each one and all before
 * it are in.
 */
import type { World } from '../contracts/index.ts';
import type { DecisionRecord, RunResult } from '../engine/types.ts';
import type { ModelInfo } from '../strategies/types.ts';
import type { PlannedUnit } from './plan.ts';
import type { DecisionPartTarget, Reporter, RunProgress, UnitInfo } from './reporter.ts';
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
  /** Calls one request may make (scenario limits.callsPerRequest). @default the engine's (100) */
  maxCallsPerRequest?: number;
}

export interface UnitRunResults<Kept = RunResult> {
  /** Each unit's run as `keep` reduced it once reported (by default the run itself). */
  runs: Kept[];
  /** Per unit, ms (measured in the worker when the unit ran in one). */
  unitWallMs: number[];
}

/** Report progress every this many decisions. */
const PROGRESS_EVERY = 1024;

/**
 * What the caller keeps of a unit's run once the reporters have seen it (simulate: its digest,
 * metrics/run-digest.ts, so the columns most runs carry are dropped as each one arrives).
 */
export type KeepRun<Kept> = (run: RunResult, index: number, wallMs: number) => Kept;

const keepWhole = <Kept>(run: RunResult) => run as unknown as Kept;

export async function runInProcess<Kept = RunResult>(
  options: UnitRunOptions,
  keep: KeepRun<Kept> = keepWhole,
): Promise<UnitRunResults<Kept>> {
  const { units, infos, emit, wallClock } = options;
  const count = options.stream.count;
  const total = units.length * count;
  const runs: Kept[] = [];
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
      ...(options.maxCallsPerRequest === undefined ? {} : { maxCallsPerRequest: options.maxCallsPerRequest }),
      // Only scenario strategies are logged and timed (decision overhead goes to timings.json).
      ...(info.kind === 'strategy' ? { onDecision, wallClock } : {}),
    });
    const wallMs = wallClock() - started;
    unitWallMs.push(wallMs);
    emit('onUnitEnd', { index, unit: info, run, wallMs });
    runs.push(keep(run, index, wallMs));
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
  /** Report every unit in plan order, keeping of each what `keep` returns. */
  report<Kept = RunResult>(keep?: KeepRun<Kept>): Promise<UnitRunResults<Kept>>;
  /**
   * The result of unit `index` (plan order), when it is in. A unit that is not a scenario
   * strategy is released once reported (its columns are not held here): asking for it then rejects.
   */
  result(index: number): Promise<TaskResult>;
}

/**
 * Submit every unit to `pool` now (longest first by `weights`) and return how to report them.
 * Scenario strategies write their decisions where `parts` (the first reporter with
 * decisionPartTarget, if any) says; without one they are timed but not logged.
 */
export function submitUnits(
  options: PoolUnitOptions,
  pool: EnginePool,
  parts: Reporter | undefined,
): SubmittedUnits {
  const { units, infos, emit } = options;
  const order = units.map((_unit, index) => index);
  const weights = options.weights;
  if (weights !== undefined) order.sort((a, b) => (weights[b] ?? 0) - (weights[a] ?? 0) || a - b);
  const targets: (DecisionPartTarget | undefined)[] = new Array(units.length);
  const pending: (Promise<TaskResult> | undefined)[] = new Array(units.length);
  for (const index of order) {
    const unit = units[index] as PlannedUnit;
    const info = infos[index] as UnitInfo;
    const logged = info.kind === 'strategy';
    const target = logged ? parts?.decisionPartTarget?.(info, index) : undefined;
    targets[index] = target;
    const task = pool.run({
      kind: 'unit',
      label: unit.label,
      ...(unit.seedIndex === undefined ? {} : { seed: unit.seedIndex }),
      ...(target === undefined ? {} : { decisions: target }),
      ...(logged ? { timed: true } : {}),
    });
    // Reported (and so awaited) in plan order; until then a rejection is not unhandled.
    task.catch(() => {});
    pending[index] = task;
  }
  return {
    result: (index) =>
      pending[index] ??
      Promise.reject(new RangeError(`no unit ${index} in the plan (or released once reported)`)),
    async report<Kept = RunResult>(keep: KeepRun<Kept> = keepWhole) {
      const count = options.requestCount;
      const runs: Kept[] = [];
      const unitWallMs: number[] = [];
      for (const [index, unit] of units.entries()) {
        const info = infos[index] as UnitInfo;
        const { run, wallMs } = await (pending[index] as Promise<TaskResult>);
        const target = targets[index];
        if (target !== undefined) parts?.onDecisionPart?.(info, target.file);
        emit('onUnitStart', index, info);
        unitWallMs.push(wallMs);
        emit('onUnitEnd', { index, unit: info, run, wallMs });
        runs.push(keep(run, index, wallMs));
        // Only the scenario strategies' results are asked for again (the bootstrap on the pool):
        // any other unit's run is released here, not held until the end of the run.
        if (info.kind !== 'strategy') pending[index] = undefined;
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
      return { runs, unitWallMs };
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
