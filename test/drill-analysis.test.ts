/**
 * The drill's pure analysis (src/drill/analysis.ts) on a hand-built call log whose answers are
 * known: retries and fallbacks counted per request, retry spacing from the log's wall times,
 * retry-after judged against the scaled wait, failover and failback timed as the request's
 * arrival plus the real time the gateway spent on it, extra latency and cost against calm.
 */
import { describe, expect, it } from 'vitest';
import { analyzeDrill } from '../src/drill/analysis.ts';
import type { ClientOutcome, DrillCall, DrillIncident } from '../src/drill/types.ts';

const EPOCH = Date.parse('2026-01-01T00:00:00.000Z');
const outage: DrillIncident = {
  label: 'gpt-4o-mini error 503 @1m40s',
  provider: 'openai',
  model: 'gpt-4o-mini',
  kind: 'error',
  startMs: 100_000,
  endMs: 200_000,
  retryAfterMs: null,
};
const storm: DrillIncident = {
  label: 'gpt-4o-mini rate_limit @5m',
  provider: 'openai',
  model: 'gpt-4o-mini',
  kind: 'rate_limit',
  startMs: 300_000,
  endMs: 400_000,
  retryAfterMs: 6000,
};

let seq = 0;
function call(
  index: number | null,
  wallOffsetMs: number,
  model: string,
  status: number,
  extra: Partial<DrillCall> = {},
): DrillCall {
  seq += 1;
  return {
    seq,
    time: new Date(EPOCH + wallOffsetMs).toISOString(),
    virtualMs: wallOffsetMs * 60,
    provider: 'openai',
    model,
    status,
    latencyMs: status === 200 ? 500 : null,
    costUsd: status === 200 ? 0.001 : null,
    requestIndex: index,
    fault: null,
    ...extra,
  };
}

function outcome(index: number, arrivalMs: number, latencyMs: number, status = 200): ClientOutcome {
  return { index, arrivalMs, status, latencyMs, lateMs: 0, sentAtMs: EPOCH + arrivalMs / 60 };
}

describe('drill analysis', () => {
  const outcomes = [
    outcome(0, 50_000, 1000),
    outcome(1, 120_000, 1600),
    outcome(2, 210_000, 800),
    outcome(3, 310_000, 2000),
    outcome(4, 330_000, 900, 503),
  ];
  const at = (arrivalMs: number, afterMs: number) => arrivalMs / 60 + afterMs;
  const calls = [
    call(0, at(50_000, 0), 'gpt-4o-mini', 200),
    call(1, at(120_000, 0), 'gpt-4o-mini', 503, { fault: 'scheduled:error:503' }),
    call(1, at(120_000, 10), 'gpt-4o-mini', 503, { fault: 'scheduled:error:503' }),
    call(1, at(120_000, 20), 'gpt-4o', 200, { costUsd: 0.004 }),
    call(2, at(210_000, 0), 'gpt-4o-mini', 200, { latencyMs: 800 }),
    call(3, at(310_000, 0), 'gpt-4o-mini', 429, { fault: 'scheduled:rate_limit' }),
    call(3, at(310_000, 50), 'gpt-4o-mini', 429, { fault: 'scheduled:rate_limit' }),
    call(3, at(310_000, 200), 'gpt-4o-mini', 200),
    call(4, at(330_000, 0), 'gpt-4o-mini', 429, { fault: 'scheduled:rate_limit' }),
    call(null, at(330_000, 5), 'gpt-4o-mini', 200),
  ];
  const analysis = analyzeDrill({
    incidents: [outage, storm],
    outcomes,
    calls,
    scheduleScale: 60,
    latencyScale: 1,
  });
  const [duringOutage, duringStorm] = analysis.incidents;

  it('counts retries on the target and every extra call', () => {
    expect(duringOutage).toMatchObject({
      requests: 1,
      failed: 0,
      calls: 3,
      extraCalls: 2,
      retriesOnTarget: 1,
    });
    expect(duringOutage!.retrySpacingMs).toEqual({ min: 10, median: 10, max: 10 });
    expect(duringStorm).toMatchObject({
      requests: 2,
      failed: 1,
      failedShare: 0.5,
      extraCalls: 2,
      retriesOnTarget: 2,
    });
  });

  it('judges each retry after a 429 against retry-after at the schedule scale (6 s / 60 = 100 ms)', () => {
    expect(duringStorm!.retryAfter).toEqual({ checked: 2, honoured: 1, clientMs: 100 });
    expect(duringOutage!.retryAfter).toBeNull();
  });

  it('times failover and failback from the arrival plus the gateway’s own time', () => {
    // Arrival 20 s into the outage + 20 real ms of retries + the 500 ms answer.
    expect(duringOutage!.failoverMs).toBe(20_520);
    // The first answer from gpt-4o-mini after the end: request 2, 10 s after it, answered in 800 ms.
    expect(duringOutage!.failbackMs).toBe(10_800);
    expect(duringStorm!.failoverMs).toBeNull();
  });

  it('compares latency and cost with the calm requests, and counts calls no request matched', () => {
    expect(analysis.calm).toMatchObject({ requests: 2, failed: 0, latencyMs: 900, costUsd: 0.001 });
    expect(duringOutage!.extraLatencyMs).toBe(700);
    expect(duringOutage!.extraCostUsd).toBeCloseTo(0.003, 12);
    expect(analysis.all.requests).toBe(5);
    expect(analysis.unmatchedCalls).toBe(1);
  });
});
