/**
 * The pure heart of a drill: the call log routesim kept while the gateway drove it, plus what the
 * client saw, turned into one report per incident — failed requests, retries and their spacing,
 * whether retry-after was honoured, time to fail over and back, extra latency and cost against
 * the calm requests. No I/O, no clock: the same inputs always give the same report.
 */
import type { ClientOutcome, DrillCall, DrillIncident, IncidentReport, OutcomeStats } from './types.ts';

export interface AnalysisInput {
  incidents: readonly DrillIncident[];
  outcomes: readonly ClientOutcome[];
  calls: readonly DrillCall[];
  /** Virtual ms per real ms of the schedule (turns a retry-after into the client's ms). */
  scheduleScale: number;
  /** Virtual ms per real ms of a call's latency (turns the client's real ms into scenario ms). */
  latencyScale: number;
}

export interface Analysis {
  all: OutcomeStats;
  calm: OutcomeStats;
  incidents: IncidentReport[];
  unmatchedCalls: number;
}

/** A retry may start up to this early (the call log's times are whole ms) and still count as honouring. */
const RETRY_AFTER_SLACK_MS = 1;

export function analyzeDrill(input: AnalysisInput): Analysis {
  const callsByRequest = new Map<number, DrillCall[]>();
  let unmatchedCalls = 0;
  for (const call of [...input.calls].sort((a, b) => a.seq - b.seq)) {
    if (call.requestIndex === null) {
      unmatchedCalls += 1;
      continue;
    }
    const list = callsByRequest.get(call.requestIndex);
    if (list === undefined) callsByRequest.set(call.requestIndex, [call]);
    else list.push(call);
  }
  const costOf = (index: number): number =>
    (callsByRequest.get(index) ?? []).reduce((sum, call) => sum + (call.costUsd ?? 0), 0);
  const stats = (outcomes: readonly ClientOutcome[]): OutcomeStats =>
    outcomeStats(
      outcomes.map((outcome) => ({
        failed: !isAnswered(outcome.status),
        latencyMs: outcome.latencyMs * input.latencyScale,
        costUsd: costOf(outcome.index),
      })),
    );

  const inAny = (arrivalMs: number) => input.incidents.some((incident) => within(incident, arrivalMs));
  const calm = stats(input.outcomes.filter((outcome) => !inAny(outcome.arrivalMs)));
  const incidents = input.incidents.map((incident): IncidentReport => {
    const outcomes = input.outcomes.filter((outcome) => within(incident, outcome.arrivalMs));
    const own = stats(outcomes);
    const calls = outcomes.flatMap((outcome) => callsByRequest.get(outcome.index) ?? []);
    const onTarget = (call: DrillCall) => hits(incident, call);
    let extraCalls = 0;
    let retriesOnTarget = 0;
    const gaps: number[] = [];
    let checked = 0;
    let honoured = 0;
    const retryAfterClientMs =
      incident.retryAfterMs === null
        ? undefined
        : Math.max(0, Math.round(incident.retryAfterMs / input.scheduleScale));
    let failoverAt: number | undefined;
    // When the gateway answered from `call`, in scenario ms: the request's arrival (schedule time)
    // plus the real time it spent on it, at the latency scale. Timing the gateway's own waits on
    // the compressed schedule instead would turn a 1 s backoff into 6 minutes at ×360.
    const answeredAt = (outcome: ClientOutcome, call: DrillCall) =>
      outcome.arrivalMs +
      Math.max(0, wallMs(call) - outcome.sentAtMs) * input.latencyScale +
      (call.latencyMs ?? 0);
    for (const outcome of outcomes) {
      const requestCalls = callsByRequest.get(outcome.index) ?? [];
      extraCalls += Math.max(0, requestCalls.length - 1);
      retriesOnTarget += Math.max(0, requestCalls.filter(onTarget).length - 1);
      const lastOnTarget = new Map<string, DrillCall>();
      let targetFailed = false;
      for (const call of requestCalls) {
        const key = `${call.provider}\u0000${call.model}`;
        const previous = lastOnTarget.get(key);
        if (previous !== undefined) {
          const gap = wallMs(call) - wallMs(previous);
          gaps.push(gap);
          if (previous.status === 429 && retryAfterClientMs !== undefined && isFaultOf(previous, incident)) {
            checked += 1;
            if (gap + RETRY_AFTER_SLACK_MS >= retryAfterClientMs) honoured += 1;
          }
        }
        lastOnTarget.set(key, call);
        if (onTarget(call) && !isAnswered(call.status)) targetFailed = true;
        else if (targetFailed && !onTarget(call) && isAnswered(call.status)) {
          const at = answeredAt(outcome, call);
          if (failoverAt === undefined || at < failoverAt) failoverAt = at;
        }
      }
    }
    let failbackAt: number | undefined;
    for (const outcome of input.outcomes) {
      for (const call of callsByRequest.get(outcome.index) ?? []) {
        if (!onTarget(call) || !isAnswered(call.status) || call.virtualMs < incident.endMs) continue;
        const at = Math.max(incident.endMs, answeredAt(outcome, call));
        if (failbackAt === undefined || at < failbackAt) failbackAt = at;
      }
    }
    gaps.sort((a, b) => a - b);
    return {
      incident,
      ...own,
      calls: calls.length,
      callsOnTarget: calls.filter(onTarget).length,
      extraCalls,
      retriesOnTarget,
      retrySpacingMs:
        gaps.length === 0
          ? null
          : { min: gaps[0]!, median: gaps[Math.floor((gaps.length - 1) / 2)]!, max: gaps.at(-1)! },
      retryAfter:
        retryAfterClientMs === undefined || checked === 0
          ? null
          : { checked, honoured, clientMs: retryAfterClientMs },
      failoverMs: failoverAt === undefined ? null : Math.max(0, failoverAt - incident.startMs),
      failbackMs: failbackAt === undefined ? null : failbackAt - incident.endMs,
      extraLatencyMs: difference(own.latencyMs, calm.latencyMs),
      extraCostUsd: difference(own.costUsd, calm.costUsd),
    };
  });
  return { all: stats(input.outcomes), calm, incidents, unmatchedCalls };
}

/** Failed count, mean latency of the answered ones and mean cost of a set of requests. */
export function outcomeStats(
  rows: readonly { failed: boolean; latencyMs: number; costUsd: number }[],
): OutcomeStats {
  let failed = 0;
  let latencySum = 0;
  let answered = 0;
  let costSum = 0;
  for (const row of rows) {
    costSum += row.costUsd;
    if (row.failed) failed += 1;
    else if (Number.isFinite(row.latencyMs)) {
      latencySum += row.latencyMs;
      answered += 1;
    }
  }
  return {
    requests: rows.length,
    failed,
    failedShare: rows.length === 0 ? null : failed / rows.length,
    latencyMs: answered === 0 ? null : latencySum / answered,
    costUsd: rows.length === 0 ? null : costSum / rows.length,
  };
}

export function difference(value: number | null, baseline: number | null): number | null {
  return value === null || baseline === null ? null : value - baseline;
}

/** The request arrived while the incident was on. */
export function within(incident: DrillIncident, arrivalMs: number): boolean {
  return arrivalMs >= incident.startMs && arrivalMs < incident.endMs;
}

/** The call went to the incident's target (its provider, and its model when it names one). */
function hits(incident: DrillIncident, call: DrillCall): boolean {
  return call.provider === incident.provider && (incident.model === null || call.model === incident.model);
}

/** The call's failure came from this incident's window (the call log names scheduled faults by kind). */
function isFaultOf(call: DrillCall, incident: DrillIncident): boolean {
  return hits(incident, call) && call.fault?.includes(`:${incident.kind}`) === true;
}

function isAnswered(status: number): boolean {
  return status >= 200 && status < 300;
}

function wallMs(call: DrillCall): number {
  return Date.parse(call.time);
}
