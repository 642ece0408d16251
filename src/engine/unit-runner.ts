/**
 * Which engine runs a unit: `direct` (runUnit: calls go straight to the world — for sweeps) or
 * `wire` (runUnitWire: every call travels as HTTP through the official clients and msw). Both
 * take the same options and return the same RunResult. The wire engine is loaded on demand: a
 * build without it fails with a usage error naming the flag, not a stack trace.
 */
import { UsageError } from '../errors.ts';
import { type RunUnitOptions, runUnit } from './run-unit.ts';
import type { RunResult } from './types.ts';

export type EngineKind = 'direct' | 'wire';
export const ENGINE_KINDS: readonly EngineKind[] = ['direct', 'wire'];

export type UnitRunner = (options: RunUnitOptions) => Promise<RunResult>;

const WIRE_MODULE = './wire/run-unit-wire.ts';

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
