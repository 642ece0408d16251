/**
 * The recorded outcomes of a replay as the world's OutcomeSource: one score per (request,
 * candidate model) in a Float64Array (8 bytes per cell, NaN = nothing recorded), and a side map
 * for the rare cells with several samples (the s-th answer gets the s-th recorded score, cycling).
 */
import type { OutcomeSource } from '../../contracts/index.ts';

export interface OutcomeTableBuilder {
  set(request: number, model: string, scores: readonly number[]): void;
  build(): OutcomeSource;
}

export function outcomeTable(requests: number, models: readonly string[]): OutcomeTableBuilder {
  const columns = new Map(models.map((model, index) => [model, index]));
  const width = models.length;
  const first = new Float64Array(requests * width).fill(Number.NaN);
  const samples = new Map<number, readonly number[]>();
  return {
    set(request, model, scores) {
      const column = columns.get(model);
      if (column === undefined || scores.length === 0) return;
      const cell = request * width + column;
      first[cell] = scores[0]!;
      if (scores.length > 1) samples.set(cell, [...scores]);
    },
    build() {
      return {
        score(request, model, sample) {
          const column = columns.get(model);
          if (column === undefined || !(request >= 0 && request < requests)) return undefined;
          const cell = request * width + column;
          const value = first[cell]!;
          if (Number.isNaN(value)) return undefined;
          const many = samples.get(cell);
          return many === undefined ? value : many[sample % many.length];
        },
      };
    },
  };
}
