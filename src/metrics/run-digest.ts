/**
 * A unit's run reduced, as it arrives, to what computeMetrics reads of it at the end: its
 * summaries (whole, per domain, per tier), its window series, its strong-call share — and, only
 * where an exact figure needs per-request values, some of its columns:
 *
 * - **every column of the runs the Δ bootstrap pairs** (the scenario strategies and the
 *   reference): exact percentile intervals resample their per-request values; the k-world
 *   bootstrap, the robustness verdict's base runs, columns.bin and the thresholds read them too;
 * - **every column of a run a threshold names** (`p95(latency){strategy:cascade@0.7}`): a
 *   percentile of samples needs the samples;
 * - **strong-called (1 B) and score (4 B) per request of a sweep point, and the score of a
 *   single-model run** (5 and 4 of the 23 bytes): the APGR/CPT bootstrap re-measures every sweep
 *   point and r_weak / r_strong on each resample (knob-intervals.ts). Reducing them to resample
 *   sums on arrival would regenerate 400 resamples' weights per point (≈ 45 M draws a point on the
 *   default day) and change the order of the delta-coded additions (knob-sums.ts): not the same bits.
 *
 * Everything else a sweep point or single model carried (cost, latency, ttft, status, model,
 * flags: 18–23 B per request) is dropped the moment the run is digested.
 *
 * Pure: the same run and frame give the same digest; computeMetrics of digested runs is bitwise
 * computeMetrics of the runs (the digest calls the very functions it would, on the same inputs).
 */

import { DOMAINS } from '../contracts/index.ts';
import { Flag, type RequestColumns, type RunColumns, type RunResult } from '../engine/types.ts';
import type { Scenario } from '../scenario/types.ts';
import { strongCallShare } from './research.ts';
import { type SummaryContext, summarize } from './summary.ts';
import type { RunKind, SliceMetrics, WindowSeries } from './types.ts';
import { windowCount, windowLength, windowOf, windowSeries } from './windows.ts';

/** What digesting needs of the run as a whole: computed once per run, shared by every unit. */
export interface MetricsFrame {
  context: SummaryContext;
  /** Ascending request indices per domain that occurs, DOMAINS order. */
  domainLists: ReadonlyMap<string, Uint32Array>;
  /** Ascending request indices per tier that occurs. */
  tierLists: ReadonlyMap<string, Uint32Array>;
  tiers: readonly string[];
  /** Window of each request (windowOf). */
  windows: Uint32Array;
  windowMs: number;
  windowCount: number;
}

/** The per-run metrics of a run: whole, per domain (those that occur), per tier (every tier). */
export interface RunSummaries {
  whole: SliceMetrics;
  domain: Record<string, SliceMetrics>;
  tier: Record<string, SliceMetrics>;
}

/** What the metrics read of a run, computed when it arrives. */
export interface RunDigest {
  summaries: RunSummaries;
  series: WindowSeries;
  /** Share of requests with the strongCalled flag (APGR's c). */
  strongCallShare: number;
  /** A sweep point's per request: 1 when the knob's strong model was called, else 0 (APGR/CPT bootstrap). */
  strongCalled?: Uint8Array;
  /** A sweep point's or single model's score per request (APGR/CPT bootstrap). */
  score?: Float32Array;
}

/**
 * A unit's run as the main thread keeps it: everything but the per-request columns (undefined
 * unless the run is one whose columns an exact figure needs: see the file comment), plus its digest.
 */
export interface DigestedRun extends Omit<RunResult, 'columns' | 'kind'> {
  kind: RunKind;
  columns: RunColumns | undefined;
  digest: RunDigest;
}

/** A run or its digest: computeMetrics takes either. */
export type MetricsRun = RunResult | DigestedRun;

export function isDigested(run: MetricsRun): run is DigestedRun {
  return 'digest' in run;
}

/** A run's per-request columns: a whole run's, or those a digested run kept (else undefined). */
export function keptColumnsOf(run: MetricsRun): RunColumns | undefined {
  return run.columns;
}

/** Ascending request indices per label value (domain or tier), only values that occur. */
function indexLists(labels: Uint8Array, names: readonly string[]): Map<string, Uint32Array> {
  const buckets = names.map(() => [] as number[]);
  for (let index = 0; index < labels.length; index++) buckets[labels[index]!]?.push(index);
  const out = new Map<string, Uint32Array>();
  names.forEach((name, position) => {
    const bucket = buckets[position]!;
    if (bucket.length > 0) out.set(name, Uint32Array.from(bucket));
  });
  return out;
}

export function metricsFrame(
  scenario: Pick<Scenario, 'durationMs' | 'windowMs' | 'slo'>,
  requests: RequestColumns,
  tiers: readonly string[],
): MetricsFrame {
  const windowMs = windowLength(scenario.durationMs, scenario.windowMs);
  const count = windowCount(scenario.durationMs, windowMs);
  return {
    context: { durationMs: scenario.durationMs, sloMs: scenario.slo?.latencyMs },
    domainLists: indexLists(requests.domain, DOMAINS),
    tierLists: indexLists(requests.tier, tiers),
    tiers,
    windows: windowOf(requests.arrival, windowMs, count),
    windowMs,
    windowCount: count,
  };
}

/**
 * The runs whose every column the metrics need: the scenario strategies, the reference, and any
 * run a threshold names by its `strategy` tag.
 */
export function keepsAllColumns(
  name: string,
  kind: RunKind,
  reference: string,
  thresholdRuns: ReadonlySet<string>,
): boolean {
  return kind === 'strategy' || name === reference || thresholdRuns.has(name);
}

/** Digest `run` (its kind as the plan says); its columns are kept only when `keepAll`. */
export function digestRun(frame: MetricsFrame, run: RunResult, kind: RunKind, keepAll: boolean): DigestedRun {
  const { columns, models } = run;
  const domain: Record<string, SliceMetrics> = {};
  for (const [name, indices] of frame.domainLists)
    domain[name] = summarize(columns, models, indices, frame.context);
  const tier: Record<string, SliceMetrics> = {};
  for (const name of frame.tiers)
    tier[name] = summarize(columns, models, frame.tierLists.get(name) ?? new Uint32Array(0), frame.context);
  const digest: RunDigest = {
    summaries: { whole: summarize(columns, models, null, frame.context), domain, tier },
    series: windowSeries(columns, frame.windows, frame.windowMs, frame.windowCount),
    strongCallShare: strongCallShare(columns.flags),
  };
  if (kind === 'sweep') {
    digest.strongCalled = columns.flags.map((flags) => ((flags & Flag.strongCalled) === 0 ? 0 : 1));
    digest.score = alone(columns.score);
  } else if (kind === 'single') {
    digest.score = alone(columns.score);
  }
  const { columns: _dropped, kind: _kind, ...rest } = run;
  return { ...rest, kind, columns: keepAll ? columns : undefined, digest };
}

/**
 * `column` in a buffer of its own: a run read back from a shard (node:v8 deserialize) has all its
 * columns in one ArrayBuffer, which keeping one view of would keep whole.
 */
function alone(column: Float32Array): Float32Array {
  return column.byteLength === column.buffer.byteLength ? column : column.slice();
}
