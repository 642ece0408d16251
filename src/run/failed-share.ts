/**
 * The scenario's limits.failedShare at the end of a run: which scenario strategies' own code
 * failed more than that share of their requests (a run with one exits 1 instead of 0).
 */
import type { StrategyMetrics } from '../metrics/types.ts';

export interface FailingStrategy {
  name: string;
  /** Requests failed by the strategy's own code (failure kinds `other` and `ungraded`). */
  failed: number;
  requestCount: number;
  /** The limit it went over, [0, 1]. */
  limit: number;
}

/**
 * Failures of a strategy's own code, not of the providers: `other` (the route threw or returned
 * something that is not { responseId, reason }, the call cap, an unknown model) and `ungraded`
 * (a response id the world never issued). Outages and 429 storms are the world's, not counted.
 */
export function failingStrategies(strategies: readonly StrategyMetrics[], limit: number): FailingStrategy[] {
  return strategies
    .filter((strategy) => strategy.kind === 'strategy')
    .map((strategy) => ({
      name: strategy.name,
      failed: strategy.failures.other + strategy.failures.ungraded,
      requestCount: strategy.requestCount,
      limit,
    }))
    .filter((entry) => entry.requestCount > 0 && entry.failed / entry.requestCount > limit);
}
