import { describe, expect, it } from 'vitest';
import documented from '../fixtures/confidence-profiles.json' with { type: 'json' };
import { CONFIDENCE_PROFILES } from '../src/catalog-import/catalog-tiers.ts';
import { confidenceTheory, slopeAuroc, slopeForAuroc } from '../src/world/confidence-theory.ts';

describe('confidence theory (quadrature)', () => {
  it('reproduces the accuracy it is set to', () => {
    const theory = confidenceTheory(
      { kappa: 1, sigmaEta: 1, selfRatedBias: 0 },
      { accuracy: 0.73, sigma: 0.6 },
    );
    expect(theory.accuracy).toBeCloseTo(0.73, 6);
  });

  it('gives AUROC 0.5 and mean confidence 1/2 when confidence ignores the margin (κ = 0)', () => {
    const theory = confidenceTheory(
      { kappa: 0, sigmaEta: 0.7, selfRatedBias: 0 },
      { accuracy: 0.8, sigma: 1 },
    );
    expect(theory.auroc).toBeCloseTo(0.5, 6);
    // E[σ(η)] = 1/2 for symmetric η.
    expect(theory.meanConfidenceMinusAccuracy).toBeCloseTo(0.5 - 0.8, 6);
  });

  it('matches the trivariate-orthant closed form at accuracy 0.5: AUROC = 1/2 + (2/π)·asin(r)', () => {
    // With M ~ N(0, s²) and X = κM + η, AUROC = P(M₁ > 0, −M₂ > 0, X₁ − X₂ > 0) / (1/4). The three are
    // jointly normal with correlations 0, r, r, r = κs / sqrt(2(κ²s² + σ_η²)), and a trivariate
    // orthant is 1/8 + (1/4π)·Σ asin ρ_jk.
    for (const [kappa, sigmaEta, sigma] of [
      [1, 1, 0],
      [1.2, 0.8, 1],
      [0.8, 1, 0.35],
    ] as const) {
      const s = Math.sqrt(1 + sigma * sigma);
      const r = (kappa * s) / Math.sqrt(2 * (kappa * kappa * s * s + sigmaEta * sigmaEta));
      const theory = confidenceTheory({ kappa, sigmaEta, selfRatedBias: 0 }, { accuracy: 0.5, sigma });
      expect(theory.auroc).toBeCloseTo(0.5 + (2 / Math.PI) * Math.asin(r), 5);
      // σ(κM + η) is symmetric about 1/2 when M and η are centred: mean confidence 1/2 = accuracy.
      expect(theory.meanConfidenceMinusAccuracy).toBeCloseTo(0, 6);
    }
    // κ = 1, σ_η = 1, σ = 0 gives r = 1/2: AUROC = 5/6 exactly.
    expect(
      confidenceTheory({ kappa: 1, sigmaEta: 1, selfRatedBias: 0 }, { accuracy: 0.5, sigma: 0 }).auroc,
    ).toBeCloseTo(5 / 6, 5);
  });

  it('the fixture is up to date with the theory', () => {
    for (const setting of documented.settings) {
      for (const name of ['frontier', 'mid', 'small'] as const) {
        const profile = documented.profiles[name];
        expect(profile).toMatchObject(CONFIDENCE_PROFILES[name]);
        const theory = confidenceTheory(profile, setting);
        const expected = profile.expected[setting.name as keyof typeof profile.expected];
        expect(expected.auroc).toBeCloseTo(theory.auroc, 3);
        expect(expected.ece).toBeCloseTo(theory.ece, 3);
        expect(expected.selfRatedOverconfidence).toBeCloseTo(theory.selfRatedOverconfidence, 3);
        expect(expected.selfRatedAuroc).toBeCloseTo(theory.selfRatedAuroc, 3);
        expect(expected.selfRatedEce).toBeCloseTo(theory.selfRatedEce, 3);
      }
    }
  });

  it('slopeForAuroc solves the slope that gives the stated AUROC (and refuses a target outside (0.5, 1))', () => {
    const settings = [
      { accuracy: 0.8, sigma: 1 },
      { accuracy: 0.6, sigma: 0.35 },
    ];
    for (const target of [0.55, 0.7, 0.85]) {
      const slope = slopeForAuroc(target, 1.5, settings);
      const reached = settings.reduce((sum, setting) => sum + slopeAuroc(slope, 1.5, setting), 0) / 2;
      expect(reached).toBeCloseTo(target, 4);
    }
    expect(() => slopeForAuroc(0.4, 1, settings)).toThrow(RangeError);
  });
});
