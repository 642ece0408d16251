/**
 * The judge-ε study of a judge cascade: quality (left) and cost per 1,000 requests (right,
 * judge calls' share dashed) against the judge's flip probability ε, with the scenario's own ε
 * marked. Both panels share the ε axis so a step right reads as "a worse judge".
 */
import type { TopLevelSpec } from 'vega-lite';
import type { JudgeEpsilonMetrics } from '../../../metrics/types.ts';
import { CHART_WIDTH, chartConfig, REFERENCE_COLOURS } from './theme.ts';

const ALL_CALLS = 'all calls';
const JUDGE_CALLS = 'judge calls';

export function judgeEpsilonSpec(study: JudgeEpsilonMetrics, colour: string): TopLevelSpec {
  const quality = study.points.map((point) => ({
    epsilon: point.epsilon,
    quality: point.quality,
    escalation: point.escalationRate,
  }));
  const cost = study.points.flatMap((point) => [
    { epsilon: point.epsilon, series: ALL_CALLS, per1k: point.costPerRequestUsd * 1000 },
    { epsilon: point.epsilon, series: JUDGE_CALLS, per1k: point.judgeCostPerRequestUsd * 1000 },
  ]);
  const largest = Math.max(...study.points.map((point) => point.epsilon), study.epsilon);
  const x = {
    field: 'epsilon',
    type: 'quantitative',
    title: 'judge flip probability ε',
    scale: { domain: [0, largest], nice: false },
    axis: { format: '~f', tickCount: study.points.length },
  } as const;
  const own = {
    data: { values: [{ epsilon: study.epsilon, label: `this scenario: ε = ${study.epsilon}` }] },
    mark: { type: 'rule' as const, strokeDash: [4, 4], color: REFERENCE_COLOURS.zeroRouter },
    encoding: { x, tooltip: [{ field: 'label', title: 'marker' }] },
  };
  const width = (CHART_WIDTH - 120) / 2;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: chartConfig,
    hconcat: [
      {
        width,
        height: 220,
        layer: [
          own,
          {
            data: { values: quality },
            mark: { type: 'line', color: colour, point: { filled: true, size: 50, color: colour } },
            encoding: {
              x,
              y: {
                field: 'quality',
                type: 'quantitative',
                title: 'quality (mean score)',
                scale: { zero: false },
                axis: { format: '~f' },
              },
              tooltip: [
                { field: 'epsilon', title: 'ε' },
                { field: 'quality', title: 'quality', format: '.4f' },
                { field: 'escalation', title: 'escalated', format: '.1%' },
              ],
            },
          },
        ],
      },
      {
        width,
        height: 220,
        layer: [
          own,
          {
            data: { values: cost },
            mark: { type: 'line', point: { filled: true, size: 50 } },
            encoding: {
              x,
              y: {
                field: 'per1k',
                type: 'quantitative',
                title: 'cost per 1,000 requests (USD)',
                axis: { format: '$,~f' },
              },
              color: {
                field: 'series',
                type: 'nominal',
                scale: { domain: [ALL_CALLS, JUDGE_CALLS], range: [colour, REFERENCE_COLOURS.single] },
                title: null,
              },
              strokeDash: {
                field: 'series',
                type: 'nominal',
                scale: {
                  domain: [ALL_CALLS, JUDGE_CALLS],
                  range: [
                    [1, 0],
                    [5, 3],
                  ],
                },
                title: null,
              },
              tooltip: [
                { field: 'epsilon', title: 'ε' },
                { field: 'series', title: 'cost of' },
                { field: 'per1k', title: 'USD per 1,000 requests', format: '$,.3f' },
              ],
            },
          },
        ],
      },
    ],
    // vega-lite's spec unions do not infer through the shared layers; compile() checks the shape.
  } as unknown as TopLevelSpec;
}
