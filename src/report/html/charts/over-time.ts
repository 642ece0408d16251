/**
 * Cost, error rate and p95 latency per window of virtual time (metrics.md "Over time"), one line
 * per scenario strategy, with the fault windows from results.json shaded in every panel.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { FaultWindow } from '../../../contracts/index.ts';
import type { StrategyMetrics } from '../../../metrics/types.ts';
import { describeFault } from '../summary.ts';
import { CHART_WIDTH, chartConfig, strategyColour } from './theme.ts';

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

interface Panel {
  field: 'cost' | 'errorRate' | 'p95';
  title: string;
  format: string;
}

const PANELS: readonly Panel[] = [
  { field: 'cost', title: 'cost per window (USD)', format: '$,~f' },
  { field: 'errorRate', title: 'error rate', format: '~%' },
  { field: 'p95', title: 'p95 latency (s)', format: ',~f' },
];

export function overTimeSpec(
  strategies: readonly StrategyMetrics[],
  faults: readonly FaultWindow[],
  durationMs: number,
  windowMs: number,
): TopLevelSpec {
  // Hours read best for a day; a short run is easier in minutes.
  const unitMs = durationMs > 3 * HOUR_MS ? HOUR_MS : MINUTE_MS;
  const unitName = unitMs === HOUR_MS ? 'hours' : 'minutes';
  const values = strategies.flatMap((strategy) =>
    strategy.series.startMs.map((startMs, index) => {
      const p95 = strategy.series.p95[index];
      return {
        strategy: strategy.name,
        // Plot each window at its midpoint so a fault's spike sits inside its shaded band.
        t: (startMs + windowMs / 2) / unitMs,
        cost: strategy.series.costUsd[index] ?? null,
        errorRate: strategy.series.errorRate[index] ?? null,
        p95: p95 === null || p95 === undefined ? null : p95 / 1000,
      };
    }),
  );
  const shaded = faults.map((fault) => ({
    start: fault.startMs / unitMs,
    end: Math.min(fault.endMs, durationMs) / unitMs,
    fault: describeFault(fault),
  }));
  const names = strategies.map((strategy) => strategy.name);
  const x = {
    field: 't',
    type: 'quantitative',
    title: `virtual time (${unitName} since start)`,
    scale: { domain: [0, durationMs / unitMs], nice: false },
    axis: { format: ',~r' },
  } as const;
  const color = {
    field: 'strategy',
    type: 'nominal',
    scale: { domain: names, range: names.map((_, index) => strategyColour(index)) },
    title: 'strategy',
  } as const;
  const panel = (definition: Panel) => ({
    width: CHART_WIDTH - 200,
    height: 150,
    layer: [
      ...(shaded.length === 0
        ? []
        : [
            {
              data: { values: shaded },
              mark: { type: 'rect' as const, color: '#d62728', opacity: 0.12 },
              encoding: {
                x: { field: 'start', type: 'quantitative' as const, scale: x.scale },
                x2: { field: 'end' },
                tooltip: [{ field: 'fault', title: 'fault' }],
              },
            },
          ]),
      {
        data: { values },
        mark: { type: 'line' as const, strokeWidth: 1.5, interpolate: 'linear' as const },
        encoding: {
          x,
          y: {
            field: definition.field,
            type: 'quantitative' as const,
            title: definition.title,
            axis: { format: definition.format },
          },
          color,
        },
      },
    ],
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: chartConfig,
    vconcat: PANELS.map(panel),
    resolve: { scale: { color: 'shared' } },
    // vega-lite's spec unions do not infer through the panel helper; compile() checks the shape.
  } as unknown as TopLevelSpec;
}
