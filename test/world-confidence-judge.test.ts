import { describe, expect, it } from 'vitest';
import { judgeVerdict } from '../src/world/confidence.ts';

const base = {
  seed: 5,
  judgeModel: 'judge-a',
  answerModel: 'cheap-b',
  sample: 0,
  attempt: 0,
};

describe('judge verdict', () => {
  it('is right with probability 1 − ε, for right and wrong answers alike', () => {
    const n = 100_000;
    for (const epsilon of [0, 0.1, 0.3]) {
      for (const correct of [true, false]) {
        let agrees = 0;
        for (let requestIndex = 0; requestIndex < n; requestIndex++) {
          if (judgeVerdict({ ...base, requestIndex, correct, epsilon }) === correct) agrees++;
        }
        const tolerance = 4 * Math.sqrt((epsilon * (1 - epsilon)) / n);
        expect(Math.abs(agrees / n - (1 - epsilon)), `ε ${epsilon}, correct ${correct}`).toBeLessThanOrEqual(
          tolerance,
        );
      }
    }
  });

  it('always flips at ε = 1', () => {
    for (let requestIndex = 0; requestIndex < 100; requestIndex++) {
      expect(judgeVerdict({ ...base, requestIndex, correct: true, epsilon: 1 })).toBe(false);
    }
  });

  it('is keyed: same inputs, same verdict; another attempt, judge or sample draws anew', () => {
    const verdicts = (change: Partial<typeof base>) =>
      Array.from({ length: 400 }, (_, requestIndex) =>
        judgeVerdict({ ...base, ...change, requestIndex, correct: true, epsilon: 0.5 }),
      );
    const reference = verdicts({});
    expect(verdicts({})).toEqual(reference);
    const differs = (other: boolean[]) =>
      other.filter((verdict, index) => verdict !== reference[index]).length;
    // Independent verdicts at ε = 0.5 disagree about half the time (≈ 200 of 400).
    for (const change of [
      { attempt: 1 },
      { judgeModel: 'judge-b' },
      { sample: 1 },
      { answerModel: 'other' },
    ]) {
      expect(differs(verdicts(change)), JSON.stringify(change)).toBeGreaterThan(150);
    }
  });
});
