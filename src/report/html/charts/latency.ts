/**
 * Latency distribution per strategy, drawn from the nearest-rank quantiles in results.json
 * (p50, p90, p95, p99 over answered requests): a bar spans p50–p95, a thin rule reaches p99, and
 * a dot marks each quantile. Strategies that answered nothing are left out (listed in the table).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { StrategyMetrics } from '../../../metrics/types.ts';
import { CHART_WIDTH, chartConfig } from './theme.ts';

const QUANTILES = ['p50', 'p90', 'p95', 'p99'] as const;
const QUANTILE_COLOURS = ['#6baed6', '#3182bd', '#08519c', '#08306b'];

export function latencySpec(strategies: readonly StrategyMetrics[]): TopLevelSpec {
  const measured = strategies.filter((strategy) => strategy.latency !== null);
  const seconds = (ms: number) => ms / 1000;
  const spans = measured.map((strategy) => {
    const latency = strategy.latency as NonNullable<StrategyMetrics['latency']>;
    return {
      strategy: strategy.name,
      p50: seconds(latency.p50),
      p95: seconds(latency.p95),
      p99: seconds(latency.p99),
    };
  });
  const dots = measured.flatMap((strategy) => {
    const latency = strategy.latency as NonNullable<StrategyMetrics['latency']>;
    return QUANTILES.map((quantile) => ({
      strategy: strategy.name,
      quantile,
      seconds: seconds(latency[quantile]),
    }));
  });
  const order = measured.map((strategy) => strategy.name);
  const y = {
    field: 'strategy',
    type: 'nominal',
    sort: order,
    title: null,
    axis: { labelLimit: 220 },
  } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: chartConfig,
    width: CHART_WIDTH - 220,
    height: { step: 30 },
    layer: [
      {
        data: { values: spans },
        mark: { type: 'rule', color: '#9a9a9a', strokeWidth: 1.5 },
        encoding: {
          y,
          x: { field: 'p50', type: 'quantitative', title: 'latency of answered requests (s)' },
          x2: { field: 'p99' },
        },
      },
      {
        data: { values: spans },
        mark: { type: 'bar', color: '#dde7f3', height: 14, cornerRadius: 2 },
        encoding: {
          y,
          x: { field: 'p50', type: 'quantitative' },
          x2: { field: 'p95' },
          tooltip: [
            { field: 'strategy', title: 'strategy' },
            { field: 'p50', title: 'p50 (s)', format: ',.2f' },
            { field: 'p95', title: 'p95 (s)', format: ',.2f' },
            { field: 'p99', title: 'p99 (s)', format: ',.2f' },
          ],
        },
      },
      {
        data: { values: dots },
        mark: { type: 'point', filled: true, size: 70, opacity: 1 },
        encoding: {
          y,
          x: { field: 'seconds', type: 'quantitative' },
          color: {
            field: 'quantile',
            type: 'ordinal',
            scale: { domain: [...QUANTILES], range: QUANTILE_COLOURS },
            title: 'quantile',
          },
          tooltip: [
            { field: 'strategy', title: 'strategy' },
            { field: 'quantile', title: 'quantile' },
            { field: 'seconds', title: 'seconds', format: ',.2f' },
          ],
        },
      },
    ],
  };
}
