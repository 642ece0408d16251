/**
 * The incidents a drill reports on: the fault windows of the scenario's schedule (the world's
 * resolved windows, so MTBF/MTTR incidents are drawn exactly as `simulate` draws them) that
 * overlap the part of the scenario the drill plays. Pure.
 */
import type { FaultWindow } from '../contracts/index.ts';
import { formatDuration } from '../scenario/durations.ts';
import type { DrillIncident } from './types.ts';

export function drillIncidents(
  windows: readonly FaultWindow[],
  fromMs: number,
  toMs: number,
): DrillIncident[] {
  return windows
    .filter((window) => window.startMs < toMs && window.endMs > fromMs)
    .map((window) => ({
      label: `${window.model ?? window.provider} ${window.kind}${window.status === undefined ? '' : ` ${window.status}`} @${formatDuration(Math.round(window.startMs / 1000) * 1000)}`,
      provider: window.provider,
      model: window.model ?? null,
      kind: window.kind,
      startMs: window.startMs,
      endMs: window.endMs,
      retryAfterMs: window.kind === 'rate_limit' ? (window.retryAfterMs ?? null) : null,
    }))
    .sort((a, b) => a.startMs - b.startMs || a.label.localeCompare(b.label));
}
