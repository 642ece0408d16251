/** Cell formats shared by the drill's console table and HTML page. Pure. */
import { formatDuration } from '../scenario/durations.ts';
import type { IncidentReport } from './types.ts';

export const share = (value: number | null): string =>
  value === null ? '—' : `${(value * 100).toFixed(1)}%`;

/** Scenario ms as "1.2 s" / "340 ms"; signed when asked (extra latency). */
/**
 * Said under the strategies' table when the drill thinned the window's requests: serve's world
 * then sees only the sampled requests, the strategies' world every one. Measured
 * (test/drill-gateway-cost-agreement.test.ts): a pass-through gateway to gpt-4o-mini costs,
 * request for request, exactly what always-gpt-4o-mini costs when every request is played;
 * thinned, its long prompts miss a prompt cache the full stream had warmed, and cost more.
 */
export function sampleNote(report: {
  all: { requests: number };
  availableRequests: number;
}): string | undefined {
  if (report.availableRequests <= report.all.requests) return undefined;
  return `The gateway's calls met a world that saw ${report.all.requests} of the window's ${report.availableRequests} requests (--sample), the strategies' one all of them: prompt-cache hits, provider queues and rate-limit budgets differ, so the same model can cost more through the gateway (a colder prompt cache, prompts billed at the full input rate). --sample ${report.availableRequests} plays every one and compares costs like for like.`;
}

export function ms(value: number | null, signed = false): string {
  if (value === null || !Number.isFinite(value)) return '—';
  const sign = signed && value > 0 ? '+' : value < 0 ? '−' : '';
  const size = Math.abs(value);
  return size >= 1000 ? `${sign}${(size / 1000).toFixed(1)} s` : `${sign}${Math.round(size)} ms`;
}

/** Virtual time since a point of the scenario, as the schedule counts it: "2m10s". */
export function virtual(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '—';
  if (value === 0) return '0s';
  return value < 1000 ? `${Math.round(value)}ms` : formatDuration(Math.round(value / 1000) * 1000);
}

/** USD per 1,000 requests, signed when asked. */
export function perThousand(value: number | null, signed = false): string {
  if (value === null || !Number.isFinite(value)) return '—';
  const scaled = value * 1000;
  const sign = signed && scaled > 0 ? '+' : scaled < 0 ? '−' : '';
  return `${sign}$${Math.abs(scaled).toFixed(3)}`;
}

export function retryAfterCell(report: IncidentReport): string {
  if (report.retryAfter === null) return report.incident.retryAfterMs === null ? 'n/a' : 'no retry';
  const { honoured, checked } = report.retryAfter;
  return honoured === checked ? `yes ${honoured}/${checked}` : `NO ${checked - honoured}/${checked} early`;
}

export function spacingCell(report: IncidentReport): string {
  const spacing = report.retrySpacingMs;
  return spacing === null
    ? '—'
    : `${Math.round(spacing.median)} ms (${Math.round(spacing.min)}–${Math.round(spacing.max)})`;
}

/**
 * One cell of the strategies-beside table: failed share · latency · $/1k — for an incident the
 * latency and cost above the row's own calm requests, for the calm column their means.
 */
export function besideCell(stats: {
  failedShare: number | null;
  latencyMs: number | null;
  costUsd: number | null;
  extraLatencyMs?: number | null;
  extraCostUsd?: number | null;
}): string {
  const extra = stats.extraLatencyMs !== undefined;
  const latency = extra ? ms(stats.extraLatencyMs ?? null, true) : ms(stats.latencyMs);
  const cost = extra ? perThousand(stats.extraCostUsd ?? null, true) : perThousand(stats.costUsd);
  return `${share(stats.failedShare)} · ${latency} · ${cost}`;
}

/** The incident table's columns, in order: the console table and the HTML page show the same. */
export const INCIDENT_COLUMNS: readonly { header: string; align: 'left' | 'right' }[] = [
  { header: 'incident', align: 'left' },
  { header: 'requests', align: 'right' },
  { header: 'failed', align: 'right' },
  { header: 'on target', align: 'right' },
  { header: 'extra calls', align: 'right' },
  { header: 'retries on target', align: 'right' },
  { header: 'retry spacing', align: 'right' },
  { header: 'retry-after', align: 'left' },
  { header: 'failover', align: 'right' },
  { header: 'failback', align: 'right' },
  { header: 'extra latency', align: 'right' },
  { header: 'extra $/1k', align: 'right' },
];

/** One incident's row of the incident table, as INCIDENT_COLUMNS orders it. */
export function incidentCells(incident: IncidentReport): string[] {
  return [
    incident.incident.label,
    String(incident.requests),
    share(incident.failedShare),
    String(incident.callsOnTarget),
    String(incident.extraCalls),
    String(incident.retriesOnTarget),
    spacingCell(incident),
    retryAfterCell(incident),
    virtual(incident.failoverMs),
    virtual(incident.failbackMs),
    ms(incident.extraLatencyMs, true),
    perThousand(incident.extraCostUsd, true),
  ];
}
