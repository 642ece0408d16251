/**
 * "Shadow evaluation: silent routing errors": for each scenario strategy run with the `shadow`
 * option, how many sampled requests were re-sent to the reference model, how many answers could be
 * compared, and how often they disagreed, with the 95% Wilson interval of that rate. Nothing is
 * rendered when no strategy was shadowed.
 */
import type { ShadowMetrics, StrategyMetrics } from '../../metrics/types.ts';
import { formatCount, formatShare } from './format.ts';
import type { ResultsDocument } from './results-document.ts';
import { html, type SafeHtml } from './safe-html.ts';

/** Scenario strategies with shadow counts, in run order. */
export function shadowedStrategies(
  results: ResultsDocument,
): (StrategyMetrics & { shadow: ShadowMetrics })[] {
  return results.strategies.filter(
    (strategy): strategy is StrategyMetrics & { shadow: ShadowMetrics } =>
      strategy.kind === 'strategy' && strategy.shadow !== undefined,
  );
}

/** "14.7% [13.4%, 16.1%]", or "—" when nothing was compared. */
export function disagreementText(shadow: ShadowMetrics): string {
  const interval = shadow.disagreementInterval;
  if (shadow.disagreementRate === null || interval === null) return '—';
  return `${formatShare(shadow.disagreementRate)} [${formatShare(interval.low)}, ${formatShare(interval.high)}]`;
}

function shadowRow(strategy: StrategyMetrics & { shadow: ShadowMetrics }): SafeHtml {
  const { shadow } = strategy;
  return html`<tr><th scope="row">${strategy.name}</th><td>${shadow.reference}</td><td class="num">${formatShare(shadow.share)}</td><td class="num">${formatCount(shadow.sampled)}</td><td class="num">${formatCount(shadow.compared)}</td><td class="num">${formatCount(shadow.disagreed)}</td><td class="num">${disagreementText(shadow)}</td><td class="num">${formatCount(shadow.routedFailed)}</td><td class="num">${formatCount(shadow.referenceFailed)}</td></tr>`;
}

export function shadowSection(results: ResultsDocument): SafeHtml {
  const shadowed = shadowedStrategies(results);
  if (shadowed.length === 0) return html``;
  return html`<h3 id="shadow">Shadow evaluation: silent routing errors</h3>
<div class="table-wrap"><table class="data compact">
<thead><tr><th scope="col">strategy</th><th scope="col">reference</th><th scope="col">sampled share</th><th scope="col">sampled</th><th scope="col">compared</th><th scope="col">disagreed</th><th scope="col">disagreement [95% CI]</th><th scope="col">routed failed</th><th scope="col">reference failed</th></tr></thead>
<tbody>${shadowed.map(shadowRow)}</tbody></table></div>
<p class="note">A keyed sample of requests (the sampled share; the same requests for every shadowed strategy) was also sent to the reference model after the strategy answered; that cost is reported apart and not in the strategy’s cost. <em>Compared</em> counts sampled requests where both answers arrived; <em>disagreed</em> those whose final answers differ. The disagreement rate (95% Wilson interval) is an upper bound on how often the routed answer was worse — the errors a team never sees in production — since the reference can be the wrong one. <em>Routed failed</em>: the strategy failed while the reference answered.</p>`;
}
