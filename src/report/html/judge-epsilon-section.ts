/**
 * The judge-ε study as a table, with one sentence saying what it shows, computed from the points:
 * how quality and cost per 1,000 requests move from the smallest to the largest ε. The chart of
 * the same points is charts/judge-epsilon.ts. Nothing is rendered when the run has no study.
 */
import { researchRan } from '../../metrics/research-not-run.ts';
import type { JudgeEpsilonMetrics } from '../../metrics/types.ts';
import { formatCount, formatShare, formatUsd } from './format.ts';
import type { ResultsDocument } from './results-document.ts';
import { html, type SafeHtml } from './safe-html.ts';

const moved = (from: number, to: number) => (to < from ? 'falls' : to > from ? 'rises' : 'stays');

/** "From ε = 0 to ε = 0.3, quality falls from 0.927 to 0.820 and cost rises from $2.89 to $4.08 per 1,000 requests." */
export function judgeEpsilonSentence(study: JudgeEpsilonMetrics): string {
  const first = study.points[0];
  const last = study.points[study.points.length - 1];
  if (first === undefined || last === undefined || first === last) {
    return `${study.strategy} was studied at one ε only.`;
  }
  const quality = `quality ${moved(first.quality, last.quality)} from ${first.quality.toFixed(3)} to ${last.quality.toFixed(3)}`;
  const cost = `cost ${moved(first.costPerRequestUsd, last.costPerRequestUsd)} from ${formatUsd(first.costPerRequestUsd * 1000)} to ${formatUsd(last.costPerRequestUsd * 1000)} per 1,000 requests`;
  const opening = `From ε = ${first.epsilon} to ε = ${last.epsilon}, ${quality} and ${cost}`;
  // The usual case, explained; other outcomes are stated as measured.
  return last.quality < first.quality && last.costPerRequestUsd > first.costPerRequestUsd
    ? `${opening}: a judge that is wrong more often lets more wrong cheap answers through and escalates more right ones, so a worse judge costs both quality and money.`
    : `${opening}.`;
}

export function judgeEpsilonSection(results: ResultsDocument): SafeHtml {
  const study = researchRan(results.research) ? results.research.judgeEpsilon : undefined;
  if (study === undefined) return html``;
  return html`<h3 id="judge-epsilon">Judge cascade: quality and cost against ε</h3>
<p>${judgeEpsilonSentence(study)}</p>
<div class="table-wrap"><table class="data compact">
<thead><tr><th scope="col">ε</th><th scope="col">quality</th><th scope="col">cost / 1k req</th><th scope="col">judge cost / 1k req</th><th scope="col">judge calls / req</th><th scope="col">escalated</th></tr></thead>
<tbody>${study.points.map(
    (point) =>
      html`<tr><th scope="row">${point.epsilon}${point.epsilon === study.epsilon ? ' (this scenario)' : ''}</th><td class="num">${point.quality.toFixed(3)}</td><td class="num">${formatUsd(point.costPerRequestUsd * 1000)}</td><td class="num">${formatUsd(point.judgeCostPerRequestUsd * 1000)}</td><td class="num">${point.judgeCallsPerRequest.toFixed(2)}</td><td class="num">${formatShare(point.escalationRate)}</td></tr>`,
  )}</tbody></table></div>
<p class="note">${study.strategy} (judge ${study.judgeModel}) re-run over the first ${formatCount(study.count)} requests of this stream at each ε, a fresh world per point: the requests, answers and draws are the same at every ε, and a verdict flipped at a smaller ε is flipped at every larger one, so the differences are the judge’s alone.${study.count < results.requestCount ? ` These figures cover those ${formatCount(study.count)} requests only, so they differ from ${study.strategy}’s row above (the whole run).` : ''} Run on the direct engine.</p>`;
}
