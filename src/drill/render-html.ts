/**
 * The drill as a self-contained HTML page (drill.html): the incident table, the strategies on
 * the same requests, the thresholds. Every input-derived text goes through escapeHtml; the page
 * loads nothing (the same stylesheet and CSP as report.html, with no script). Pure: a string.
 */
import { escapeHtml } from '../report/html/escape.ts';
import { STYLESHEET } from '../report/html/page-assets.ts';
import { besideCell, INCIDENT_COLUMNS, incidentCells, ms, sampleNote, share, virtual } from './format.ts';
import type { ThresholdCheck } from './thresholds.ts';
import type { DrillReport } from './types.ts';

export function renderDrillHtml(report: DrillReport, checks: readonly ThresholdCheck[]): string {
  const head = (cells: readonly string[]) =>
    `<tr>${cells.map((cell) => `<th>${escapeHtml(cell)}</th>`).join('')}</tr>`;
  const row = (cells: readonly string[]) =>
    `<tr>${cells.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`;
  const incidents = report.incidents.map((incident) => row(incidentCells(incident)));
  const beside = [
    row(['gateway', besideCell(report.calm), ...report.incidents.map(besideCell)]),
    ...report.strategies.map((strategy) =>
      row([strategy.strategy, besideCell(strategy.calm), ...strategy.incidents.map(besideCell)]),
    ),
  ];
  const note = sampleNote(report);
  const thresholdItems = checks.map(
    (check) => `<li>${check.ok ? '✓' : '✗'} ${escapeHtml(check.name)}: ${escapeHtml(check.detail)}</li>`,
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>routesim drill — ${escapeHtml(report.scenario)}</title>
<style>${STYLESHEET}</style></head>
<body><main>
<h1>Drill: ${escapeHtml(report.scenario)}</h1>
<p>Gateway ${escapeHtml(report.gateway)} (${escapeHtml(report.wire)} wire); played ${escapeHtml(virtual(report.fromMs))}–${escapeHtml(virtual(report.toMs))} of the scenario at schedule ×${escapeHtml(report.scheduleScale.toFixed(2))}, latency ×${escapeHtml(report.latencyScale.toFixed(2))}. ${report.all.requests} requests, ${report.all.failed} failed (${escapeHtml(share(report.all.failedShare))}); calm latency ${escapeHtml(ms(report.calm.latencyMs))}.</p>
<h2>What the gateway did, per incident</h2>
<table>${head(INCIDENT_COLUMNS.map((column) => column.header))}
${incidents.join('\n')}</table>
<h2>Beside it: routesim strategies on the same requests</h2>
<p>Failed share · extra latency · extra $ per 1,000 requests against each row's calm requests (calm column: failed share · mean latency · $ per 1,000 requests).</p>
<table>${head(['strategy', 'calm', ...report.incidents.map((incident) => incident.incident.label)])}
${beside.join('\n')}</table>
${note === undefined ? '' : `<p>${escapeHtml(note)}</p>\n`}${checks.length === 0 ? '' : `<h2>Thresholds</h2><ul>${thresholdItems.join('')}</ul>`}
</main></body></html>
`;
}
