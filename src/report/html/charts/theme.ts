/**
 * The look shared by every chart: one font stack, quiet axes, and fixed colours per strategy so
 * a strategy has the same colour in every chart of the report. Colours are assigned in scenario
 * order, never by hashing names, so the same results always give the same picture.
 */
import type { Config } from 'vega-lite';

export const FONT = 'Inter, Segoe UI, Helvetica Neue, Helvetica, Arial, sans-serif';

/** Chart width in px (the page is ~1000 px wide; SVGs scale down on narrow screens). */
export const CHART_WIDTH = 860;

/** Colour-blind-friendly categorical palette (Tableau 10), then a second set for larger runs. */
const STRATEGY_PALETTE = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#1f3b73',
  '#8cd17d',
  '#d37295',
  '#499894',
  '#b6992d',
  '#86bcb6',
  '#d4a6c8',
];

/** Greys for reference marks that are not strategies (single models, zero router, oracle). */
export const REFERENCE_COLOURS = { single: '#a0a0a0', zeroRouter: '#6b6b6b', oracle: '#222222' } as const;

/** Colour of the nth strategy (cycles past the palette). */
export function strategyColour(index: number): string {
  return STRATEGY_PALETTE[index % STRATEGY_PALETTE.length] as string;
}

/** 20 distinguishable colours for models (Tableau 20 order). */
export const MODEL_PALETTE = [
  '#4e79a7',
  '#a0cbe8',
  '#f28e2b',
  '#ffbe7d',
  '#59a14f',
  '#8cd17d',
  '#b6992d',
  '#f1ce63',
  '#499894',
  '#86bcb6',
  '#e15759',
  '#ff9d9a',
  '#79706e',
  '#bab0ac',
  '#d37295',
  '#fabfd2',
  '#b07aa1',
  '#d4a6c8',
  '#9d7660',
  '#d7b5a6',
];

export const chartConfig: Config = {
  font: FONT,
  background: '#ffffff',
  padding: 8,
  view: { stroke: null },
  axis: {
    labelFontSize: 12,
    titleFontSize: 12,
    titleFontWeight: 600,
    titleColor: '#333333',
    labelColor: '#444444',
    gridColor: '#ececec',
    domainColor: '#999999',
    tickColor: '#999999',
  },
  legend: { labelFontSize: 12, titleFontSize: 12, titleFontWeight: 600, labelLimit: 260, symbolSize: 90 },
  header: { labelFontSize: 12, titleFontSize: 12 },
  title: { fontSize: 13, fontWeight: 600, anchor: 'start', color: '#222222' },
  line: { strokeWidth: 2 },
};
