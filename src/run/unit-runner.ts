/**
 * Which engine runs a unit: `direct` (runUnit: calls go straight to the world) or `wire`
 * (runUnitWire: every call travels as HTTP through the official clients and msw). Both take the
 * same options and return the same RunResult. The wire engine is loaded on demand: a build
 * without it fails with a usage error naming the flag, not a stack trace.
 *
 * `--engine wire` sends the scenario's strategies — and every unit of a user's module — through
 * the wire. The research units of built-in strategies (knob sweeps for APGR/CPT, the
 * `always-<model>` points of the zero router) run on the direct engine: for built-ins the two
 * engines give byte-identical decision logs (test/wire-direct-equality*.test.ts), so the wire
 * would add wall time (~180× per call, bench/README.md) and change no number. This is what makes
 * a wire-engine day take minutes rather than an hour.
 */

import { type RunUnitOptions, runUnit } from '../engine/run-unit.ts';
import type { RunResult } from '../engine/types.ts';
import { UsageError } from '../errors.ts';
import { runtimeModuleUrl } from '../module-url.ts';
import type { PlannedUnit } from './plan.ts';

export type EngineKind = 'direct' | 'wire';
export const ENGINE_KINDS: readonly EngineKind[] = ['direct', 'wire'];

export type UnitRunner = (options: RunUnitOptions) => Promise<RunResult>;
/** The runner of one planned unit. */
export type UnitRunners = (unit: Pick<PlannedUnit, 'kind' | 'userCode'>) => UnitRunner;

/** Loaded only for `--engine wire`, named at run time (see module-url.ts). */
const WIRE_MODULE = runtimeModuleUrl('../engine/wire/run-unit-wire', import.meta.url).href;

/** The engine that runs `unit` in a simulation on `engine` (see the file comment). */
export function unitEngine(engine: EngineKind, unit: Pick<PlannedUnit, 'kind' | 'userCode'>): EngineKind {
  if (engine === 'direct') return 'direct';
  return unit.kind === 'strategy' || unit.userCode === true ? 'wire' : 'direct';
}

/** A chooser of runners for a simulation on `engine` (loads the wire engine when it is needed). */
export async function loadUnitRunners(engine: EngineKind = 'direct'): Promise<UnitRunners> {
  if (engine === 'direct') return () => runUnit;
  const wire = await loadUnitRunner('wire');
  return (unit) => (unitEngine(engine, unit) === 'wire' ? wire : runUnit);
}

/**
 * The runner of `engine`. `wireModule` (relative to this file) is for tests: a build without
 * the wire engine is simulated by naming a module that is not there.
 */
export async function loadUnitRunner(
  engine: EngineKind = 'direct',
  wireModule = WIRE_MODULE,
): Promise<UnitRunner> {
  if (engine === 'direct') return runUnit;
  let module: { runUnitWire?: UnitRunner };
  try {
    module = (await import(wireModule)) as { runUnitWire?: UnitRunner };
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== 'ERR_MODULE_NOT_FOUND') throw error;
    module = {};
  }
  if (typeof module.runUnitWire !== 'function') {
    throw new UsageError(
      '--engine wire: the wire engine (src/engine/wire/run-unit-wire.ts) is not in this build; use --engine direct',
    );
  }
  return module.runUnitWire;
}
