/**
 * timings.json: the wall-clock figures of this machine — the only output file allowed to differ
 * between two runs of the same scenario and seed. Total and per-unit wall time, requests
 * simulated per second, time compression (virtual seconds simulated per wall second, over all
 * units) and each scenario strategy's decision overhead (median and p99, nearest-rank, µs).
 */
import { join } from 'node:path';
import type { Reporter, RunEnd } from '../run/reporter.ts';
import { writeFileAtomic } from './atomic-write.ts';

export const TIMINGS_FILE = 'timings.json';

/** Nearest-rank quantile (k = ⌈p·n⌉) of finite values; null when there are none. */
export function nearestRank(values: Float32Array, p: number): number | null {
  const sorted = values.filter(Number.isFinite).sort();
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[rank - 1] ?? null;
}

const round3 = (value: number | null) =>
  value === null || !Number.isFinite(value) ? null : Math.round(value * 1000) / 1000;

export function buildTimings(end: RunEnd): Record<string, unknown> {
  const totalSeconds = end.wallMs / 1000;
  const requests = end.metrics.requestCount;
  const simulated = requests * end.runs.length;
  const virtualSeconds = (end.scenario.durationMs / 1000) * end.runs.length;
  return {
    note: 'wall-clock figures of this machine; the only file that differs between identical runs',
    totalMs: round3(end.wallMs),
    /** Up to the reporters: writing the files is not included. */
    phasesMs: Object.fromEntries(Object.entries(end.phasesMs).map(([name, ms]) => [name, round3(ms)])),
    units: end.runs.length,
    requests,
    requestsSimulated: simulated,
    requestsPerSecond: totalSeconds > 0 ? Math.round(simulated / totalSeconds) : null,
    /** Virtual seconds simulated (all units) per wall second. */
    timeCompression: totalSeconds > 0 ? Math.round(virtualSeconds / totalSeconds) : null,
    perUnit: end.runs.map((run, index) => {
      const wallMs = end.unitWallMs[index] ?? 0;
      return {
        label: run.name,
        kind: end.units[index]?.kind,
        wallMs: round3(wallMs),
        requestsPerSecond: wallMs > 0 ? Math.round(requests / (wallMs / 1000)) : null,
      };
    }),
    decisionOverheadMicroseconds: Object.fromEntries(
      end.runs
        .filter((_run, index) => end.units[index]?.kind === 'strategy')
        .map((run) => {
          const overhead = run.decisionOverheadMs;
          // Units run in worker threads are not timed: all zeros means "not measured".
          if (!overhead.some((value) => value > 0)) return [run.name, { median: null, p99: null }];
          const median = nearestRank(overhead, 0.5);
          const p99 = nearestRank(overhead, 0.99);
          return [
            run.name,
            {
              median: median === null ? null : round3(median * 1000),
              p99: p99 === null ? null : round3(p99 * 1000),
            },
          ];
        }),
    ),
  };
}

export function timingsReporter(outDir: string): Reporter {
  return {
    onRunEnd(end) {
      writeFileAtomic(join(outDir, TIMINGS_FILE), `${JSON.stringify(buildTimings(end), null, 2)}\n`);
    },
  };
}
