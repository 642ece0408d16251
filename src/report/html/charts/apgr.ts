/**
 * The APGR curve of each knobbed strategy: PGR against c (share of requests that called the
 * strong model) over its knob sweep, with the (0, 0) and (1, 1) endpoints metrics.md adds, and
 * the diagonal a random router follows (APGR ≈ 0.5) for reference.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { KnobbedMetrics } from '../../../metrics/types.ts';
import { CHART_WIDTH, chartConfig, REFERENCE_COLOURS } from './theme.ts';

const RANDOM = 'random router (APGR 0.5)';

/** Curves drawn: knobbed strategies whose PGR is defined. */
export function drawableKnobbed(knobbed: readonly KnobbedMetrics[]): KnobbedMetrics[] {
  return knobbed.filter((entry) => entry.apgr !== null && entry.points.some((point) => point.pgr !== null));
}

export function apgrLabel(entry: KnobbedMetrics): string {
  return `${entry.strategy} (APGR ${(entry.apgr ?? 0).toFixed(3)})`;
}

export function apgrSpec(
  knobbed: readonly KnobbedMetrics[],
  colourOf: (strategy: string) => string,
): TopLevelSpec {
  const drawn = drawableKnobbed(knobbed);
  const values = drawn.flatMap((entry) => {
    const label = apgrLabel(entry);
    const inner = entry.points
      .filter((point) => point.pgr !== null)
      .map((point) => ({
        series: label,
        knob: `${entry.knob} = ${point.value}`,
        c: point.c,
        pgr: point.pgr as number,
      }));
    const all = [
      { series: label, knob: 'endpoint', c: 0, pgr: 0 },
      ...inner,
      { series: label, knob: 'endpoint', c: 1, pgr: 1 },
    ];
    return all.sort((a, b) => a.c - b.c).map((point, order) => ({ ...point, order }));
  });
  const diagonal = [
    { series: RANDOM, c: 0, pgr: 0, order: 0 },
    { series: RANDOM, c: 1, pgr: 1, order: 1 },
  ];
  const domain = [...drawn.map(apgrLabel), RANDOM];
  const range = [...drawn.map((entry) => colourOf(entry.strategy)), REFERENCE_COLOURS.zeroRouter];
  const x = {
    field: 'c',
    type: 'quantitative',
    title: 'share of requests that called the strong model (c)',
    axis: { format: '~%' },
  } as const;
  const y = {
    field: 'pgr',
    type: 'quantitative',
    title: 'performance gap recovered (PGR)',
    axis: { format: '~%' },
  } as const;
  const color = { field: 'series', type: 'nominal', scale: { domain, range }, title: null } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: chartConfig,
    width: CHART_WIDTH - 320,
    height: 320,
    layer: [
      {
        data: { values: diagonal },
        mark: { type: 'line', strokeDash: [6, 4], strokeWidth: 1.5 },
        encoding: { x, y, color, order: { field: 'order' } },
      },
      {
        data: { values },
        mark: { type: 'line', point: { filled: true, size: 40 } },
        encoding: {
          x,
          y,
          color,
          order: { field: 'order' },
          tooltip: [
            { field: 'series', title: 'strategy' },
            { field: 'knob', title: 'knob' },
            { field: 'c', title: 'c', format: '.1%' },
            { field: 'pgr', title: 'PGR', format: '.3f' },
          ],
        },
      },
    ],
  };
}

/**
 * The caption's sentence about PGR above 100% (metrics.md): it means the knob's strong model is
 * not the best on this traffic, never that the router beat it; names the strategies it happened to.
 */
export function apgrOverOneCaption(knobbed: readonly KnobbedMetrics[]): string {
  const flagged = knobbed.filter((entry) => entry.strongNotBest != null).map((entry) => entry.strategy);
  const rule =
    'PGR above 100% means a mix scored above always-strong: the “strong” model is then not the best on this traffic, and APGR above 1 is not a success.';
  return flagged.length === 0 ? rule : `${rule} It happens here for ${flagged.join(', ')}.`;
}
