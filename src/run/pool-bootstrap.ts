/**
 * The bootstrap of metrics.md on the worker pool: its resamples split into one range per worker,
 * drawn as soon as the scenario strategies' runs are in (while sweeps still run), then handed to
 * computeMetrics through its `bootstrap` hook. Resample b depends on (seed, b) alone, so the
 * joined draws give exactly the intervals of drawing them all on one thread; if computeMetrics
 * asks about other runs or another plan than the ones drawn, the hook computes those itself.
 */
import {
  type BootstrapColumns,
  type BootstrapDraws,
  bootstrapDifferences,
  differencesFromDraws,
} from '../metrics/bootstrap.ts';
import { pairedPlan, type ResamplePlan } from '../metrics/resample.ts';
import { type SeedRuns, twoLevelFromDraws } from '../metrics/two-level-bootstrap.ts';
import type { PlannedUnit } from './plan.ts';
import type { SubmittedUnits } from './simulate-units.ts';
import { sliceRanges } from './stream-share.ts';
import type { EnginePool } from './workers.ts';

export interface PoolBootstrap {
  plan: ResamplePlan;
  reference: BootstrapColumns;
  compared: readonly BootstrapColumns[];
  /** `--seeds k`: the same runs in worlds j = 1 … k − 1; the draws are two-level. */
  otherWorlds?: readonly SeedRuns[];
  parts: Promise<BootstrapDraws[]>;
}

/** Only the columns the bootstrap reads (posting a run's every column would copy more). */
function bootstrapColumns(columns: BootstrapColumns): BootstrapColumns {
  return { cost: columns.cost, score: columns.score, latency: columns.latency, status: columns.status };
}

export function drawOnPool(
  pool: EnginePool,
  plan: ResamplePlan,
  reference: BootstrapColumns,
  compared: readonly BootstrapColumns[],
  otherWorlds?: readonly SeedRuns[],
): PoolBootstrap {
  const posted = {
    plan,
    reference: bootstrapColumns(reference),
    compared: compared.map(bootstrapColumns),
    ...(otherWorlds === undefined
      ? {}
      : {
          otherWorlds: otherWorlds.map((world) => ({
            reference: bootstrapColumns(world.reference),
            compared: world.compared.map(bootstrapColumns),
          })),
        }),
  };
  const parts = Promise.all(
    sliceRanges(plan.resamples, pool.size).map((range) => pool.draw({ ...posted, ...range })),
  );
  parts.catch(() => {});
  return { plan, reference, compared, ...(otherWorlds === undefined ? {} : { otherWorlds }), parts };
}

function samePlan(a: ResamplePlan, b: ResamplePlan): boolean {
  return (
    a.method === b.method &&
    a.n === b.n &&
    a.resamples === b.resamples &&
    a.seed === b.seed &&
    a.blockMs === b.blockMs &&
    a.blockOf === undefined &&
    b.blockOf === undefined
  );
}

/**
 * computeMetrics' `bootstrap` hook over the finished draws; anything else is drawn by `fallback`
 * (with k worlds: metrics/world-seeds.ts twoLevelHook).
 */
export function drawnBootstrap(
  drawn: PoolBootstrap,
  parts: BootstrapDraws[],
  fallback: typeof bootstrapDifferences = bootstrapDifferences,
): typeof bootstrapDifferences {
  return (plan, reference, compared) => {
    const same =
      samePlan(plan, drawn.plan) &&
      reference === drawn.reference &&
      compared.length === drawn.compared.length &&
      compared.every((columns, index) => columns === drawn.compared[index]);
    if (!same) return fallback(plan, reference, compared);
    return drawn.otherWorlds === undefined
      ? differencesFromDraws(plan, reference, compared, parts)
      : twoLevelFromDraws(plan, [{ reference, compared }, ...drawn.otherWorlds], parts);
  };
}

/**
 * Draw the bootstrap on the pool once the runs computeMetrics compares are in: the reference
 * (a scenario strategy of that name) and every other scenario strategy, over the default plan.
 */
export async function bootstrapWhenReady(
  pool: EnginePool,
  submitted: SubmittedUnits,
  units: readonly PlannedUnit[],
  referenceName: string,
  requestCount: number,
  seed: number,
  seeded?: { submitted: SubmittedUnits; units: readonly PlannedUnit[] },
): Promise<[PoolBootstrap, BootstrapDraws[]] | undefined> {
  const referenceIndex = units.findIndex((unit) => unit.label === referenceName && unit.kind === 'strategy');
  if (referenceIndex < 0 || requestCount === 0) return undefined;
  const comparedIndices = units.flatMap((unit, index) =>
    unit.kind === 'strategy' && index !== referenceIndex ? [index] : [],
  );
  const reference = (await submitted.result(referenceIndex)).run.columns;
  const compared = await Promise.all(
    comparedIndices.map(async (index) => (await submitted.result(index)).run.columns),
  );
  const otherWorlds =
    seeded === undefined ? undefined : await otherWorldsOf(seeded, units, referenceIndex, comparedIndices);
  if (seeded !== undefined && otherWorlds === undefined) return undefined;
  const drawn = drawOnPool(pool, pairedPlan(requestCount, seed), reference, compared, otherWorlds);
  return [drawn, await drawn.parts];
}

/**
 * The reference's and compared runs' namesakes in worlds j = 1 … k − 1, from the re-seeded units;
 * undefined when one is missing (then computeMetrics draws on this thread).
 */
async function otherWorldsOf(
  seeded: { submitted: SubmittedUnits; units: readonly PlannedUnit[] },
  units: readonly PlannedUnit[],
  referenceIndex: number,
  comparedIndices: readonly number[],
): Promise<SeedRuns[] | undefined> {
  const seedIndices = [...new Set(seeded.units.map((unit) => unit.seedIndex ?? 0))].sort((a, b) => a - b);
  const columnsOf = async (label: string, seedIndex: number): Promise<BootstrapColumns | undefined> => {
    const position = seeded.units.findIndex((unit) => unit.label === label && unit.seedIndex === seedIndex);
    return position < 0 ? undefined : (await seeded.submitted.result(position)).run.columns;
  };
  const worlds: SeedRuns[] = [];
  for (const seedIndex of seedIndices) {
    const reference = await columnsOf(units[referenceIndex]!.label, seedIndex);
    const compared = await Promise.all(
      comparedIndices.map((index) => columnsOf(units[index]!.label, seedIndex)),
    );
    if (reference === undefined || compared.some((columns) => columns === undefined)) return undefined;
    worlds.push({ reference, compared: compared as BootstrapColumns[] });
  }
  return worlds;
}
