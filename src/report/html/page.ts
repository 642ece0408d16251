/**
 * The whole report.html, top down: executive summary, strategy tables, charts (inline SVG with
 * their vega-lite specs embedded as JSON), the scenario as run, how to reproduce it, provenance
 * and limitations. A Content-Security-Policy allows no network at all and only the one inline
 * script (by hash), so even a value that slipped past escaping could not run or fetch anything.
 */
import { createHash } from 'node:crypto';
import type { ChartDefinition } from './charts/index.ts';
import { costBreakdownSection } from './cost-breakdown-section.ts';
import { jsonForScript } from './escape.ts';
import { formatCount, formatDurationWords } from './format.ts';
import { judgeEpsilonSection } from './judge-epsilon-section.ts';
import { STYLESHEET, TOOLTIP_SCRIPT } from './page-assets.ts';
import { limitationsSection, provenanceSection, reproduceSection } from './provenance-section.ts';
import { researchTable } from './research-table.ts';
import type { ResultsDocument } from './results-document.ts';
import { robustnessSection } from './robustness-section.ts';
import { html, type SafeHtml, trusted } from './safe-html.ts';
import { scenarioSection } from './scenario-section.ts';
import { shadowSection } from './shadow-section.ts';
import { singleModelTable, strategyTable, thresholdTable } from './strategy-table.ts';
import { executiveSummary } from './summary.ts';

export interface RenderedChart {
  definition: ChartDefinition;
  /** SVG markup from vega (it escapes every text and attribute it writes). */
  svg: string;
}

const scriptHash = `sha256-${createHash('sha256').update(TOOLTIP_SCRIPT).digest('base64')}`;

export const CONTENT_SECURITY_POLICY = `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src '${scriptHash}'`;

function summarySection(results: ResultsDocument): SafeHtml {
  const summary = executiveSummary(results);
  const failed = results.thresholds.some((threshold) => !threshold.pass);
  return html`<div class="summary">
${summary.lead.map((sentence) => html`<p>${sentence}</p>`)}
${summary.strategies.length === 0 ? '' : html`<ul>${summary.strategies.map((entry) => html`<li><strong>${entry.name}</strong> ${entry.findings}</li>`)}</ul>`}
${summary.faults.length === 0 ? '' : html`<p><strong>Failures and faults.</strong></p><ul>${summary.faults.map((sentence) => html`<li>${sentence}</li>`)}</ul>`}
${summary.thresholds === undefined ? '' : html`<p class="${failed ? 'status-fail' : 'status-pass'}">${summary.thresholds}</p>`}
</div>`;
}

function chartFigure(chart: RenderedChart): SafeHtml {
  const { definition } = chart;
  return html`<figure class="chart" id="${definition.id}">
<h3>${definition.title}</h3>
<figcaption>${definition.caption}</figcaption>
<div class="svg">${trusted(chart.svg)}</div>
<script type="application/json" class="vega-lite-spec">${trusted(jsonForScript(definition.spec))}</script>
</figure>`;
}

export function renderPage(results: ResultsDocument, charts: readonly RenderedChart[]): string {
  const { scenario, provenance } = results;
  const page = html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="routesim ${provenance.routesim}">
<title>${scenario.name} — routesim report</title>
<style>${trusted(STYLESHEET)}</style>
</head>
<body>
<header class="top"><div class="inner">
<h1>${scenario.name}</h1>
<p>routesim report · ${provenance.scenarioFile} · seed ${provenance.seed} · ${formatCount(results.requestCount)} requests over ${formatDurationWords(results.durationMs)} of virtual time · simulated, not measured</p>
</div></header>
<nav class="toc"><a href="#summary">Summary</a><a href="#strategies">Strategies</a>${results.robustness === undefined ? '' : html`<a href="#robustness">Robustness</a>`}<a href="#charts">Charts</a><a href="#scenario">Scenario as run</a><a href="#reproduce">Reproduce</a><a href="#provenance">Provenance</a><a href="#limitations">Limitations</a></nav>
<main>
<section id="summary"><h2>Executive summary</h2>${summarySection(results)}</section>
<section id="strategies"><h2>Strategies</h2>${strategyTable(results)}${costBreakdownSection(results)}${researchTable(results)}${shadowSection(results)}${judgeEpsilonSection(results)}${singleModelTable(results)}${
    results.thresholds.length === 0 ? '' : html`<h3>Thresholds</h3>${thresholdTable(results)}`
  }</section>
${results.robustness === undefined ? '' : html`<section id="robustness"><h2>Robustness of the verdict</h2>${robustnessSection(results)}</section>`}
<section id="charts"><h2>Charts</h2>${charts.map(chartFigure)}</section>
<section id="scenario"><h2>Scenario as run</h2>${scenarioSection(results)}</section>
<section id="reproduce"><h2>How to reproduce</h2>${reproduceSection(results)}</section>
<section id="provenance"><h2>Provenance</h2>${provenanceSection(results)}</section>
<section id="limitations"><h2>Limitations</h2>${limitationsSection()}</section>
</main>
<footer>Generated by routesim ${provenance.routesim} from results.json (schema ${results.schemaVersion}) alone: <code>routesim report results.json</code> rebuilds this file byte for byte. Charts are static SVG; hovering a mark shows its values where scripts are allowed.</footer>
<script>${trusted(TOOLTIP_SCRIPT)}</script>
</body>
</html>
`;
  return page.safeHtml;
}
