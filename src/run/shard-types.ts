/**
 * What a shard of a run hands to `routesim merge`: a manifest (which run, which shard, the whole
 * work list and this shard's share of it) and the raw results of the work it ran — the runs as the
 * engine returned them, not metrics, so the merge computes every metric, bootstrap and threshold
 * once over all of them exactly as an unsharded run does. Plain data: the report layer writes it
 * to the shard folder and reads it back (src/report/shard-folder.ts).
 */
import type { RequestColumns, RunResult } from '../engine/types.ts';
import type { JudgeEpsilonMetrics } from '../metrics/types.ts';
import type { UnitInfo } from './reporter.ts';
import type { ShardSpec, WorkItem } from './shard-plan.ts';

/** manifest.json of a shard folder. */
export interface ShardManifest {
  format: 'routesim-shard';
  formatVersion: 1;
  routesim: string;
  /** Node version of the shard (results.json's provenance names the merge's: they must agree). */
  node: string;
  shard: ShardSpec;
  /** The scenario file as given to simulate (merge reads it from there unless told otherwise). */
  scenarioFile: string;
  scenarioSha256: string;
  catalogSha256: string;
  requestStreamSha256: string;
  requestCount: number;
  seed: number;
  /** --strategies, or null for every scenario strategy. */
  strategies: string[] | null;
  /** --seeds k, or null for the scenario's own (its `seeds`, default 1). */
  seeds: number | null;
  /** --no-robustness gives false. */
  robustness: boolean;
  /**
   * --no-research gives false; absent otherwise (a default shard's manifest keeps its bytes), which
   * means true.
   */
  research?: false;
  /** --block in ms (applied by the merge, which draws the bootstrap), or null. */
  blockMs: number | null;
  /** The decision log format: the shard's parts are written in it, the merge writes it. */
  decisions: 'gz' | 'csv' | 'none';
  /** The plan's units, in plan order; a copy in the world of seed j ≥ 1 (--seeds) has its seedIndex. */
  units: (UnitInfo & { seedIndex?: number })[];
  /** Every piece of the run, in plan order, and which of them this shard ran. */
  work: WorkItem[];
  assigned: string[];
}

/** What the merge needs of the request stream: per-request labels and ids, in stream order. */
export interface ShardRequestFacts {
  requests: RequestColumns;
  requestIds: readonly string[];
}

/** One unit a shard ran. */
export interface ShardUnit {
  /** Position in the plan. */
  index: number;
  label: string;
  /** The world seed index j ≥ 1 of a seed copy (--seeds, plan.ts seedIndex); absent for the plain world. */
  seedIndex?: number;
  run: RunResult;
  /** Wall time, ms (timings.json only). */
  wallMs: number;
}

/** The raw results of one shard. */
export interface ShardResults {
  units: ShardUnit[];
  /** The oracle's run, when this shard ran it. */
  oracle: RunResult | null;
  /** The judge-ε study, when this shard ran it (null when it did not, or the scenario has none). */
  judgeEpsilon: JudgeEpsilonMetrics | null;
  /** Robustness re-runs this shard ran, by submission ordinal. */
  perturbed: { ordinal: number; run: RunResult }[];
}

/**
 * Where a shard's results go as each piece finishes (the shard folder's results.bin), so the
 * shard holds no finished run: at a month's volume a run's columns are GBs.
 */
export interface ShardResultsSink {
  /** The request stream's facts (shard 1 only: the merge reads them instead of generating the stream). */
  requests(facts: ShardRequestFacts): void;
  unit(unit: ShardUnit): void;
  oracle(run: RunResult): void;
  judgeEpsilon(metrics: JudgeEpsilonMetrics): void;
  perturbed(ordinal: number, run: RunResult): void;
}

/** What a shard folder holds, without its runs (read one at a time: LoadedShard.read*). */
export interface ShardContents {
  /** The units it ran, without their runs. */
  units: Omit<ShardUnit, 'run'>[];
  /** Whether it ran the oracle. */
  oracle: boolean;
  judgeEpsilon: JudgeEpsilonMetrics | null;
  /** Submission ordinals of the robustness re-runs it ran. */
  perturbed: number[];
}
