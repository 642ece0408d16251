/**
 * A run's token, reasoning and prompt-cache totals (src/engine/usage-totals.ts) with the two
 * shares a reader asks for: how much of the bill is hidden reasoning, and how much of the prompt
 * was served from a cache.
 */
import type { UsageTotals } from '../engine/usage-totals.ts';
import type { UsageMetrics } from './types.ts';

/** `totals` with its shares; `costUsd` is the run's total cost (shadow calls excluded), USD. */
export function usageMetrics(totals: UsageTotals, costUsd: number): UsageMetrics {
  return {
    ...totals,
    reasoningCostShare: costUsd > 0 ? totals.reasoningUsd / costUsd : null,
    cachedInputShare: totals.promptTokens > 0 ? totals.cachedTokens / totals.promptTokens : null,
  };
}
