/**
 * Model share per strategy: answered requests per model as a stacked 100% bar, one bar per
 * scenario strategy plus the oracle, models in scenario order with fixed colours.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ModelShare } from '../../../metrics/types.ts';
import { CHART_WIDTH, chartConfig, MODEL_PALETTE } from './theme.ts';

export interface ShareRow {
  /** Bar label, e.g. "cascade" or "oracle (faults off)". */
  label: string;
  modelShare: Record<string, ModelShare>;
}

export function modelShareSpec(rows: readonly ShareRow[], models: readonly string[]): TopLevelSpec {
  const values = rows.flatMap((row, rowIndex) =>
    models.flatMap((model, modelIndex) => {
      const share = row.modelShare[model];
      return share === undefined || share.count === 0
        ? []
        : [
            {
              strategy: row.label,
              row: rowIndex,
              model,
              order: modelIndex,
              share: share.share,
              count: share.count,
            },
          ];
    }),
  );
  const range = models.map((_, index) => MODEL_PALETTE[index % MODEL_PALETTE.length] as string);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: chartConfig,
    width: CHART_WIDTH - 300,
    height: { step: 28 },
    data: { values },
    mark: { type: 'bar', height: 20, stroke: '#ffffff', strokeWidth: 0.5 },
    encoding: {
      y: {
        field: 'strategy',
        type: 'nominal',
        sort: rows.map((row) => row.label),
        title: null,
        axis: { labelLimit: 220 },
      },
      x: {
        field: 'share',
        type: 'quantitative',
        stack: 'normalize',
        title: 'share of answered requests',
        axis: { format: '~%' },
      },
      color: { field: 'model', type: 'nominal', scale: { domain: [...models], range }, title: 'model' },
      order: { field: 'order' },
      tooltip: [
        { field: 'strategy', title: 'strategy' },
        { field: 'model', title: 'model' },
        { field: 'share', title: 'share', format: '.1%' },
        { field: 'count', title: 'requests', format: ',d' },
      ],
    },
  };
}
