/**
 * Where each strategy's money goes beyond the visible answer: hidden reasoning tokens (billed as
 * output) and prompt caching — the share of prompt tokens served from a cache, the dollars caching
 * saved, and the hits lost because a conversation's prefix was sent to a provider other than the
 * one where it was warm. From strategies[].usage; nothing when results.json predates it.
 */
import type { StrategyMetrics, UsageMetrics } from '../../metrics/types.ts';
import { formatCount, formatShare, formatUsd } from './format.ts';
import type { ResultsDocument } from './results-document.ts';
import { html, type SafeHtml } from './safe-html.ts';

/** USD per 1,000 requests of a run total. */
const per1k = (usd: number, strategy: StrategyMetrics) =>
  formatUsd(strategy.requestCount === 0 ? 0 : (usd / strategy.requestCount) * 1000);

/** Caching's saving as a share of what the same calls would have cost without a cache; null when nothing was billed. */
export function cacheSavedShare(usage: UsageMetrics, costUsd: number): number | null {
  const uncached = costUsd + usage.cacheSavedUsd;
  return uncached > 0 ? usage.cacheSavedUsd / uncached : null;
}

function row(strategy: StrategyMetrics, usage: UsageMetrics): SafeHtml {
  const perRequest = strategy.requestCount === 0 ? 0 : usage.reasoningTokens / strategy.requestCount;
  return html`<tr><th scope="row">${strategy.name}</th>
<td class="num">${formatUsd(strategy.cost.per1kUsd)}</td>
<td class="num">${formatCount(perRequest)}</td>
<td class="num">${per1k(usage.reasoningUsd, strategy)}</td>
<td class="num">${formatShare(usage.reasoningCostShare)}</td>
<td class="num">${formatShare(usage.cachedInputShare)}</td>
<td class="num">${per1k(usage.cacheSavedUsd, strategy)}</td>
<td class="num">${formatShare(cacheSavedShare(usage, strategy.cost.totalUsd))}</td>
<td class="num">${formatCount(usage.spreadMisses)}</td>
<td class="num">${per1k(usage.spreadMissUsd, strategy)}</td></tr>`;
}

export function costBreakdownSection(results: ResultsDocument): SafeHtml {
  const rows = results.strategies.flatMap((strategy) =>
    strategy.kind === 'strategy' && strategy.usage !== undefined ? [{ strategy, usage: strategy.usage }] : [],
  );
  if (rows.length === 0) return html``;
  const reasoning = rows.some((entry) => entry.usage.reasoningTokens > 0);
  return html`<h3 id="cost-breakdown">Where the cost goes: hidden reasoning and prompt caching</h3>
<div class="table-wrap"><table class="data compact">
<thead><tr><th scope="col">strategy</th><th scope="col">cost / 1k req</th><th scope="col">reasoning tokens / req</th><th scope="col">reasoning cost / 1k req</th><th scope="col">reasoning share of cost</th><th scope="col">cached share of input</th><th scope="col">saved by caching / 1k req</th><th scope="col">saving, share of uncached cost</th><th scope="col">cache hits lost to spreading</th><th scope="col">their cost / 1k req</th></tr></thead>
<tbody>${rows.map((entry) => row(entry.strategy, entry.usage))}</tbody></table></div>
<p class="note">${
    reasoning
      ? 'Reasoning models decode hidden reasoning tokens before the visible answer; they are billed as output tokens, so their cost is reasoning tokens × the model’s output price. '
      : 'No call in these runs produced hidden reasoning tokens. '
  }Caching: a prompt’s cacheable prefix sent to a provider again within its cache lifetime is billed at the cache-read price; the saving is cached tokens × (input − cache-read price) minus the premium of billed cache writes, against the same calls without a cache; a model with no cache-read price in the catalog bills cached tokens at the input price, so its hits count in the cached share but save nothing. A hit lost to spreading is a prefix that missed at one provider while it was warm at another — the cost of routing one conversation over several providers; its cost is what that prefix was billed above a cache hit. Judge and escalation calls are included; shadow calls are not.</p>`;
}
