/**
 * The routing-research table of the knobbed strategies: knob, weak → strong pair, r weak and
 * r strong, APGR, CPT(50%) and CPT(80%) with their bootstrap 95% intervals, and a note saying
 * how the intervals were drawn and what the random router's interval means for the others, and —
 * when a sweep beat its own strong model (PGR > 1) — that this is not a success (metrics.md).
 */
import { researchRan } from '../../metrics/research-not-run.ts';
import type { IntervalEnds, KnobbedMetrics, ResearchNotRun } from '../../metrics/types.ts';
import { builtInNameOf } from '../../scenario/strategy-names.ts';
import { formatCount, formatDurationWords, formatShare } from './format.ts';
import type { ResultsDocument } from './results-document.ts';
import { html, type SafeHtml } from './safe-html.ts';

const apgrText = (value: number | null) => (value === null ? '—' : value.toFixed(3));

/** "[0.571, 0.601]" in the given format; nothing when the entry has no intervals. */
function range(ends: IntervalEnds | undefined, format: (value: number | null) => string): SafeHtml {
  if (ends === undefined) return html``;
  return html` <span class="ci">[${format(ends.low)}, ${format(ends.high)}]</span>`;
}

function researchRow(entry: KnobbedMetrics): SafeHtml {
  const intervals = entry.intervals;
  const fixed = (value: number | null) => (value === null ? '—' : value.toFixed(3));
  const apgr =
    entry.apgr === null
      ? html`— <span class="ci">${entry.nullReason ?? ''}</span>`
      : html`${apgrText(entry.apgr)}${range(intervals?.apgr, apgrText)}${entry.strongNotBest == null ? '' : html` <span class="ci">(PGR > 1: see below)</span>`}`;
  return html`<tr><th scope="row">${entry.strategy}</th><td>${entry.knob}</td><td>${entry.weak} → ${entry.strong}</td><td class="num">${fixed(entry.rWeak)}</td><td class="num">${fixed(entry.rStrong)}</td><td class="num">${apgr}</td><td class="num">${formatShare(entry.cpt50)}${range(intervals?.cpt50, formatShare)}</td><td class="num">${formatShare(entry.cpt80)}${range(intervals?.cpt80, formatShare)}</td><td class="num">${entry.points.length}</td></tr>`;
}

/** How the intervals were drawn, and the random router's interval as the yardstick of chance. */
function intervalsNote(results: ResultsDocument, knobbed: readonly KnobbedMetrics[]): SafeHtml {
  const first = knobbed.find((entry) => entry.intervals !== undefined)?.intervals;
  if (first === undefined) return html``;
  const blockMs = results.intervals.blockMs;
  const scheme =
    first.method === 'block-bootstrap'
      ? `block bootstrap resamples (whole ${blockMs === undefined ? 'windows' : `${formatDurationWords(blockMs)} windows`} of virtual time drawn)`
      : 'paired bootstrap resamples (requests drawn with replacement)';
  const skipped = knobbed
    .filter((entry) => (entry.intervals?.undefinedResamples ?? 0) > 0)
    .map(
      (entry) =>
        `${entry.strategy}: ${formatCount(entry.intervals!.undefinedResamples)} of ${formatCount(entry.intervals!.resamples)}`,
    );
  const random = knobbed.find(
    (entry) =>
      entry.apgr !== null &&
      entry.intervals !== undefined &&
      results.scenario.strategies.some(
        (config) => config.name === entry.strategy && builtInNameOf(config) === 'random',
      ),
  );
  return html`<p class="note">APGR and CPT are shown with their 95% interval from ${formatCount(first.resamples)} ${scheme} — the first ${formatCount(first.resamples)} of the resamples behind the Δ intervals above — with r weak, r strong and every sweep point re-measured on each.${
    skipped.length === 0
      ? ''
      : ` Resamples on which r strong ≤ r weak have no APGR and are left out (${skipped.join('; ')}).`
  }${
    random === undefined
      ? ''
      : html` The random router’s APGR, ${apgrText(random.apgr)} [${apgrText(random.intervals!.apgr.low)}, ${apgrText(random.intervals!.apgr.high)}] (0.5 in expectation), shows how far APGR moves by chance alone on this traffic: a router whose interval lies wholly above it has beaten random by more than noise.`
  }</p>`;
}

/**
 * metrics.md: PGR above 1 is reported and explained, never shown as a success — one sentence per
 * knob whose sweep beat its own strong model.
 */
function strongNotBestNote(knobbed: readonly KnobbedMetrics[]): SafeHtml {
  const flagged = knobbed.filter((entry) => entry.strongNotBest != null);
  if (flagged.length === 0) return html``;
  return html`<p class="callout"><strong>PGR above 1 is not a success.</strong> ${flagged.map(
    (entry, index) => {
      const flag = entry.strongNotBest!;
      const weaker =
        flag.bestModel !== null && entry.rStrong !== null && flag.bestModel.quality > entry.rStrong;
      const why = weaker
        ? `The strong model is not the best on this traffic (the best single model here is ${flag.bestModel!.model}, ${flag.bestModel!.quality.toFixed(3)}), so this APGR measures against a weak yardstick, not the router’s skill.`
        : `${entry.strong} is the best single model here, but not the best answer on this traffic: a mix of models beats it, because they are right on different requests. PGR above 1 measures that complementarity, not a cheaper way to match the strong model.`;
      return html`${index > 0 ? ' ' : ''}${entry.strategy}’s ${entry.knob} ${flag.at} scores ${flag.quality.toFixed(3)}, above its strong model ${entry.strong} (${entry.rStrong?.toFixed(3) ?? '—'}): PGR ${flag.maxPgr.toFixed(2)}. ${why}`;
    },
  )}</p>`;
}

export function researchTable(results: ResultsDocument): SafeHtml {
  const { research } = results;
  if (!researchRan(research)) return researchNotRunSection(research);
  const { knobbed } = research;
  if (knobbed.length === 0) return html``;
  const withIntervals = knobbed.some((entry) => entry.intervals !== undefined);
  const ci = withIntervals ? ' [95% CI]' : '';
  return html`<div class="table-wrap"><table class="data compact">
<thead><tr><th scope="col">knobbed strategy</th><th scope="col">knob</th><th scope="col">weak → strong</th><th scope="col">r weak</th><th scope="col">r strong</th><th scope="col">APGR${ci}</th><th scope="col">CPT(50%)${ci}</th><th scope="col">CPT(80%)${ci}</th><th scope="col">sweep points</th></tr></thead>
<tbody>${knobbed.map(researchRow)}</tbody></table></div>
${strongNotBestNote(knobbed)}
${intervalsNote(results, knobbed)}`;
}

/** In place of the research figures of a run without them (`simulate --no-research`): why not. */
function researchNotRunSection(research: ResearchNotRun): SafeHtml {
  return html`<h3 id="research-not-run">Routing research not run</h3>
<p class="note">${research.reason}. Re-run without <code>--no-research</code> (at a smaller volume) for the knob curves and the hull.</p>`;
}
