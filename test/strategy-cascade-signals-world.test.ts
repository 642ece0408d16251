/**
 * Cascade signals through the engine against the real world (default scenario): samples billed
 * and numbered 0..n−1 in the ledger, agreement equal to the one counted from the world's hidden
 * answer ids (the real wrong-answer sets), judge flips at rate ≈ ε, judge cost in the request's
 * cost, and quality/cost against ε.
 */
import { describe, expect, it } from 'vitest';
import { judgeEpsilonStudy } from '../src/run/judge-epsilon.ts';
import { worldFromScenario } from '../src/scenario/scenario-world.ts';
import { buildStrategy } from '../src/strategies/registry.ts';
import {
  buildContext,
  catalog,
  fullStream,
  runHead,
  scenario,
  scenarioModels,
} from './strategy-signals-support.ts';

const RUNGS = ['llama-3.1-8b-instant', 'gpt-4o'];

describe('self-consistency against the real world', () => {
  it('bills every sample, numbers them 0..n−1, and measures agreement on the real wrong-answer sets', async () => {
    const strategy = buildStrategy(
      {
        name: 'cascade',
        options: { confidence: 'self-consistency', samples: 5, threshold: 0.8, models: RUNGS },
      },
      buildContext,
    );
    const { result, decisions, world } = await runHead(strategy, 300);
    let agreeingWrong = 0;
    let escalated = 0;
    for (const record of decisions) {
      const first = record.attempts.filter((attempt) => attempt.model === RUNGS[0]);
      expect(first.map((attempt) => attempt.purpose)).toEqual([
        'primary',
        'sample',
        'sample',
        'sample',
        'sample',
      ]);
      const answers = first.flatMap((attempt) => {
        const call = attempt.responseId === undefined ? undefined : world.answers.get(attempt.responseId);
        return call === undefined ? [] : [call];
      });
      expect(answers.map((call) => call.sample).sort()).toEqual([0, 1, 2, 3, 4].slice(0, answers.length));
      // Agreement counted from hidden answer ids, not from the text the strategy read.
      const counts = new Map<number, number>();
      for (const call of answers)
        counts.set(call.outcome.answerId, (counts.get(call.outcome.answerId) ?? 0) + 1);
      const majority = Math.max(0, ...counts.values());
      if (record.reason.startsWith('rung 1')) expect(record.reason).toContain(`agreement ${majority}/5`);
      else escalated++;
      for (const [answerId, count] of counts) if (answerId !== 0 && count >= 2) agreeingWrong++;
      // Billed: the request's cost is the sum of every attempt's cost (samples included).
      const billed = record.attempts.reduce((sum, attempt) => sum + attempt.costUsd, 0);
      expect(result.columns.cost[record.requestIndex]).toBeCloseTo(billed, 12);
      expect(billed).toBeCloseTo(
        answers.reduce((sum, call) => sum + call.costUsd, 0) +
          record.attempts.filter((a) => a.model !== RUNGS[0]).reduce((sum, a) => sum + a.costUsd, 0),
        12,
      );
    }
    // Wrong samples do agree sometimes (a finite set of plausible wrong answers), and some escalate.
    expect(agreeingWrong).toBeGreaterThan(0);
    expect(escalated).toBeGreaterThan(0);
    expect(escalated).toBeLessThan(decisions.length);
  });
});

describe('judge cascade against the real world', () => {
  it('flips verdicts at rate ≈ ε and counts the judge calls in the cost', async () => {
    const epsilon = 0.2;
    const strategy = buildStrategy(
      { name: 'cascade', options: { confidence: 'judge', epsilon, models: RUNGS } },
      buildContext,
    );
    const { result, decisions, world } = await runHead(strategy, 1500);
    let judged = 0;
    let flipped = 0;
    let judgeCost = 0;
    for (const record of decisions) {
      const judges = record.attempts.filter((attempt) => attempt.purpose === 'judge');
      // Only rung 1 is judged; the judge is o3-mini (the default).
      expect(judges.length).toBeLessThanOrEqual(1);
      for (const attempt of judges) {
        expect(attempt.model).toBe('o3-mini');
        const verdict = attempt.responseId === undefined ? undefined : world.answers.get(attempt.responseId);
        if (verdict?.judgeOf === undefined) continue;
        const judgedAnswer = world.answers.get(verdict.judgeOf);
        if (judgedAnswer === undefined) throw new Error('judged answer not recorded');
        judged++;
        if ((verdict.text === 'Verdict: correct.') !== judgedAnswer.outcome.correct) flipped++;
        judgeCost += attempt.costUsd;
        expect(attempt.costUsd).toBeGreaterThan(0);
      }
      const billed = record.attempts.reduce((sum, attempt) => sum + attempt.costUsd, 0);
      expect(result.columns.cost[record.requestIndex]).toBeCloseTo(billed, 12);
    }
    // ~1500 verdicts: sd of the rate √(0.2·0.8/1500) ≈ 0.0103; ±0.035 is > 3 sd.
    expect(judged).toBeGreaterThan(1400);
    expect(Math.abs(flipped / judged - epsilon)).toBeLessThan(0.035);
    expect(judgeCost).toBeGreaterThan(0);
  });

  it('quality does not rise and escalation does not fall as ε grows (2,000 default-scenario requests)', async () => {
    const points = await judgeEpsilonStudy({
      stream: fullStream,
      models: scenarioModels,
      makeWorld: () => worldFromScenario(scenario, catalog, (index) => fullStream.get(index).hidden),
      strategyAt: (epsilon) =>
        buildStrategy({ name: 'cascade', options: { confidence: 'judge', epsilon } }, buildContext),
      count: 2000,
      epsilons: [0, 0.1, 0.2, 0.3],
    });
    console.log(
      points
        .map(
          (p) =>
            `ε=${p.epsilon}: quality ${p.quality.toFixed(4)}, cost/request ${(p.costPerRequestUsd * 1000).toFixed(4)} mUSD ` +
            `(judge ${(p.judgeCostPerRequestUsd * 1000).toFixed(4)}), escalation ${p.escalationRate.toFixed(3)}`,
        )
        .join('\n'),
    );
    for (let index = 1; index < points.length; index++) {
      expect(points[index]!.quality).toBeLessThanOrEqual(points[index - 1]!.quality);
    }
    // Flips make judges wrong both ways; at ε = 0.3 a wrong first answer passes 30 % of the time.
    expect(points[0]!.quality - points[3]!.quality).toBeGreaterThan(0.05);
    // The first rung is right more often than not, so flips reject more answers than they pass:
    // escalation rises. Cost need not: a wrong middle-rung answer waved through spares the last
    // rung (gemini-2.5-pro, ≈ 3,200 billed hidden tokens), so cost per request is not monotonic.
    for (let index = 1; index < points.length; index++) {
      expect(points[index]!.escalationRate).toBeGreaterThanOrEqual(points[index - 1]!.escalationRate);
    }
    for (const point of points) expect(point.judgeCallsPerRequest).toBeGreaterThanOrEqual(1);
  });
});
