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

/**
 * Whether the winner is robust or an artifact, in words: "cascade stays on top under 4 of 6
 * moves; cascade-judge replaces it under logprob confidence AUROC low and high."
 */
export function winnerSentence(robustness: RobustnessMetrics): string {
  const { base, sides } = robustness;
  const moves = `${sides.length} ${sides.length === 1 ? 'move' : 'moves'}`;
  const kept = sides.filter((side) => side.top === base.top);
  const replaced = new Map<string, string[]>();
  for (const side of sides) {
    if (side.top === base.top) continue;
    const name = side.top ?? 'no strategy';
    replaced.set(name, [...(replaced.get(name) ?? []), `${side.assumption} ${side.side}`]);
  }
  const changes = [...replaced].map(([name, where]) => `${name} under ${where.join(', ')}`).join('; ');
  const opening =
    base.top === null
      ? `No strategy qualifies as top on the simulated run, and none does under ${kept.length} of ${moves}`
      : `${base.top} is top on the simulated run and stays top under ${kept.length} of ${moves}`;
  return changes === '' ? `${opening}.` : `${opening}; instead: ${changes}.`;
}

/** "The order by quality and by cost holds under 4 of 6 moves." */
function orderSentence(robustness: RobustnessMetrics): string {
  const { sides } = robustness;
  const kept = sides.filter((side) => side.overtakes.length === 0).length;
  return `The order of the strategies by quality and by cost holds under ${kept} of ${sides.length} ${sides.length === 1 ? 'move' : 'moves'}.`;
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
  return html`<p>The headline comparison — the order of the scenario strategies by quality and by cost, and the top strategy — re-run with each of the least certain assumptions of the world at either end of its published band. <strong>${robustness.sides.length === 0 ? capitalised(robustness.summary) : winnerSentence(robustness)}</strong> ${robustness.sides.length === 0 ? '' : orderSentence(robustness)}</p>
<ul>${assumptionSentences(robustness).map((sentence) => html`<li>${sentence}</li>`)}</ul>
<div class="table-wrap"><table class="data compact">
<thead><tr><th scope="col">strategy</th><th scope="col">as simulated</th>${sides.map((side) => html`<th scope="col">${side.assumption}<br>${side.side}</th>`)}</tr></thead>
<tbody>${rows}${tops}${taus}</tbody></table></div>
<p class="note">Each cell: quality, cost per 1,000 requests, p95 latency. Every side ran the scenario strategies as configured (same options, same published model facts) over the same ${formatCount(robustness.requestCount)} requests with the same draws, in a world built with that one assumption moved; a greyed cell is a strategy the move cannot change (its base run stands: a re-run would be identical). “Top” (★ on the simulated run) is ${robustness.topRule}. A pair counts as reordered only when its new gap exceeds the run’s resolution — the median half-width of its 95% intervals of differences from the reference: ${(robustness.resolution.quality * 100).toFixed(2)} quality points and ${formatUsd(robustness.resolution.costPer1kUsd)} per 1,000 requests; smaller reversals are within noise.${skipped === '' ? '' : ` Not moved: ${skipped}.`}</p>`;
}

const tau = (value: number | null) => (value === null ? '—' : value.toFixed(2));
const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
