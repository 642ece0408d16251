import { describe, expect, it } from 'vitest';
import documented from '../fixtures/confidence-profiles.json' with { type: 'json' };
import type { Domain } from '../src/contracts/index.ts';
import { loadDomainParams } from '../src/world/domains.ts';
import { createQualityModel } from '../src/world/quality.ts';
import { keyedNormal, Stream } from '../src/world/random.ts';
import { auroc, expectedCalibrationError, mean } from './support/confidence-measures.ts';
import { hiddenFor, modelWith, PROFILES } from './world-quality-support.ts';

const domains = loadDomainParams();
const SEED = 314159;
const REQUESTS = 100_000;
const TOLERANCE = 0.02;

describe('confidence signals match fixtures/confidence-profiles.json (quadrature) over 10⁵ simulated requests', () => {
  for (const setting of documented.settings) {
    for (const name of ['frontier', 'mid', 'small'] as const) {
      it(`${name}, ${setting.name}`, () => {
        const { expected: _expected, ...profile } = documented.profiles[name];
        // The fixture documents exactly the catalog's profile.
        expect(profile).toEqual(PROFILES[name]);
        const domain = setting.domain as Domain;
        expect(domains[domain].sigma).toBe(setting.sigma);
        const expected = documented.profiles[name].expected[setting.name as keyof typeof _expected];

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
        const accuracy = mean(correct);
        const measured = {
          auroc: auroc(logprob, correct),
          ece: expectedCalibrationError(logprob, correct),
          meanConfidenceMinusAccuracy: mean(logprob) - accuracy,
          selfRatedOverconfidence: mean(selfRated) - accuracy,
          selfRatedAuroc: auroc(selfRated, correct),
          selfRatedEce: expectedCalibrationError(selfRated, correct),
          selfRatedShareAbove80: selfRated.filter((value) => value >= 0.8).length / REQUESTS,
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
