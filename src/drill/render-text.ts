/**
 * The drill's console report: one row per incident of what the gateway did, then the same
 * windows for each routesim strategy on the same requests, then the thresholds. Pure: a string.
 */
import { renderTable } from '../report/table.ts';
import {
  besideCell,
  INCIDENT_COLUMNS,
  incidentCells,
  ms,
  perThousand,
  sampleNote,
  share,
  virtual,
} from './format.ts';
import type { ThresholdCheck } from './thresholds.ts';
import type { DrillReport } from './types.ts';

export function renderDrillText(report: DrillReport, checks: readonly ThresholdCheck[]): string {
  const lines: string[] = [];
  lines.push(
    `routesim drill — ${report.scenario} through ${report.gateway} (${report.wire} wire)`,
    `  played ${virtual(report.fromMs)}–${virtual(report.toMs)} of the scenario at schedule ×${round(report.scheduleScale)}, latency ×${round(report.latencyScale)}: ${report.all.requests} requests, ${report.all.failed} failed (${share(report.all.failedShare)}); calm: latency ${ms(report.calm.latencyMs)}, ${perThousand(report.calm.costUsd)} per 1k requests`,
  );
  if (report.lateRequests > 0)
    lines.push(
      `  ${report.lateRequests} requests left ≥ 100 real ms after their arrival (--concurrency full, or this machine busy): the drill fell behind the scenario's pace for them`,
    );
  lines.push('');
  if (report.incidents.length === 0)
    lines.push('No incident of the fault schedule falls in the drill’s window.');
  else {
    lines.push(renderTable(INCIDENT_COLUMNS, report.incidents.map(incidentCells)));
  }
  if (report.strategies.length > 0 && report.incidents.length > 0) {
    lines.push(
      '',
      'Beside it, routesim strategies on the same requests (direct engine): failed share · extra latency · extra $/1k (calm: failed share · latency · $/1k)',
    );
    lines.push(
      renderTable(
        [
          { header: 'strategy', align: 'left' },
          { header: 'calm', align: 'right' },
          ...report.incidents.map((incident) => ({
            header: incident.incident.label,
            align: 'right' as const,
          })),
        ],
        [
          ['gateway', besideCell(report.calm), ...report.incidents.map(besideCell)],
          ...report.strategies.map((strategy) => [
            strategy.strategy,
            besideCell(strategy.calm),
            ...strategy.incidents.map(besideCell),
          ]),
        ],
      ),
    );
    const note = sampleNote(report);
    if (note !== undefined) lines.push(note);
  }
  if (checks.length > 0) {
    lines.push('', 'Thresholds:');
    for (const check of checks) lines.push(`  ${check.ok ? '✓' : '✗'} ${check.name}: ${check.detail}`);
  }
  return `${lines.join('\n')}\n`;
}

function round(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}
