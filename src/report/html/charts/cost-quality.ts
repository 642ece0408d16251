/**
 * Cost vs quality: every strategy, sweep point and single model as a point (mean cost per 1,000
 * requests on a log axis, quality), each scenario strategy's NDCH as a line, the zero router
 * (NDCH of the single models) dashed, and the oracle bound. One colour legend covers them all.
 * A run without research draws its strategies and the oracle only.
 */
import type { TopLevelSpec } from 'vega-lite';
import { researchRan } from '../../../metrics/research-not-run.ts';
import type { ResearchMetrics } from '../../../metrics/types.ts';
import type { ResultsDocument } from '../results-document.ts';
import { CHART_WIDTH, chartConfig, REFERENCE_COLOURS, strategyColour } from './theme.ts';

const SINGLE = 'single model';
const ZERO_ROUTER = 'zero router';
const ORACLE = 'oracle (faults off)';

/**
 * The plane's points, hulls, zero router and oracle: the research figures, or — for a run without
 * them (`simulate --no-research`) — the strategies' own points (and the reference's single model)
 * with the oracle, and no lines.
 */
function plane(
  results: ResultsDocument,
): Pick<ResearchMetrics, 'costQualityPoints' | 'ndch' | 'zeroRouter' | 'oracle'> {
  if (researchRan(results.research)) return results.research;
  return {
    costQualityPoints: results.strategies.flatMap((strategy) =>
      strategy.kind === 'sweep'
        ? []
        : [
            {
              name: strategy.name,
              kind: strategy.kind,
              group: strategy.name,
              costPerRequestUsd: strategy.cost.perRequestUsd,
              quality: strategy.quality.mean,
            },
          ],
    ),
    ndch: {},
    zeroRouter: [],
    oracle: { costPerRequestUsd: results.oracle.cost.perRequestUsd, quality: results.oracle.quality },
  };
}

export function costQualitySpec(results: ResultsDocument, strategyNames: readonly string[]): TopLevelSpec {
  const research = plane(results);
  const per1k = (usd: number) => usd * 1000;
  const points = research.costQualityPoints
    .filter((point) => point.costPerRequestUsd > 0)
    .map((point) => ({
      series: point.kind === 'single' ? SINGLE : point.group,
      name: point.name,
      kind: point.kind === 'single' ? 'single model' : point.kind === 'sweep' ? 'sweep point' : 'strategy',
      cost: per1k(point.costPerRequestUsd),
      quality: point.quality,
    }));
  const hulls = strategyNames.flatMap((name) =>
    (research.ndch[name] ?? [])
      .filter((vertex) => vertex.costPerRequestUsd > 0)
      .map((vertex, order) => ({
        series: name,
        order,
        cost: per1k(vertex.costPerRequestUsd),
        quality: vertex.quality,
      })),
  );
  const zero = research.zeroRouter
    .filter((vertex) => vertex.costPerRequestUsd > 0)
    .map((vertex, order) => ({
      series: ZERO_ROUTER,
      order,
      cost: per1k(vertex.costPerRequestUsd),
      quality: vertex.quality,
    }));
  const oracle = [
    {
      series: ORACLE,
      name: 'oracle',
      cost: per1k(research.oracle.costPerRequestUsd),
      quality: research.oracle.quality,
    },
  ];
  const domain = [...strategyNames, SINGLE, ZERO_ROUTER, ORACLE];
  const range = [
    ...strategyNames.map((_, index) => strategyColour(index)),
    REFERENCE_COLOURS.single,
    REFERENCE_COLOURS.zeroRouter,
    REFERENCE_COLOURS.oracle,
  ];
  const x = {
    field: 'cost',
    type: 'quantitative',
    scale: { type: 'log' },
    title: 'mean cost per 1,000 requests (USD, log scale)',
    axis: { format: '$,.2~r' },
  } as const;
  const y = {
    field: 'quality',
    type: 'quantitative',
    scale: { zero: false },
    title: 'quality (mean score, failed = 0)',
  } as const;
  const color = {
    field: 'series',
    type: 'nominal',
    scale: { domain, range },
    title: null,
    legend: { orient: 'right' },
  } as const;
  const tooltip = [
    { field: 'name', title: 'run' },
    { field: 'cost', title: 'USD / 1k requests', format: '$,.4~r' },
    { field: 'quality', title: 'quality', format: '.3f' },
  ] as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: chartConfig,
    width: CHART_WIDTH - 260,
    height: 380,
    layer: [
      {
        data: { values: zero },
        mark: { type: 'line', strokeDash: [6, 4], strokeWidth: 1.5 },
        encoding: { x, y, color, order: { field: 'order' } },
      },
      {
        data: { values: hulls },
        mark: { type: 'line', strokeWidth: 1.5, opacity: 0.8 },
        encoding: { x, y, color, detail: { field: 'series' }, order: { field: 'order' } },
      },
      {
        data: { values: points },
        mark: { type: 'point', filled: true },
        encoding: {
          x,
          y,
          color,
          shape: {
            field: 'kind',
            type: 'nominal',
            scale: {
              domain: ['strategy', 'sweep point', 'single model'],
              range: ['circle', 'circle', 'square'],
            },
            title: null,
          },
          size: {
            field: 'kind',
            type: 'ordinal',
            scale: { domain: ['strategy', 'sweep point', 'single model'], range: [140, 30, 60] },
            legend: null,
          },
          tooltip: [...tooltip],
        },
      },
      {
        data: { values: oracle },
        mark: { type: 'point', shape: 'diamond', filled: true, size: 180 },
        encoding: { x, y, color, tooltip: [...tooltip] },
      },
    ],
  };
}
