/**
 * Every axis of every chart labels its ticks distinctly. A fixed-precision format (".0%") on an
 * axis whose ticks are 0.2% apart printed "0%, 0%, 0%, 1%, 1%" on the default day's error-rate
 * panel; formats without a precision let vega pick one from the tick step.
 */
import { describe, expect, it } from 'vitest';
import { chartDefinitions } from '../src/report/html/charts/index.ts';
import { renderSvg } from '../src/report/html/charts/render.ts';
import { type ResultsWithResearch, resultsDocument } from './report-html-fixture.ts';

/** Tick labels of each axis of an SVG vega drew, axis by axis. */
function axisLabels(svg: string): string[][] {
  return svg
    .split('role-axis-label')
    .slice(1)
    .map((group) =>
      [...group.slice(0, group.indexOf('</g>')).matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map(
        (match) => match[1] ?? '',
      ),
    );
}

/** Small, close values on every over-time panel and a judge-ε study: the cases that collide. */
function closeValues(): ResultsWithResearch {
  const results = resultsDocument();
  results.strategies.forEach((strategy, index) => {
    strategy.series.errorRate = [0.001, 0.004 + index * 0.001, 0.012, 0.002];
    strategy.series.costUsd = [0.0001, 0.00012, 0.00015, 0.00011];
    strategy.series.p95 = [1000, 1010, 1040 + index, 1020];
  });
  results.research.judgeEpsilon = {
    strategy: 'router',
    judgeModel: 'model-b',
    epsilon: 0.1,
    count: 400,
    points: [0, 0.05, 0.1, 0.2].map((epsilon) => ({
      epsilon,
      count: 400,
      quality: 0.88 - epsilon * 0.01,
      costPerRequestUsd: 0.001 + epsilon * 0.0001,
      judgeCostPerRequestUsd: 0.0001,
      judgeCallsPerRequest: 1,
      escalationRate: 0.3 + epsilon,
    })),
  };
  return results;
}

describe('chart axes', () => {
  it('label every tick of every axis distinctly, even for error rates below 1% and p95s 10 ms apart', async () => {
    const definitions = chartDefinitions(closeValues());
    expect(definitions.map((definition) => definition.id)).toContain('chart-judge-epsilon');
    let axes = 0;
    for (const definition of definitions) {
      const { svg } = await renderSvg(definition.spec);
      for (const labels of axisLabels(svg)) {
        axes++;
        expect(new Set(labels).size, `${definition.id}: ${labels.join(' | ')}`).toBe(labels.length);
      }
    }
    expect(axes).toBeGreaterThanOrEqual(12);
  });

  it('the check catches the old fixed-precision format (0%, 0%, 0%, 1%, 1%)', async () => {
    const overTime = chartDefinitions(closeValues()).find(
      (definition) => definition.id === 'chart-over-time',
    )!;
    const spec = JSON.parse(JSON.stringify(overTime.spec).replaceAll('"~%"', '".0%"'));
    const { svg } = await renderSvg(spec);
    const collided = axisLabels(svg).some((labels) => new Set(labels).size < labels.length);
    expect(collided).toBe(true);
  });
});
