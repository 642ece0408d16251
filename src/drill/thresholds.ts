/**
 * A drill's pass/fail gates, so a team can hold its gateway config to them in CI (exit 99 when
 * one fails): the share of requests the client saw fail, the time to fail over per incident,
 * and whether retries honoured retry-after. Pure.
 */
import { share, virtual } from './format.ts';
import type { DrillReport } from './types.ts';

export interface DrillThresholds {
  /** Most requests (of the whole drill) that may fail, [0, 1]. */
  maxFailedShare?: number;
  /** Longest time to fail over in an incident that failed requests, virtual ms. */
  maxFailoverMs?: number;
  /** Every retry after a 429 waits at least its retry-after. */
  requireRetryAfter?: boolean;
}

export interface ThresholdCheck {
  name: string;
  ok: boolean;
  detail: string;
}

export function checkDrillThresholds(report: DrillReport, thresholds: DrillThresholds): ThresholdCheck[] {
  const checks: ThresholdCheck[] = [];
  if (thresholds.maxFailedShare !== undefined) {
    const limit = thresholds.maxFailedShare;
    const failed = report.all.failedShare ?? 0;
    checks.push({
      name: `failed share ≤ ${share(limit)}`,
      ok: failed <= limit,
      detail: `${share(failed)} of ${report.all.requests} requests failed`,
    });
  }
  if (thresholds.maxFailoverMs !== undefined) {
    const limit = thresholds.maxFailoverMs;
    for (const incident of report.incidents) {
      // An incident the gateway rode out with no failed request needs no failover.
      if (incident.failed === 0 && incident.retriesOnTarget === 0 && incident.failoverMs === null) continue;
      const failover = incident.failoverMs;
      checks.push({
        name: `failover ≤ ${virtual(limit)} (${incident.incident.label})`,
        ok: failover !== null && failover <= limit,
        detail:
          failover === null
            ? 'the gateway never answered from another target'
            : `failed over after ${virtual(failover)}`,
      });
    }
  }
  if (thresholds.requireRetryAfter === true) {
    for (const incident of report.incidents) {
      if (incident.retryAfter === null) continue;
      const { honoured, checked, clientMs } = incident.retryAfter;
      checks.push({
        name: `retry-after honoured (${incident.incident.label})`,
        ok: honoured === checked,
        detail: `${honoured} of ${checked} retries waited ≥ ${clientMs} ms`,
      });
    }
  }
  return checks;
}
