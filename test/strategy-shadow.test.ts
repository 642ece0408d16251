/**
 * Shadow evaluation: the registry-level `shadow` option re-sends a keyed sample of requests to a
 * reference model; shadow cost stays out of the strategy's cost; disagreements match the ones
 * counted from the world's hidden answer ids.
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../src/errors.ts';
import { buildStrategies, buildStrategy } from '../src/strategies/registry.ts';
import { inShadowSample, type ShadowedStrategy } from '../src/strategies/shadow.ts';
import { buildContext, runHead, scenario } from './strategy-signals-support.ts';

const COUNT = 500;

describe('shadow evaluation', () => {
  it('re-sends the keyed sample to the reference, bills it apart and counts disagreements', async () => {
    const strategy = buildStrategy(
      { name: 'always-cheapest', options: { shadow: { share: 0.2, reference: 'gpt-4o' } } },
      buildContext,
    ) as ShadowedStrategy;
    const { result, decisions, world } = await runHead(strategy, COUNT);
    let sampled = 0;
    let disagreed = 0;
    let compared = 0;
    let shadowCost = 0;
    for (const record of decisions) {
      const shadows = record.attempts.filter((attempt) => attempt.purpose === 'shadow');
      const inSample = inShadowSample(scenario.seed, record.requestIndex, 0.2);
      expect(shadows.length).toBe(inSample ? 1 : 0);
      const cost = record.attempts
        .filter((a) => a.purpose !== 'shadow')
        .reduce((sum, a) => sum + a.costUsd, 0);
      expect(result.columns.cost[record.requestIndex]).toBeCloseTo(cost, 12);
      if (!inSample) continue;
      sampled++;
      const shadow = shadows[0]!;
      expect(shadow.model).toBe('gpt-4o');
      // After the routed call; the answer's latency does not wait for it.
      expect(shadow.startMs).toBeGreaterThanOrEqual(record.attempts[0]!.endMs);
      shadowCost += shadow.costUsd;
      const routed =
        record.model === '' ? undefined : world.answers.get(record.attempts[0]!.responseId ?? '');
      const reference = world.answers.get(shadow.responseId ?? '');
      if (routed !== undefined && reference !== undefined) {
        compared++;
        if (routed.outcome.answerId !== reference.outcome.answerId) disagreed++;
      }
    }
    expect(sampled / COUNT).toBeGreaterThan(0.14);
    expect(sampled / COUNT).toBeLessThan(0.26);
    expect(strategy.shadow.sampled).toBe(sampled);
    expect(strategy.shadow.compared).toBe(compared);
    expect(strategy.shadow.disagreed).toBe(disagreed);
    expect(disagreed).toBeGreaterThan(0);
    expect(result.shadowCostUsd).toBeCloseTo(shadowCost, 12);
    expect(shadowCost).toBeGreaterThan(0);
  });

  it('validates the option under the strategy’s options and keeps the knob (sweep points shadowed too)', () => {
    try {
      buildStrategies(
        [
          { name: 'rules', options: { shadow: { share: 2, reference: 'nope' } } },
          { name: 'domain', options: { shadow: 'yes' } },
        ],
        buildContext,
      );
      expect.unreachable();
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      expect(error.issues.map((issue) => issue.path.join('.'))).toEqual([
        'strategies.0.options.shadow.share',
        'strategies.0.options.shadow.reference',
        'strategies.1.options.shadow',
      ]);
    }
    const cascade = buildStrategy(
      { name: 'cascade', options: { shadow: {} } },
      buildContext,
    ) as ShadowedStrategy;
    expect(cascade.shadow.sampled).toBe(0);
    const point = cascade.knob?.at(0.5) as ShadowedStrategy;
    expect(point.name).toBe('cascade@0.5');
    expect(point.shadow).toBeDefined();
  });
});
