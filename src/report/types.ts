/**
 * Reporters are lifecycle hooks (vitest's reporter shape): the orchestrator calls
 * `onRunStart` once, `onUnitEnd` after each unit (strategy, sweep point or single model), and
 * `onRunEnd` with the metrics. Console, JSON, CSV, columns, timings and progress are entries of
 * one map (src/report/index.ts).
 */

import type { FaultWindow } from '../contracts/index.ts';
import type { DecisionRecord, RequestColumns, RunResult } from '../engine/types.ts';
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
  /** Output directory (absolute or relative to the working directory). */
  outDir: string;
  requestCount: number;
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
  /** In plan order. */
  runs: readonly RunResult[];
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
   * (Optional, added for worker threads.) A scenario-strategy unit's decisions, already written
   * as a decisions.csv part file (rows, no header) at `path`; called before its onUnitStart, instead
   * of onDecision. The reporter takes the file over.
   */
  onDecisionPart?(unit: UnitInfo, path: string): void;
  onProgress?(progress: RunProgress): void;
  onUnitEnd?(unit: UnitEnd): void;
  onRunEnd?(end: RunEnd): void | Promise<void>;
  /** The run failed: delete partial output. */
  onRunError?(error: unknown): void;
}
