/**
 * The data of a drill (`routesim drill`): the incidents of the scenario's fault schedule, the
 * requests the drill sent through the gateway and what the client saw, and the per-incident
 * report that analysis.ts derives from them. Plain data: the analysis is pure.
 */
import type { FaultKind } from '../contracts/index.ts';
import type { CallLogEntry } from '../mock/index.ts';

/** One fault window of the schedule, as the drill reports on it. */
export interface DrillIncident {
  /** e.g. "openai 503 @1h" — a readable label. */
  label: string;
  provider: string;
  /** The model the window names; null = every model of the provider. */
  model: string | null;
  kind: FaultKind;
  /** Virtual ms since the scenario's start. */
  startMs: number;
  endMs: number;
  /** retry-after the fault announces, virtual ms (rate_limit windows); null = none. */
  retryAfterMs: number | null;
}

/** One request the drill sent, and what the client saw. */
export interface ClientOutcome {
  /** Index of the simulated request in the scenario's stream. */
  index: number;
  /** Its arrival, virtual ms since the scenario's start. */
  arrivalMs: number;
  /** HTTP status the gateway answered; 0 = no answer (network error or client timeout). */
  status: number;
  /** Send → full answer read, real ms. */
  latencyMs: number;
  /** Real ms the request waited for a free slot past its arrival (the concurrency cap). */
  lateMs: number;
  /** Wall-clock time the client sent it, ms since 1970 (the call log's `time` is on the same clock). */
  sentAtMs: number;
}

/** The part of a call-log line the analysis reads. */
export type DrillCall = Pick<
  CallLogEntry,
  | 'seq'
  | 'time'
  | 'virtualMs'
  | 'provider'
  | 'model'
  | 'status'
  | 'latencyMs'
  | 'costUsd'
  | 'requestIndex'
  | 'fault'
>;

/** Mean latency and cost of a set of requests, and how many failed. */
export interface OutcomeStats {
  requests: number;
  failed: number;
  /** failed / requests; null when there were no requests. */
  failedShare: number | null;
  /** Mean latency of the answered requests, scenario ms; null = none answered. */
  latencyMs: number | null;
  /** Mean cost per request, USD (failed ones included: their attempts were billed too). */
  costUsd: number | null;
}

/** What the gateway did during one incident. */
export interface IncidentReport extends OutcomeStats {
  incident: DrillIncident;
  /** Calls that reached routesim for the incident's requests. */
  calls: number;
  /** Of those, calls on the incident's target (0 = the gateway never sent these requests there). */
  callsOnTarget: number;
  /** Calls beyond the first of each request (retries and fallbacks), on any target. */
  extraCalls: number;
  /** Calls beyond the first of each request on the incident's own target (retries on it). */
  retriesOnTarget: number;
  /** Gaps between consecutive calls of one request on one target, real ms; null = no retry. */
  retrySpacingMs: { min: number; median: number; max: number } | null;
  /** Retries after a 429 that announced retry-after: how many waited at least that long. */
  retryAfter: { checked: number; honoured: number; clientMs: number } | null;
  /**
   * Incident start → the first answer from another target to a request the target failed, scenario
   * ms: the time until that request arrived (schedule time) plus what the gateway spent on it
   * (retries, waits and the answer: real time × latencyScale, like any latency). null = never.
   */
  failoverMs: number | null;
  /** Incident end → the first answer from the incident's target again, scenario ms, timed the same way. */
  failbackMs: number | null;
  /** Mean latency above the calm baseline, scenario ms. */
  extraLatencyMs: number | null;
  /** Mean cost per request above the calm baseline, USD. */
  extraCostUsd: number | null;
}

/** A routesim strategy on the same requests, per incident window (the direct engine). */
export interface StrategyBeside {
  strategy: string;
  calm: OutcomeStats;
  incidents: (OutcomeStats & { extraLatencyMs: number | null; extraCostUsd: number | null })[];
}

export interface DrillReport {
  scenario: string;
  gateway: string;
  wire: 'openai' | 'anthropic';
  /** Virtual ms per real ms of the schedule, and of a call's latency. */
  scheduleScale: number;
  latencyScale: number;
  /** Virtual window the drill played, ms since the scenario's start. */
  fromMs: number;
  toMs: number;
  /** Every drill request, and the calm ones (outside every incident). */
  all: OutcomeStats;
  calm: OutcomeStats;
  /**
   * Requests sent LATE_MS real ms or more after their arrival (the concurrency cap was full, or
   * the machine too busy to send on time): the drill did not keep the scenario's pace for them.
   */
  lateRequests: number;
  /**
   * Requests of the scenario arriving in the window, before `--sample` thinned them to
   * `all.requests`. More than that: serve's world saw only the drill's requests while the
   * strategies' saw all of them (sampleNote in format.ts says what that changes).
   */
  availableRequests: number;
  /** Calls the call log held that no drill request matched (e.g. a gateway's health checks). */
  unmatchedCalls: number;
  incidents: IncidentReport[];
  strategies: StrategyBeside[];
}
