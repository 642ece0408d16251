/**
 * How to reproduce the run, where it came from (versions, seed, hashes), and what the numbers are
 * not: the limits of a simulation, stated so nobody reads the report as a measurement of real
 * providers.
 */

import { researchRan } from '../../metrics/research-not-run.ts';
import { worldSeedMeans, worldSeedSpreadLines } from '../world-seed-notes.ts';
import { formatCount } from './format.ts';
import type { ResultsDocument } from './results-document.ts';
import { html, type SafeHtml } from './safe-html.ts';

/** Quote a shell argument when it needs it (file names from input). */
export function shellQuote(argument: string): string {
  return /^[\w./@:=+-]+$/.test(argument) ? argument : `'${argument.replace(/'/g, `'\\''`)}'`;
}

export function reproduceSection(results: ResultsDocument): SafeHtml {
  const { provenance } = results;
  const scenarioFile = shellQuote(provenance.scenarioFile);
  // World seeds change every number, so a --seeds run is reproduced with its k (k = 1 is the plain run).
  const worlds =
    results.intervals.worldSeeds === undefined ? '' : ` --seeds ${results.intervals.worldSeeds.length}`;
  // Without research the run is another plan (fewer units), so it is reproduced with the flag.
  const research = researchRan(results.research) ? '' : ' --no-research';
  const simulate = `npx routesim simulate ${scenarioFile} --seed ${provenance.seed}${worlds}${research} --out run`;
  const nodeVersion = provenance.node.replace(/^v/, '');
  // The run's own release line (was always "24.x", wrong for a run on Node 22).
  const nodeLine = nodeVersion.split('.')[0];
  return html`<p>With routesim ${provenance.routesim} on Node ${nodeVersion} or later ${nodeLine}.x, from the directory holding <code>${provenance.scenarioFile}</code>:</p>
<pre><code>${simulate}
npx routesim report run/results.json --out run/report.html</code></pre>
<p>The same scenario file (sha256 below), seed and version give byte-identical results.json and report.html. The scenario’s own seed is ${results.scenario.seed}${results.scenario.seed === provenance.seed ? '' : `; this run overrode it with --seed ${provenance.seed}`}.</p>`;
}

export function provenanceSection(results: ResultsDocument): SafeHtml {
  const { provenance, intervals } = results;
  const rows: [string, string][] = [
    ['routesim', provenance.routesim],
    ['Node', provenance.node],
    ['results.json schema', String(results.schemaVersion)],
    ['seed', String(provenance.seed)],
    ['scenario file', provenance.scenarioFile],
    ['scenario sha256', provenance.scenarioSha256],
    ['catalog sha256', provenance.catalogSha256],
    ['request stream sha256', provenance.requestStreamSha256],
    [
      'intervals',
      `${intervals.label ?? intervals.method}, ${formatCount(intervals.resamples)} resamples, ${Math.round(intervals.level * 100)}% percentile intervals, seed ${intervals.seed}${intervals.blockMs === undefined ? '' : `, blocks of ${formatCount(intervals.blockMs)} ms`}`,
    ],
  ];
  if (results.seeds !== undefined) {
    rows.push(['world seeds', worldSeedMeans(results.seeds)]);
    for (const line of worldSeedSpreadLines(results.seeds)) {
      const colon = line.indexOf(': ');
      rows.push([`per world, min–max: ${line.slice(0, colon)}`, line.slice(colon + 2)]);
    }
  }
  return html`<table class="facts-table">${rows.map(([name, value]) => html`<tr><th scope="row">${name}</th><td><code>${value}</code></td></tr>`)}</table>`;
}

export function limitationsSection(): SafeHtml {
  return html`<ul class="limits">
<li><strong>This is a simulation, not a measurement of real providers.</strong> No request reached a real API; every answer, latency and error was drawn from routesim’s seeded provider model.</li>
<li><strong>Quality comes from a simulated quality model</strong> (per-model, per-domain and per-difficulty accuracy with correlated errors between models), calibrated to published benchmark levels. It ranks models plausibly; it does not know how a real model would answer your prompts.</li>
<li><strong>Latency figures are rough</strong>: time to first token and decode speed are approximate published numbers per model, plus simulated queueing; real latency varies by region, time of day and prompt.</li>
<li>Prices are the catalog’s per-token list prices (with any scenario overrides); discounts, batch pricing and minimum charges are not modelled.</li>
<li>Intervals cover the resampling of requests in this run; they do not include the randomness of outage timing unless the run repeated world seeds, and requests during bursts and outages are not independent.</li>
<li>The oracle bound is computed with faults off; it shows what routing alone could achieve, not a reachable target.</li>
<li><strong>Where every number of the world comes from:</strong> each parameter of the default world — prices, latency, quality targets, confidence signals, reasoning tokens, limits — with its value and its source, or the word “assumption” and the reason, is listed in routesim’s <code>docs/world.md</code>.</li>
</ul>`;
}
