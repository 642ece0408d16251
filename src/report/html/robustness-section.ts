/**
 * "Robustness of the verdict" (issue 9, deliverable 8): the scenario strategies re-run with each
 * least-certain assumption at both ends of its published band — a table of quality, cost per
 * 1,000 requests and p95 per strategy and side, one sentence per assumption saying whether the
 * ranking and the top strategy held, and what was not moved. Built from results.json
 * `robustness` alone; nothing is rendered when the run skipped it.
 */
import type { RobustnessMetrics, RobustnessRow, RobustnessSide } from '../../metrics/robustness-types.ts';
import { formatCount, formatMs, formatUsd } from './format.ts';
import type { ResultsDocument } from './results-document.ts';
import { html, type SafeHtml } from './safe-html.ts';

/** "at the low end (every model … fast world) the verdict holds" / "… changes: …". */
function sideClause(side: RobustnessSide): string {
  const outcome = side.holds ? 'the verdict holds' : `the verdict ${side.verdict}`;
  return `at the ${side.side} end (${side.setting}) ${outcome}`;
}

/** One sentence per assumption, its sides in order, with its band and source. */
export function assumptionSentences(robustness: RobustnessMetrics): string[] {
  const ids = [...new Set(robustness.sides.map((side) => side.id))];
  return ids.map((id) => {
    const sides = robustness.sides.filter((side) => side.id === id);
    const first = sides[0] as RobustnessSide;
    const opening = first.assumption.charAt(0).toUpperCase() + first.assumption.slice(1);
    return `${opening} — band: ${first.band}: ${sides.map(sideClause).join('; ')}.`;
  });
}

function cell(row: RobustnessRow | undefined): SafeHtml {
  if (row === undefined) return html`<td>—</td>`;
  const title = row.rerun ? '' : 'not re-run: this move cannot change this strategy, so its base run stands';
  return html`<td class="num${row.rerun ? '' : ' reused'}" title="${title}">${row.quality.toFixed(3)}<br>${formatUsd(row.costPer1kUsd)}<br>${formatMs(row.p95Ms)}</td>`;
}

export function robustnessSection(results: ResultsDocument): SafeHtml {
  const robustness = results.robustness;
  if (robustness === undefined) return html``;
  const { base, sides } = robustness;
  const rows = base.rows.map(
    (row, index) =>
      html`<tr><th scope="row">${row.name}${row.name === base.top ? ' ★' : ''}</th>${cell(row)}${sides.map((side) => cell(side.rows[index]))}</tr>`,
  );
  const tops = html`<tr><th scope="row">top</th><td>${base.top ?? 'none'}</td>${sides.map((side) => html`<td class="${side.top === base.top ? '' : 'status-fail'}">${side.top ?? 'none'}</td>`)}</tr>`;
  const taus = html`<tr><th scope="row">Kendall τ quality / cost</th><td>—</td>${sides.map((side) => html`<td class="num">${tau(side.kendallTau.quality)} / ${tau(side.kendallTau.cost)}</td>`)}</tr>`;
  const skipped = robustness.skipped.map((entry) => `${entry.assumption} (${entry.reason})`).join('; ');
  return html`<p><strong>${capitalised(robustness.summary)}.</strong> The headline comparison — the order of the scenario strategies by quality and by cost, and the top strategy — re-run with each of the least certain assumptions of the world at either end of its published band.</p>
<ul>${assumptionSentences(robustness).map((sentence) => html`<li>${sentence}</li>`)}</ul>
<div class="table-wrap"><table class="data compact">
<thead><tr><th scope="col">strategy</th><th scope="col">as simulated</th>${sides.map((side) => html`<th scope="col">${side.assumption}<br>${side.side}</th>`)}</tr></thead>
<tbody>${rows}${tops}${taus}</tbody></table></div>
<p class="note">Each cell: quality, cost per 1,000 requests, p95 latency. Every side ran the scenario strategies as configured (same options, same published model facts) over the same ${formatCount(robustness.requestCount)} requests with the same draws, in a world built with that one assumption moved; a greyed cell is a strategy the move cannot change (its base run stands: a re-run would be identical). “Top” (★ on the simulated run) is ${robustness.topRule}. A pair counts as reordered only when its new gap exceeds the run’s resolution — the median half-width of its 95% intervals of differences from the reference: ${(robustness.resolution.quality * 100).toFixed(2)} quality points and ${formatUsd(robustness.resolution.costPer1kUsd)} per 1,000 requests; smaller reversals are within noise.${skipped === '' ? '' : ` Not moved: ${skipped}.`}</p>`;
}

const tau = (value: number | null) => (value === null ? '—' : value.toFixed(2));
const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
