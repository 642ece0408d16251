import { describe, expect, it } from 'vitest';
import documented from '../fixtures/confidence-profiles.json' with { type: 'json' };
import { loadDomainParams } from '../src/world/domains.ts';
import { createQualityModel } from '../src/world/quality.ts';
import { keyedNormal, Stream } from '../src/world/random.ts';
import type { Domain } from '../src/world/types.ts';
import { hiddenFor, modelWith, PROFILES } from './world-quality-support.ts';

const domains = loadDomainParams();
const SEED = 314159;
const REQUESTS = 100_000;
const TOLERANCE = 0.02;

/** Mann–Whitney AUROC of `score` against the binary `positive` (scores are continuous: no ties). */
function auroc(score: Float64Array, positive: Uint8Array): number {
  const order = Array.from(score.keys()).sort((left, right) => score[left]! - score[right]!);
  let rankSum = 0;
  let positives = 0;
  order.forEach((index, rank) => {
    if (positive[index] === 1) {
      rankSum += rank + 1;
      positives++;
    }
  });
  const negatives = score.length - positives;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** ECE with 10 equal-width bins: Σ_bins (n_bin / n)·|mean confidence − accuracy|. */
function expectedCalibrationError(confidence: Float64Array, positive: Uint8Array): number {
  const sumConfidence = new Float64Array(10);
  const sumCorrect = new Float64Array(10);
  for (let index = 0; index < confidence.length; index++) {
    const bin = Math.min(9, Math.floor(confidence[index]! * 10));
    sumConfidence[bin]! += confidence[index]!;
    sumCorrect[bin]! += positive[index]!;
  }
  let total = 0;
  for (let bin = 0; bin < 10; bin++) total += Math.abs(sumConfidence[bin]! - sumCorrect[bin]!);
  return total / confidence.length;
}

function mean(values: Float64Array): number {
  let total = 0;
  for (const value of values) total += value;
  return total / values.length;
}

describe('confidence signals match fixtures/confidence-profiles.json (quadrature) over 10⁵ simulated requests', () => {
  for (const setting of documented.settings) {
    for (const name of ['frontier', 'mid', 'small'] as const) {
      it(`${name}, ${setting.name}`, () => {
        const profile = documented.profiles[name];
        // The fixture documents exactly the catalog's profile.
        expect({
          kappa: profile.kappa,
          sigmaEta: profile.sigmaEta,
          selfRatedBias: profile.selfRatedBias,
        }).toEqual(PROFILES[name]);
        const domain = setting.domain as Domain;
        expect(domains[domain].sigma).toBe(setting.sigma);
        const expected = profile.expected[setting.name as keyof typeof profile.expected];

        const quality = createQualityModel({ seed: SEED, domains });
        const model = modelWith(`${name}-model`, setting.accuracy, PROFILES[name]);
        const logprob = new Float64Array(REQUESTS);
        const selfRated = new Float64Array(REQUESTS);
        const correct = new Uint8Array(REQUESTS);
        const { mu, sigma } = domains[domain];
        for (let i = 0; i < REQUESTS; i++) {
          const difficulty = mu + sigma * keyedNormal(SEED, Stream.difficulty, i);
          const outcome = quality.outcome(i, hiddenFor(domain, difficulty), model, 0);
          logprob[i] = outcome.logprobConfidence;
          selfRated[i] = outcome.selfRatedCertainty;
          correct[i] = outcome.correct ? 1 : 0;
        }
        const accuracy = mean(Float64Array.from(correct));
        const measured = {
          auroc: auroc(logprob, correct),
          ece: expectedCalibrationError(logprob, correct),
          meanConfidenceMinusAccuracy: mean(logprob) - accuracy,
          selfRatedOverconfidence: mean(selfRated) - accuracy,
          selfRatedAuroc: auroc(selfRated, correct),
        };
        for (const key of Object.keys(measured) as (keyof typeof measured)[]) {
          expect(
            Math.abs(measured[key] - expected[key]),
            `${key}: measured ${measured[key]}`,
          ).toBeLessThanOrEqual(TOLERANCE);
        }
      });
    }
  }

  it('orders the profiles: frontier ranks right/wrong best, small worst', () => {
    for (const setting of documented.settings) {
      const key = setting.name as keyof typeof documented.profiles.mid.expected;
      const { frontier, mid, small } = documented.profiles;
      expect(frontier.expected[key].auroc).toBeGreaterThan(mid.expected[key].auroc);
      expect(mid.expected[key].auroc).toBeGreaterThan(small.expected[key].auroc);
      // Self-rated certainty is overconfident and ranks worse than logprobs.
      expect(small.expected[key].selfRatedOverconfidence).toBeGreaterThan(0);
      expect(small.expected[key].selfRatedAuroc).toBeLessThan(small.expected[key].auroc);
    }
  });
});
