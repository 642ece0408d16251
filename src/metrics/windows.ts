/**
 * Per-window series over virtual time (metrics.md "Over time"): requests are assigned to windows
 * by arrival; the window is the scenario's, else duration / 96 rounded to a whole minute.
 */
import { type RunColumns, Status } from '../engine/types.ts';
import { quantilesInPlace } from './quantiles.ts';
import type { WindowSeries } from './types.ts';

const MINUTE_MS = 60_000;

/** Window length, ms: `windowMs` if set, else durationMs / 96 rounded to a whole minute (≥ 1 minute). */
export function windowLength(durationMs: number, windowMs: number | undefined): number {
  if (windowMs !== undefined && windowMs > 0) return windowMs;
  return Math.max(1, Math.round(durationMs / 96 / MINUTE_MS)) * MINUTE_MS;
}

/** Windows over the run: ⌈durationMs / windowMs⌉, at least 1. */
export function windowCount(durationMs: number, windowMs: number): number {
  return Math.max(1, Math.ceil(durationMs / windowMs));
}

/** Window of each request (arrival ÷ window, clamped to the last window). */
export function windowOf(arrival: Float64Array, windowMs: number, count: number): Uint32Array {
  const out = new Uint32Array(arrival.length);
  for (let index = 0; index < arrival.length; index++) {
    out[index] = Math.min(count - 1, Math.max(0, Math.floor(arrival[index]! / windowMs)));
  }
  return out;
}

/** The series of one run; `windows` from windowOf. */
export function windowSeries(
  columns: Pick<RunColumns, 'cost' | 'latency' | 'status'>,
  windows: Uint32Array,
  windowMs: number,
  count: number,
): WindowSeries {
  const requests = new Array<number>(count).fill(0);
  const costUsd = new Array<number>(count).fill(0);
  const answered = new Array<number>(count).fill(0);
  for (let index = 0; index < windows.length; index++) {
    const window = windows[index]!;
    requests[window]!++;
    costUsd[window]! += columns.cost[index]!;
    if (columns.status[index] === Status.answered) answered[window]!++;
  }
  // Answered latencies grouped by window in one buffer (counting sort), for the per-window p95.
  const offsets = new Array<number>(count + 1).fill(0);
  for (let window = 0; window < count; window++) offsets[window + 1] = offsets[window]! + answered[window]!;
  const cursor = offsets.slice(0, count);
  const latencies = new Float64Array(offsets[count]!);
  for (let index = 0; index < windows.length; index++) {
    if (columns.status[index] !== Status.answered) continue;
    latencies[cursor[windows[index]!]!++] = columns.latency[index]!;
  }
  const p95: (number | null)[] = [];
  for (let window = 0; window < count; window++) {
    const slice = latencies.subarray(offsets[window]!, offsets[window + 1]!);
    p95.push(quantilesInPlace(slice, [0.95])[0] ?? null);
  }
  return {
    startMs: requests.map((_, window) => window * windowMs),
    requests,
    costUsd,
    answeredRate: requests.map((total, window) => (total === 0 ? null : answered[window]! / total)),
    errorRate: requests.map((total, window) => (total === 0 ? null : (total - answered[window]!) / total)),
    p95,
  };
}
