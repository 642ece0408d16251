/** The registry: names, always-<model>, and option errors that name every bad field at once. */
import { describe, expect, it } from 'vitest';
import { formatPath, InputError } from '../src/errors.ts';
import { BUILT_IN_STRATEGIES } from '../src/scenario/strategy-names.ts';
import {
  alwaysModel,
  buildStrategies,
  buildStrategy,
  builtInStrategies,
} from '../src/strategies/registry.ts';
import { buildContext, candidates, fakeContext, okAnswer, request } from './strategy-helpers.ts';

const context = { ...buildContext(candidates()), file: 'scenarios/x.yaml' };

function problems(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError)
      return error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('registry', () => {
  it('registers every built-in name the scenario validator accepts', () => {
    expect(Object.keys(builtInStrategies).sort()).toEqual([...BUILT_IN_STRATEGIES].sort());
  });

  it('builds always-<model> for candidates only, and alwaysModel directly', async () => {
    expect(buildStrategy({ name: 'always-o3-mini', options: {} }, context).name).toBe('always-o3-mini');
    const strategy = alwaysModel('gpt-4o');
    const fake = fakeContext(() => okAnswer());
    expect(await strategy.route(request('x'), fake)).toEqual({
      responseId: 'gpt-4o#0',
      reason: 'always → gpt-4o',
    });
    expect(strategy.family).toBe('baseline');
    expect(
      problems(() => buildStrategy({ name: 'always-claude-opus-4-1-20250805', options: {} }, context))[0],
    ).toMatch(
      /^strategy\.name: unknown strategy "always-claude-opus-4-1-20250805"; expected one of: always-cheapest, .*always-gpt-4o-mini/,
    );
  });

  it('collects every problem of every strategy, with strategies[i].options paths', () => {
    const found = problems(() =>
      buildStrategies(
        [
          { name: 'rules', options: {} },
          { name: 'cascade', options: { threshold: 2, models: ['gpt-4o', 'nope'], colour: 'red' } },
          { name: 'nosuch', options: {} },
          {
            name: 'availability',
            options: {
              maxRetries: -1,
              inner: { name: 'cascade', options: { threshold: 'high' } },
              weights: { ghost: 2 },
            },
          },
          { name: 'rules', options: { rules: [{ when: { regex: '(', tier: 3 }, model: 'gpt-4o' }] } },
          { name: 'always-gpt-4o', options: { x: 1 } },
          { name: 'random', options: { p: -0.1, values: [0.5, 0.2] } },
          { name: 'domain', options: { table: { poetry: 'gpt-4o', code: 'nope' } } },
        ],
        context,
      ),
    );
    const paths = found.map((line) => line.split(': ')[0]);
    expect(paths).toEqual([
      'strategies[1].options.threshold',
      'strategies[1].options.models[1]',
      'strategies[1].options.colour',
      'strategies[2].name',
      'strategies[3].options.maxRetries',
      'strategies[3].options.inner.options.threshold',
      'strategies[3].options.weights.ghost',
      'strategies[4].options.rules[0].when.regex',
      'strategies[4].options.rules[0].when.tier',
      'strategies[5].options.x',
      'strategies[6].options.p',
      'strategies[6].options.values',
      'strategies[7].options.table.code',
      'strategies[7].options.table.poetry',
    ]);
    expect(found[1]).toMatch(/unknown model "nope"; expected one of the candidates: gpt-4o-mini, gpt-4o, /);
    expect(found[2]).toMatch(
      /unknown option "colour"; expected one of: threshold, models, confidence, values/,
    );
  });

  it('names the file in the error', () => {
    try {
      buildStrategy({ name: 'cascade', options: { threshold: 'x' } }, context);
    } catch (error) {
      expect((error as InputError).file).toBe('scenarios/x.yaml');
      expect((error as InputError).message).toMatch(/at strategy\.options\.threshold \(scenarios\/x\.yaml\)/);
      return;
    }
    throw new Error('expected an InputError');
  });
});
