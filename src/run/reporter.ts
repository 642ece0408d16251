/**
 * The reporter contract of a run (vitest's reporter shape): `simulate` calls `onRunStart` once,
 * `onUnitStart`/`onUnitEnd` around each unit (strategy, sweep point or single model) in plan
 * order, `onExplore` when asked to explore, and `onRunEnd` with the metrics. The run program writes
 * no file itself: whoever calls it passes the reporters — the CLI the file reporters of
 * src/report/index.ts (results.json, CSVs, decisions, columns, HTML, Markdown, timings), a script
 * none at all (simulate then returns the results in memory).
 */

import type { FaultWindow } from '../contracts/index.ts';
import type { DecisionRecord, RequestColumns, RunResult } from '../engine/types.ts';
import type { ExploreRow } from '../learn/explore.ts';
import type { DigestedRun } from '../metrics/run-digest.ts';
import type { SimulationMetrics, ThresholdResult } from '../metrics/types.ts';
import type { Scenario } from '../scenario/types.ts';
import type { Provenance } from './provenance.ts';

export type UnitKind = 'strategy' | 'sweep' | 'single';

export interface UnitInfo {
  label: string;
  kind: UnitKind;
}

export interface RunStartContext {
  scenario: Scenario;
  requestCount: number;
  /** Per-request labels every unit shares (arrival, hidden domain, tier index). */
  requests: RequestColumns;
  units: readonly UnitInfo[];
  /** Monotonic wall clock, ms (injected: reporters never read the time themselves). */
  wallClock: () => number;
}

export interface UnitEnd {
  /** 0-based position of the unit in the plan. */
  index: number;
  unit: UnitInfo;
  run: RunResult;
  /** Wall-clock time of the unit, ms (timings.json only). */
  wallMs: number;
}

/** Progress inside the run (virtual time of the current unit, requests done over all units). */
export interface RunProgress {
  unitIndex: number;
  unitCount: number;
  label: string;
  /** Virtual time reached in the current unit, ms. */
  virtualMs: number;
  durationMs: number;
  /** Requests finished over all units so far. */
  requestsDone: number;
  /** requestCount × unitCount. */
  requestsTotal: number;
}

export interface RunEnd {
  scenario: Scenario;
  provenance: Provenance;
  metrics: SimulationMetrics;
  thresholds: ThresholdResult[];
  units: readonly UnitInfo[];
  /**
   * In plan order, each digested as it arrived (metrics/run-digest.ts): summaries, and per-request
   * columns only for the runs an exact figure needs (scenario strategies, the reference, runs a
   * threshold names). A reporter wanting every run's columns takes them from onUnitEnd.
   */
  runs: readonly DigestedRun[];
  oracle: RunResult;
  requests: RequestColumns;
  requestIds: readonly string[];
  faults: readonly FaultWindow[];
  /** Wall-clock time of the whole run, ms (timings.json only). */
  wallMs: number;
  /** Wall-clock time per unit, ms, plan order. */
  unitWallMs: readonly number[];
  /** Wall-clock time per phase (prepareMs, unitsMs, oracleMs, metricsMs, exploreMs), ms. */
  phasesMs: Readonly<Record<string, number>>;
}

export interface Reporter {
  onRunStart?(context: RunStartContext): void;
  onUnitStart?(index: number, unit: UnitInfo): void;
  /**
   * One decision of a scenario-strategy unit (sweep points and single models are not logged).
   * Units may interleave when they run in parallel; `unit` says which one it belongs to.
   */
  onDecision?(unit: UnitInfo, record: DecisionRecord): void;
  /**
   * On worker threads, where a scenario-strategy unit's decisions go: the worker writes them
   * itself to `file` through `writerModule` (posting every record back would cost more than the
   * unit). Asked once per such unit when it is submitted, before onRunStart; only the first
   * reporter that has this hook is asked, and only it receives onDecisionPart. A reporter without
   * it sees no decisions of a pool run.
   */
  decisionPartTarget?(unit: UnitInfo, index: number): DecisionPartTarget;
  /**
   * The unit's decisions are in the file decisionPartTarget named (rows, no header; gzip members
   * when its name ends in .gz); called before its onUnitStart, instead of onDecision.
   */
  onDecisionPart?(unit: UnitInfo, path: string): void;
  onProgress?(progress: RunProgress): void;
  onUnitEnd?(unit: UnitEnd): void;
  /**
   * `simulate({ explore })`: every candidate's outcome on a share of requests (routesim train's
   * input), generated lazily as the reporter iterates; called after the metrics, before onRunEnd.
   */
  onExplore?(rows: Iterable<ExploreRow>): void | Promise<void>;
  onRunEnd?(end: RunEnd): void | Promise<void>;
  /** The run failed: delete partial output. */
  onRunError?(error: unknown): void;
}

/** Where a worker writes a unit's decision rows (Reporter.decisionPartTarget). */
export interface DecisionPartTarget {
  /** The part file to create. */
  file: string;
  /** URL of a module exporting `createDecisionPart` (a DecisionPartWriter), imported by the worker. */
  writerModule: string;
}

/** `createDecisionPart(file, tierOf)` of a decision part writer module. */
export type DecisionPartWriter = (
  file: string,
  tierOf: (requestIndex: number) => string,
) => { write(record: DecisionRecord): void; end(): void | Promise<void> };
