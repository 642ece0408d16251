import { describe, expect, it } from 'vitest';
import { drawDecodeTokensPerSecond, drawOutputLength, drawTtftMs } from '../src/world/latency.ts';
import { stringKey } from '../src/world/random.ts';
import { miniModel } from './support/world-fixtures.ts';

const model = miniModel({ ttftSigma: 0.35, decodeSigma: 0.2, verbosity: 1.5 });
const N = 20_001;
const Q75 = 0.6744897501960817; // Φ⁻¹(0.75)

function quantile(values: number[], p: number): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.floor(p * (sorted.length - 1))]!;
}
function key(request: number) {
  return { seed: 1, request, model: stringKey(model.id) };
}

describe('latency draws are log-normal around the catalog medians', () => {
  it('TTFT: median 500·(1 + 2000/4000) = 750 ms, upper quartile × e^(0.35·0.674)', () => {
    const draws = Array.from({ length: N }, (_, index) => drawTtftMs(key(index), model, 0, 2000));
    expect(Math.abs(quantile(draws, 0.5) / 750 - 1)).toBeLessThan(0.015);
    expect(Math.abs(quantile(draws, 0.75) / (750 * Math.exp(0.35 * Q75)) - 1)).toBeLessThan(0.02);
  });

  it('decode speed: median 100 tok/s, upper quartile × e^(0.2·0.674)', () => {
    const draws = Array.from({ length: N }, (_, index) => drawDecodeTokensPerSecond(key(index), model, 0));
    expect(Math.abs(quantile(draws, 0.5) / 100 - 1)).toBeLessThan(0.01);
    expect(Math.abs(quantile(draws, 0.75) / (100 * Math.exp(0.2 * Q75)) - 1)).toBeLessThan(0.015);
  });

  it('output tokens: median expected × verbosity, cut at maxTokens with finish reason "length"', () => {
    const draws = Array.from({ length: N }, (_, index) =>
      drawOutputLength(key(index), model, 0, 200, 100_000),
    );
    const tokens = draws.map((draw) => draw.completionTokens);
    expect(Math.abs(quantile(tokens, 0.5) - 300)).toBeLessThanOrEqual(3);
    expect(Math.abs(quantile(tokens, 0.75) / (300 * Math.exp(0.25 * Q75)) - 1)).toBeLessThan(0.02);
    expect(draws.every((draw) => draw.finishReason === 'stop')).toBe(true);
    // maxTokens 300 = the median: about half the answers are cut.
    const cut = Array.from({ length: N }, (_, index) => drawOutputLength(key(index), model, 0, 200, 300));
    const lengthShare = cut.filter((draw) => draw.finishReason === 'length').length / N;
    expect(Math.abs(lengthShare - 0.5)).toBeLessThan(0.02);
    expect(cut.every((draw) => draw.completionTokens <= 300)).toBe(true);
    // Never below one token.
    expect(drawOutputLength(key(0), model, 0, 0, 100).completionTokens).toBe(1);
  });
});
