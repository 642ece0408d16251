/**
 * `merge --workers N`: the paired bootstrap of metrics.md drawn on N worker threads, as a pooled
 * simulate draws it (pool-bootstrap.ts). The merge's metrics are mostly that bootstrap — 2,000
 * resamples over every request, ≈ 60 % of a merge of 1 M requests and growing faster than the
 * requests — and its resamples are independent, so a merge of a month spreads them over the cores
 * it has. Resample b depends on (seed, b) alone: the joined draws give the very intervals of one
 * thread. Only the plain paired bootstrap goes to the pool; with `--seeds` or `--block` the merge
 * draws on its own thread as before.
 */
import { sharedCopy } from '../engine/columns.ts';
import type { RunColumns } from '../engine/types.ts';
import type { bootstrapDifferences } from '../metrics/bootstrap.ts';
import { findReference } from '../metrics/compute.ts';
import { pairedPlan } from '../metrics/resample.ts';
import type { DigestedRun } from '../metrics/run-digest.ts';
import { drawnBootstrap, drawOnPool } from './pool-bootstrap.ts';
import type { LoadedScenario } from './simulate-inputs.ts';
import type { RunSetupData } from './worker-setup.ts';
import { type EnginePool, startEnginePool } from './workers.ts';

/** The pool of `merge --workers N` (started early: its threads set up while the runs are read). */
export function startMergePool(setupData: RunSetupData, workers: number): EnginePool {
  return startEnginePool({ setupData, workers, engine: 'direct' });
}

/**
 * Draw the bootstrap computeMetrics will ask for — the reference against every other scenario
 * strategy, as metrics/compute.ts picks them — on `pool`; undefined when there is no reference
 * (computeMetrics then draws nothing). Anything else computeMetrics asks is drawn on this thread.
 */
export async function mergeBootstrap(
  pool: EnginePool,
  runs: readonly DigestedRun[],
  loaded: LoadedScenario,
  requestCount: number,
): Promise<typeof bootstrapDifferences | undefined> {
  const referenceIndex = findReference(
    runs,
    runs.map((run) => run.kind),
    loaded.scenario.reference,
  );
  const referenceRun = runs[referenceIndex];
  if (referenceRun?.columns === undefined || requestCount === 0) return undefined;
  const comparedRuns = runs.filter(
    (run, index) => run.kind === 'strategy' && index !== referenceIndex && run.columns !== undefined,
  );
  // Each thread would get a copy of every compared run's columns (≈ 17 B a request and run: at a
  // month's 30 M requests, ≈ 4 GB per thread); in shared memory they are posted, not copied. A
  // shard's runs are read into shared memory already (report/shard-results-file.ts): no copy then.
  for (const run of [referenceRun, ...comparedRuns])
    run.columns = withSharedBootstrapColumns(run.columns as RunColumns);
  const reference = referenceRun.columns as RunColumns;
  const compared = comparedRuns.map((run) => run.columns as RunColumns);
  const drawn = drawOnPool(pool, pairedPlan(requestCount, loaded.scenario.seed), reference, compared);
  return drawnBootstrap(drawn, await drawn.parts);
}

/**
 * `columns` with the four the bootstrap reads (cost, score, latency, status) moved into
 * SharedArrayBuffers, the rest as they are. A typed array over shared memory reads the same; it
 * is only not copied when posted to a thread.
 */
export function withSharedBootstrapColumns(columns: RunColumns): RunColumns {
  return {
    ...columns,
    cost: inSharedMemory(columns.cost, Float64Array),
    score: inSharedMemory(columns.score, Float32Array),
    latency: inSharedMemory(columns.latency, Float32Array),
    status: inSharedMemory(columns.status, Uint8Array),
  };
}

/** `column` as it is when already shared (read so from a shard's results.bin), else a shared copy. */
function inSharedMemory<Column extends Float64Array | Float32Array | Uint8Array>(
  column: Column,
  Kind: new (buffer: SharedArrayBuffer) => Column,
): Column {
  return column.buffer instanceof SharedArrayBuffer ? column : sharedCopy(column, Kind);
}
