/**
 * What the engine produces for one strategy run: compact per-request columns (kept in memory
 * for exact quantiles and the bootstrap) and decision records (streamed to disk, never kept).
 */

import type { CallErrorKind } from '../contracts/index.ts';
import type { ShadowRun } from '../strategies/shadow.ts';
import type { CallPurpose, StrategyFamily } from '../strategies/types.ts';
import type { UsageTotals } from './usage-totals.ts';

/** Final status of a request, by the kind of its last attempt (metrics.md "failures"). */
export const Status = {
  answered: 0,
  rateLimited: 1,
  serverError: 2,
  timeout: 3,
  network: 4,
  contextLength: 5,
  ungraded: 6,
  other: 7,
} as const;
export type StatusCode = (typeof Status)[keyof typeof Status];
export const STATUS_NAMES = [
  'answered',
  'rate-limited',
  'server-error',
  'timeout',
  'network',
  'context-length',
  'ungraded',
  'other',
] as const;

/** Flag bits per request. */
export const Flag = {
  /** Sent past the first model because confidence was low. */
  escalated: 1,
  /** Sent past the first-choice model because of a fault. */
  fallback: 2,
  /** The knob's strong model was called (APGR's c). */
  strongCalled: 4,
  /** A hedge request was sent. */
  hedged: 8,
} as const;

/**
 * Per-request columns of one strategy run: 8 + 4 + 4 + 4 + 1 + 1 + 1 = 23 bytes per request.
 * Index = request index in the stream.
 */
export interface RunColumns {
  /** USD billed for everything the strategy did for the request (shadow calls excluded). */
  cost: Float64Array;
  /** Score in [0, 1] of the chosen answer; 0 when failed. */
  score: Float32Array;
  /** Arrival → final answer, ms; NaN when failed. */
  latency: Float32Array;
  /** Arrival → first token of the chosen answer, ms; NaN when failed. */
  ttft: Float32Array;
  status: Uint8Array;
  /** Index into RunSummary.models of the answering model; 255 when failed. */
  model: Uint8Array;
  flags: Uint8Array;
}

/** Per-request labels shared by every run (slices, windows). 10 bytes per request. */
export interface RequestColumns {
  arrival: Float64Array;
  /** Index into DOMAINS. */
  domain: Uint8Array;
  /** Index into the scenario's tiers. */
  tier: Uint8Array;
}

/** One call in a decision record. */
export interface AttemptRecord {
  model: string;
  purpose: CallPurpose;
  startMs: number;
  endMs: number;
  /** 'ok' or the error kind. */
  result: 'ok' | CallErrorKind;
  status: number;
  costUsd: number;
  responseId: string | undefined;
}

/** One row of the decision log (decisions.csv): one request, one strategy. */
export interface DecisionRecord {
  strategy: string;
  requestIndex: number;
  requestId: string;
  arrivalMs: number;
  /** Answering model, or '' when failed. */
  model: string;
  reason: string;
  status: (typeof STATUS_NAMES)[number];
  latencyMs: number;
  costUsd: number;
  score: number;
  attempts: AttemptRecord[];
}

/** Result of running one strategy (or one knob value) over the whole stream. */
export interface RunResult {
  /** Unit label, e.g. "cascade" or "cascade@0.7". */
  name: string;
  family: StrategyFamily;
  /** The knob value of a sweep point. */
  knobValue: number | undefined;
  /** Models in the order RunColumns.model indexes them (the scenario's candidates). */
  models: string[];
  columns: RunColumns;
  /** Shadow-evaluation cost, reported separately (USD). */
  shadowCostUsd: number;
  /**
   * (Optional: set by both engines; absent in hand-built runs.) Token, reasoning and prompt-cache
   * totals of the run's billed calls (usage-totals.ts).
   */
  usage?: UsageTotals;
  /**
   * (Optional: only for a strategy with the `shadow` option.) Its shadow-evaluation counts —
   * plain numbers, so they survive the worker handoff (structured clone) as they are.
   */
  shadow?: ShadowRun;
  /**
   * Wall-clock time spent inside the strategy's own code, per request, ms (timings.json only);
   * empty when the unit was not timed (research units, the oracle), so 88 untimed runs of a
   * default day do not keep 37 MB of zeros.
   */
  decisionOverheadMs: Float32Array;
  /**
   * (Added by metrics, optional.) What the unit is (PlannedUnit.kind). When absent, metrics infers
   * it: knobValue set → 'sweep'; `always-<candidate>` not named by the scenario → 'single'; else 'strategy'.
   */
  kind?: 'strategy' | 'sweep' | 'single';
  /**
   * (Added by metrics, optional.) The knob of a knobbed strategy (set on its scenario run and on
   * every sweep point): APGR/CPT need its weak and strong model. Without it there are no APGR/CPT.
   */
  knob?: { name: string; weak: string; strong: string };
}
