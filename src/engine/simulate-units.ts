/**
 * Running a simulation's planned units, in-process or on worker threads, and feeding the
 * reporters in plan order either way: onUnitStart → onDecision… → onUnitEnd per unit, so the
 * output files are byte-identical whichever way (and in whichever order) the units ran.
 */
import type { Reporter, RunProgress, UnitInfo } from '../report/types.ts';
import type { ModelInfo } from '../strategies/types.ts';
import type { World } from '../world/types.ts';
import type { PlannedUnit } from './plan.ts';
import { runUnit } from './run-unit.ts';
import type { MemoizedStream } from './stream-cache.ts';
import type { DecisionRecord, RunResult } from './types.ts';
import { runUnitsInWorkers } from './workers.ts';

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
  /** Worker threads; 1 = in-process. */
  workers: number;
  /** For workers, which rebuild the units themselves. */
  scenarioPath: string;
  seed: number;
}

export interface UnitRunResults {
  runs: RunResult[];
  /** Per unit, ms; NaN when the unit ran in a worker (not measured separately). */
  unitWallMs: number[];
}

/** Report progress every this many decisions. */
const PROGRESS_EVERY = 1024;

export function runPlannedUnits(options: UnitRunOptions): Promise<UnitRunResults> {
  return options.workers > 1 ? runInWorkers(options) : runInProcess(options);
}

/** `planned`: the plan's unit count, when `units` are its first units (the scenario strategies). */
async function runInProcess(
  options: UnitRunOptions,
  planned = options.units.length,
): Promise<UnitRunResults> {
  const { units, infos, emit, wallClock } = options;
  const count = options.stream.count;
  const total = planned * count;
  const runs: RunResult[] = [];
  const unitWallMs: number[] = [];
  for (const [index, unit] of units.entries()) {
    const info = infos[index] as UnitInfo;
    emit('onUnitStart', index, info);
    const started = wallClock();
    const base = {
      unitIndex: index,
      unitCount: planned,
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
    const run = await runUnit({
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

/**
 * Scenario strategies in-process (their decisions stream straight to the reporters and their
 * decision overhead is timed), then the sweep points and single models — most of the units,
 * never logged — on worker threads.
 */
async function runInWorkers(options: UnitRunOptions): Promise<UnitRunResults> {
  const { units, infos, emit } = options;
  // planUnits puts the scenario strategies first, so they are the plan's first `logged` units.
  const logged = units.findIndex((_unit, index) => infos[index]?.kind !== 'strategy');
  const split = logged === -1 ? units.length : logged;
  if (infos.slice(split).some((info) => info.kind === 'strategy')) {
    throw new Error('run plan: scenario strategies must come before sweeps and single models');
  }
  const local = await runInProcess(
    { ...options, units: units.slice(0, split), infos: infos.slice(0, split) },
    units.length,
  );
  const rest = units.flatMap((_unit, index) => (index < split ? [] : [index]));
  const runs: RunResult[] = new Array(units.length);
  const unitWallMs: number[] = units.map(() => Number.NaN);
  local.runs.forEach((run, index) => {
    runs[index] = run;
    unitWallMs[index] = local.unitWallMs[index] ?? Number.NaN;
  });
  if (rest.length > 0) {
    const count = options.stream.count;
    options.progress({
      unitIndex: split,
      unitCount: units.length,
      label: `${rest.length} sweep points and single models on ${options.workers} workers`,
      durationMs: options.durationMs,
      virtualMs: 0,
      requestsDone: split * count,
      requestsTotal: units.length * count,
    });
    const remote = await runUnitsInWorkers({
      scenarioPath: options.scenarioPath,
      seed: options.seed,
      workers: options.workers,
      labels: rest.map((index) => units[index]?.label ?? ''),
    });
    rest.forEach((unitIndex, position) => {
      const run = remote.runs[position] as RunResult;
      runs[unitIndex] = run;
      const info = infos[unitIndex] as UnitInfo;
      emit('onUnitStart', unitIndex, info);
      emit('onUnitEnd', { index: unitIndex, unit: info, run, wallMs: Number.NaN });
    });
  }
  return { runs, unitWallMs };
}
