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

/** Runs of `kind` that carry usage totals, with them. */
function withUsage(results: Pick<ResultsDocument, 'strategies'>, kind: StrategyMetrics['kind']) {
  return results.strategies.flatMap((strategy) =>
    strategy.kind === kind && strategy.usage !== undefined ? [{ strategy, usage: strategy.usage }] : [],
  );
}

/** "12.5% (cascade)" for the entry with the extreme value of `value` (highest when `highest`). */
function extreme(
  entries: readonly { strategy: StrategyMetrics; usage: UsageMetrics }[],
  value: (entry: { strategy: StrategyMetrics; usage: UsageMetrics }) => number,
  highest: boolean,
) {
  return [...entries].sort(
    (a, b) =>
      (highest ? value(b) - value(a) : value(a) - value(b)) || a.strategy.name.localeCompare(b.strategy.name),
  )[0];
}

/**
 * The cost breakdown in two sentences for the executive summary: the range of hidden reasoning's
 * share of cost (when any run reasoned) and of caching's saving, and the strategy that lost the
 * most cache hits to spreading. Plain text; nothing when no strategy carries usage totals.
 */
export function costBreakdownSentences(results: Pick<ResultsDocument, 'strategies'>): string[] {
  const entries = withUsage(results, 'strategy');
  if (entries.length === 0) return [];
  const sentences: string[] = [];
  const reasoningShare = (entry: (typeof entries)[number]) => entry.usage.reasoningCostShare ?? 0;
  const most = extreme(entries, reasoningShare, true)!;
  if (reasoningShare(most) > 0) {
    const least = extreme(entries, reasoningShare, false)!;
    sentences.push(
      `Hidden reasoning tokens, billed as output, are ${formatShare(reasoningShare(least))} (${least.strategy.name}) to ${formatShare(reasoningShare(most))} (${most.strategy.name}) of the strategies’ cost.`,
    );
  }
  const saved = (entry: (typeof entries)[number]) =>
    cacheSavedShare(entry.usage, entry.strategy.cost.totalUsd) ?? 0;
  const low = extreme(entries, saved, false)!;
  const high = extreme(entries, saved, true)!;
  const spread = extreme(entries, (entry) => entry.usage.spreadMissUsd, true)!;
  const lost =
    spread.usage.spreadMisses === 0
      ? ' No strategy lost a cache hit by sending a prefix to another provider than the one where it was warm.'
      : ` ${spread.strategy.name} lost the most to spreading conversations over providers: ${formatCount(spread.usage.spreadMisses)} cache hits, ${per1k(spread.usage.spreadMissUsd, spread.strategy)} per 1,000 requests.`;
  sentences.push(
    `Prompt caching saved ${formatShare(saved(low))} (${low.strategy.name}) to ${formatShare(saved(high))} (${high.strategy.name}) of what the same calls would cost without a cache.${lost}`,
  );
  return sentences;
}

function usageTable(
  rows: readonly { strategy: StrategyMetrics; usage: UsageMetrics }[],
  first: string,
): SafeHtml {
  return html`<div class="table-wrap"><table class="data compact">
<thead><tr><th scope="col">${first}</th><th scope="col">cost / 1k req</th><th scope="col">reasoning tokens / req</th><th scope="col">reasoning cost / 1k req</th><th scope="col">reasoning share of cost</th><th scope="col">cached share of input</th><th scope="col">saved by caching / 1k req</th><th scope="col">saving, share of uncached cost</th><th scope="col">cache hits lost to spreading</th><th scope="col">their cost / 1k req</th></tr></thead>
<tbody>${rows.map((entry) => row(entry.strategy, entry.usage))}</tbody></table></div>`;
}

export function costBreakdownSection(results: ResultsDocument): SafeHtml {
  const rows = withUsage(results, 'strategy');
  if (rows.length === 0) return html``;
  const singles = withUsage(results, 'single');
  const reasoning = [...rows, ...singles].some((entry) => entry.usage.reasoningTokens > 0);
  return html`<h3 id="cost-breakdown">Where the cost goes: hidden reasoning and prompt caching</h3>
${usageTable(rows, 'strategy')}
${singles.length === 0 ? '' : html`<details><summary>The same for each model alone (${singles.length})</summary>${usageTable(singles, 'run')}</details>`}
<p class="note">${
    reasoning
      ? 'Reasoning models decode hidden reasoning tokens before the visible answer; they are billed as output tokens, so their cost is reasoning tokens × the model’s output price. '
      : 'No call in these runs produced hidden reasoning tokens. '
  }Caching: a prompt’s cacheable prefix sent to a provider again within its cache lifetime is billed at the cache-read price; the saving is cached tokens × (input − cache-read price) minus the premium of billed cache writes, against the same calls without a cache; a model with no cache-read price in the catalog bills cached tokens at the input price, so its hits count in the cached share but save nothing. A hit lost to spreading is a prefix that missed at one provider while it was warm at another — the cost of routing one conversation over several providers; its cost is what that prefix was billed above a cache hit. Judge and escalation calls are included; shadow calls are not.</p>`;
}
