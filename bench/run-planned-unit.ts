/**
 * One planned unit of a bench, by label: `oracle` or a unit of the plan built by setupUnits, run
 * once over `stream` in this thread as a worker would run it (the knob value of a sweep point
 * included). Shared by units.bench.ts, alloc-profile.ts and decision-rows.bench.ts.
 */
import { runOracle } from '../src/engine/oracle.ts';
import { runUnit } from '../src/engine/run-unit.ts';
import type { DecisionRecord } from '../src/engine/types.ts';
import type { UnitSetup } from '../src/run/workers.ts';
import type { RequestStream } from '../src/traffic/index.ts';

export async function runPlannedUnit(
  setup: UnitSetup,
  stream: RequestStream,
  label: string,
  /** Decision rows go here (a logged unit); `timed` adds the wall clock's decision overhead, as in a run. */
  logged: { onDecision?: (record: DecisionRecord) => void; timed?: boolean } = {},
): Promise<void> {
  const { onDecision, timed } = logged;
  if (label === 'oracle') {
    const world = setup.oracleWorld?.();
    if (world === undefined) throw new Error('no oracle world');
    runOracle({ stream, world, models: setup.models });
    return;
  }
  const unit = setup.units.find((candidate) => candidate.label === label);
  if (unit === undefined) throw new Error(`no unit ${label}`);
  await runUnit({
    stream,
    world: setup.world(),
    strategy: unit.build(),
    models: setup.models,
    label,
    ...(unit.knobValue === undefined ? {} : { knobValue: unit.knobValue }),
    ...(onDecision === undefined ? {} : { onDecision }),
    ...(onDecision !== undefined && timed === true ? { wallClock: () => performance.now() } : {}),
  });
}
