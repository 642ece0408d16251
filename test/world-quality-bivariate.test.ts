import { describe, expect, it } from 'vitest';
import { interModelCorrelation } from '../src/world/calibration.ts';
import { loadDomainParams } from '../src/world/domains.ts';
import {
  bivariateNormalCdf,
  bothCorrectProbability,
  solveLatentCorrelation,
  twoByTwo,
} from '../src/world/quality-bivariate-normal.ts';
import { normalCdf } from '../src/world/random.ts';

describe('bivariate normal orthant probability', () => {
  it('factorises when rho = 0', () => {
    for (const [h, k] of [
      [0.3, -0.4],
      [1.2, 0.7],
      [-2, 1.5],
    ] as const) {
      expect(bivariateNormalCdf(h, k, 0)).toBeCloseTo(normalCdf(h) * normalCdf(k), 9);
    }
  });

  it('gives 1/4 + asin(rho)/(2π) at the origin (1/3 for rho = 0.5, 1/6 for rho = −0.5)', () => {
    expect(bivariateNormalCdf(0, 0, 0.5)).toBeCloseTo(1 / 3, 6);
    expect(bivariateNormalCdf(0, 0, -0.5)).toBeCloseTo(1 / 6, 6);
    expect(bivariateNormalCdf(0, 0, 0.9)).toBeCloseTo(0.25 + Math.asin(0.9) / (2 * Math.PI), 6);
  });

  it('satisfies Φ₂(h, k; ρ) + Φ₂(h, −k; −ρ) = Φ(h)', () => {
    for (const [h, k, rho] of [
      [0.35, 1.07, 0.21],
      [0.47, 0.86, 0.68],
      [-1, 0.2, 0.9],
    ] as const) {
      expect(bivariateNormalCdf(h, k, rho) + bivariateNormalCdf(h, -k, -rho)).toBeCloseTo(normalCdf(h), 6);
    }
  });

  it("agrees with Owen's T on the diagonal: Φ₂(h, h; ρ) = Φ(h) − 2·T(h, sqrt((1 − ρ)/(1 + ρ)))", () => {
    // T(h, a) = (1/2π)∫₀ᵃ exp(−h²(1 + x²)/2)/(1 + x²) dx, by composite Simpson (independent of the code's rule).
    const owenT = (h: number, a: number) => {
      const steps = 2000;
      const width = a / steps;
      let sum = 0;
      for (let index = 0; index <= steps; index++) {
        const x = index * width;
        const weight = index === 0 || index === steps ? 1 : index % 2 === 1 ? 4 : 2;
        sum += (weight * Math.exp((-h * h * (1 + x * x)) / 2)) / (1 + x * x);
      }
      return (sum * width) / 3 / (2 * Math.PI);
    };
    for (const [h, rho] of [
      [-1, 0.5],
      [0.8, 0.2],
      [1.5, 0.9],
      [-0.3, -0.6],
    ] as const) {
      const expected = normalCdf(h) - 2 * owenT(h, Math.sqrt((1 - rho) / (1 + rho)));
      expect(bivariateNormalCdf(h, h, rho)).toBeCloseTo(expected, 6);
    }
  });
});

describe('fitting the inter-model correlation to RouteLLM tables', () => {
  it('recovers about 0.21 for GSM8K and 0.68 for MMLU', () => {
    expect(solveLatentCorrelation(0.637, 0.858, 0.565)).toBeCloseTo(0.21, 2);
    expect(solveLatentCorrelation(0.681, 0.806, 0.628)).toBeCloseTo(0.68, 2);
  });

  it('is inverted by bothCorrectProbability', () => {
    const rho = solveLatentCorrelation(0.6, 0.9, 0.57);
    expect(bothCorrectProbability(0.6, 0.9, rho)).toBeCloseTo(0.57, 8);
  });

  it('the fixture parameters of math and factual-qa reproduce the published tables', () => {
    const domains = loadDomainParams();
    const math = twoByTwo(0.637, 0.858, interModelCorrelation(domains.math));
    expect(math.both).toBeCloseTo(0.565, 3);
    expect(math.onlyA).toBeCloseTo(0.072, 3);
    expect(math.neither).toBeCloseTo(1 - 0.93, 3);
    const factual = twoByTwo(0.681, 0.806, interModelCorrelation(domains['factual-qa']));
    expect(factual.both).toBeCloseTo(0.628, 3);
    expect(factual.onlyA).toBeCloseTo(0.053, 3);
    expect(factual.neither).toBeCloseTo(1 - 0.859, 3);
  });
});
