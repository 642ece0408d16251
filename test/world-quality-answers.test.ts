import { describe, expect, it } from 'vitest';
import type { DomainParams } from '../src/contracts/index.ts';
import { loadDomainParams } from '../src/world/domains.ts';
import { createQualityModel, wrongAnswer } from '../src/world/quality.ts';
import { keyedNormal, Stream } from '../src/world/random.ts';
import { hiddenFor, modelWith } from './world-quality-support.ts';

const domains = loadDomainParams();
const SEED = 99;

function withMistakes(base: DomainParams, wrongAnswers: number, commonMistakeWeight: number): DomainParams {
  return { ...base, wrongAnswers, commonMistakeWeight };
}

describe('wrong answers', () => {
  it('pick the common mistake with probability commonMistakeWeight and the others uniformly', () => {
    const params = withMistakes(domains.math, 5, 0.4);
    const counts = new Array(6).fill(0);
    const n = 100_000;
    for (let i = 0; i < n; i++) counts[wrongAnswer(SEED, i, 7, 0, params)]++;
    expect(counts[0]).toBe(0);
    expect(Math.abs(counts[1] / n - 0.4)).toBeLessThan(0.006);
    for (let answer = 2; answer <= 5; answer++)
      expect(Math.abs(counts[answer] / n - 0.15)).toBeLessThan(0.005);
  });

  it('is 0 exactly when the answer is correct', () => {
    const quality = createQualityModel({ seed: SEED, domains });
    const model = modelWith('m', 0.6);
    for (let i = 0; i < 2000; i++) {
      const outcome = quality.outcome(i, hiddenFor('reasoning', 0), model, 0);
      if (outcome.correct) expect(outcome.answerId).toBe(0);
      else {
        expect(outcome.answerId).toBeGreaterThanOrEqual(1);
        expect(outcome.answerId).toBeLessThanOrEqual(domains.reasoning.wrongAnswers);
      }
    }
  });

  it('lets wrong samples agree at rate w² + (1 − w)²/(K − 1), more often when the common mistake weighs more', () => {
    const n = 60_000;
    const rates: number[] = [];
    for (const weight of [0.1, 0.6]) {
      const custom = { ...domains, math: withMistakes(domains.math, 4, weight) };
      const quality = createQualityModel({ seed: SEED, domains: custom });
      const model = modelWith('m', 0.5);
      let bothWrong = 0;
      let agree = 0;
      for (let i = 0; i < n; i++) {
        const hidden = hiddenFor('math', domains.math.sigma * keyedNormal(SEED, Stream.difficulty, i));
        const first = quality.outcome(i, hidden, model, 0);
        const second = quality.outcome(i, hidden, model, 1);
        if (first.correct || second.correct) continue;
        bothWrong++;
        if (first.answerId === second.answerId) agree++;
      }
      const rate = agree / bothWrong;
      const expected = weight * weight + (1 - weight) ** 2 / 3;
      expect(Math.abs(rate - expected), `weight ${weight}`).toBeLessThan(4 * Math.sqrt(0.25 / bothWrong));
      rates.push(rate);
    }
    expect(rates[1]!).toBeGreaterThan(rates[0]! + 0.1);
  });
});
