/**
 * The routesim strategies beside the gateway: each strategy's run of the same scenario by the
 * direct engine (`simulate`, in memory), read back over the requests the drill sent, per incident
 * window and for the calm requests. Pure over the runs' columns.
 */
import type { RunResult } from '../engine/types.ts';
import { difference, outcomeStats, within } from './analysis.ts';
import type { DrillIncident, StrategyBeside } from './types.ts';

/** Index of 'answered' in the engine's status column (STATUS_NAMES[0]). */
const ANSWERED = 0;

export function strategiesBeside(
  runs: readonly Pick<RunResult, 'name' | 'columns'>[],
  arrivals: ArrayLike<number>,
  indices: readonly number[],
  incidents: readonly DrillIncident[],
): StrategyBeside[] {
  return runs.map((run) => {
    const rowsOf = (picked: readonly number[]) =>
      outcomeStats(
        picked.map((index) => ({
          failed: run.columns.status[index] !== ANSWERED,
          latencyMs: run.columns.latency[index]!,
          costUsd: run.columns.cost[index]!,
        })),
      );
    const calm = rowsOf(
      indices.filter((index) => !incidents.some((incident) => within(incident, arrivals[index]!))),
    );
    return {
      strategy: run.name,
      calm,
      incidents: incidents.map((incident) => {
        const stats = rowsOf(indices.filter((index) => within(incident, arrivals[index]!)));
        return {
          ...stats,
          extraLatencyMs: difference(stats.latencyMs, calm.latencyMs),
          extraCostUsd: difference(stats.costUsd, calm.costUsd),
        };
      }),
    };
  });
}
