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
import type { PlannedUnit } from './plan.ts';
import type { SubmittedUnits } from './simulate-units.ts';
import { sliceRanges } from './stream-share.ts';
import type { EnginePool } from './workers.ts';

export interface PoolBootstrap {
  plan: ResamplePlan;
  reference: BootstrapColumns;
  compared: readonly BootstrapColumns[];
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
): PoolBootstrap {
  const posted = { plan, reference: bootstrapColumns(reference), compared: compared.map(bootstrapColumns) };
  const parts = Promise.all(
    sliceRanges(plan.resamples, pool.size).map((range) => pool.draw({ ...posted, ...range })),
  );
  parts.catch(() => {});
  return { plan, reference, compared, parts };
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

/** computeMetrics' `bootstrap` hook over the finished draws. */
export function drawnBootstrap(drawn: PoolBootstrap, parts: BootstrapDraws[]): typeof bootstrapDifferences {
  return (plan, reference, compared) => {
    const same =
      samePlan(plan, drawn.plan) &&
      reference === drawn.reference &&
      compared.length === drawn.compared.length &&
      compared.every((columns, index) => columns === drawn.compared[index]);
    return same
      ? differencesFromDraws(plan, reference, compared, parts)
      : bootstrapDifferences(plan, reference, compared);
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
  const drawn = drawOnPool(pool, pairedPlan(requestCount, seed), reference, compared);
  return [drawn, await drawn.parts];
}
