import { describe, expect, it } from 'vitest';
import { DOMAINS, type Domain } from '../src/contracts/index.ts';
import { interModelCorrelation, sameModelCorrelation } from '../src/world/calibration.ts';
import { loadDomainParams } from '../src/world/domains.ts';
import { createQualityModel } from '../src/world/quality.ts';
import { keyedNormal, normalCdf, Stream } from '../src/world/random.ts';
import { hiddenFor, modelWith } from './world-quality-support.ts';

const domains = loadDomainParams();
const SEED = 20240601;

/** b_i ~ N(μ_d, σ_d²), drawn the way the traffic generator draws it. */
function difficulty(domain: Domain, index: number): number {
  const params = domains[domain];
  return params.mu + params.sigma * keyedNormal(SEED, Stream.difficulty, index);
}

function correlation(x: Float64Array, y: Float64Array): number {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i]!;
    my += y[i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxy / Math.sqrt(sxx * syy);
}

describe('quality model', () => {
  it('reproduces the closed-form accuracy Φ((θ − μ)/sqrt(1 + σ²)) = A in every domain', () => {
    const n = 40_000;
    for (const domain of DOMAINS) {
      for (const accuracy of [0.3, 0.75, 0.95]) {
        const quality = createQualityModel({ seed: SEED, domains });
        const model = modelWith(`m-${accuracy}`, accuracy);
        let correct = 0;
        for (let i = 0; i < n; i++) {
          if (quality.outcome(i, hiddenFor(domain, difficulty(domain, i)), model, 0).correct) correct++;
        }
        // 4 binomial standard errors.
        const tolerance = 4 * Math.sqrt((accuracy * (1 - accuracy)) / n);
        expect(Math.abs(correct / n - accuracy), `${domain} at ${accuracy}`).toBeLessThan(tolerance);
      }
    }
  });

  it('calibrates θ exactly: θ = μ + Φ⁻¹(A)·sqrt(1 + σ²)', () => {
    const quality = createQualityModel({ seed: SEED, domains });
    const model = modelWith('m', 0.8);
    // factual-qa: μ = 0, σ = 1 → θ = Φ⁻¹(0.8)·√2 = 0.841621·1.414214.
    expect(quality.ability(model, 'factual-qa')).toBeCloseTo(0.8416212 * Math.SQRT2, 6);
    // A spec with the same id but another target is recalibrated, not served from the cache.
    expect(quality.ability(modelWith('m', 0.5), 'factual-qa')).toBeCloseTo(0, 9);
  });

  it('correlates two models per (σ² + a²)/(1 + σ²) and two samples of one model per (σ² + a² + c²)/(1 + σ²)', () => {
    const n = 60_000;
    for (const domain of ['math', 'factual-qa', 'chit-chat'] as const) {
      const quality = createQualityModel({ seed: SEED, domains });
      const strong = modelWith('strong', 0.85);
      const weak = modelWith('weak', 0.6);
      const first = new Float64Array(n);
      const other = new Float64Array(n);
      const again = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const hidden = hiddenFor(domain, difficulty(domain, i));
        first[i] = quality.outcome(i, hidden, weak, 0).margin;
        other[i] = quality.outcome(i, hidden, strong, 0).margin;
        again[i] = quality.outcome(i, hidden, weak, 1).margin;
      }
      // Standard error of a correlation ≈ (1 − ρ²)/√n ≈ 0.004; allow 0.015.
      expect(Math.abs(correlation(first, other) - interModelCorrelation(domains[domain]))).toBeLessThan(
        0.015,
      );
      expect(Math.abs(correlation(first, again) - sameModelCorrelation(domains[domain]))).toBeLessThan(0.015);
    }
  });

  it('is keyed: the same (request, model, sample) gives the same outcome whatever was asked before', () => {
    const model = modelWith('gpt-x', 0.7);
    const hidden = hiddenFor('code', 0.4);
    const fresh = createQualityModel({ seed: SEED, domains }).outcome(123, hidden, model, 2);
    const busy = createQualityModel({ seed: SEED, domains });
    for (let i = 0; i < 500; i++) busy.outcome(i, hiddenFor('math', 0), modelWith('other', 0.5), i % 3);
    expect(busy.outcome(123, hidden, model, 2)).toEqual(fresh);
    // A different sample, model or seed draws anew.
    expect(busy.outcome(123, hidden, model, 3).margin).not.toBe(fresh.margin);
    expect(busy.outcome(123, hidden, modelWith('gpt-y', 0.7), 2).margin).not.toBe(fresh.margin);
    expect(createQualityModel({ seed: SEED + 1, domains }).outcome(123, hidden, model, 2).margin).not.toBe(
      fresh.margin,
    );
  });

  it('scores verifiable domains 0/1 and open domains Φ(margin/τ)', () => {
    const quality = createQualityModel({ seed: SEED, domains });
    const model = modelWith('m', 0.7);
    for (let i = 0; i < 200; i++) {
      const verifiable = quality.outcome(i, hiddenFor('math', difficulty('math', i)), model, 0);
      expect(verifiable.score).toBe(verifiable.correct ? 1 : 0);
      const open = quality.outcome(i, hiddenFor('summarization', difficulty('summarization', i)), model, 0);
      expect(open.score).toBeCloseTo(normalCdf(open.margin / domains.summarization.tau), 12);
      expect(open.correct).toBe(open.margin > 0);
      expect(open.logprobConfidence).toBeGreaterThan(0);
      expect(open.logprobConfidence).toBeLessThan(1);
    }
  });

  it('makes harder requests (higher b) fail more often, at the rate the model implies', () => {
    // Given b, P(correct) = Φ((θ − b)/1): the hidden terms have unit variance in total.
    const quality = createQualityModel({ seed: SEED, domains });
    const model = modelWith('m', 0.7);
    const theta = quality.ability(model, 'factual-qa');
    const n = 20_000;
    for (const b of [-1, 0.5, 2]) {
      let correct = 0;
      for (let i = 0; i < n; i++)
        if (quality.outcome(i, hiddenFor('factual-qa', b), model, 0).correct) correct++;
      const expected = normalCdf(theta - b);
      expect(Math.abs(correct / n - expected)).toBeLessThan(4 * Math.sqrt((expected * (1 - expected)) / n));
    }
  });
});
