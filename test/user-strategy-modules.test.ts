/**
 * User strategy modules: defineStrategy, loading a module entry (a Strategy or a factory as
 * the default export), the input errors for a module that fails to load or has the wrong
 * shape, and the direct engine's refusal of a router that calls providers itself.
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../src/errors.ts';
import type { StrategyConfig } from '../src/scenario/types.ts';
import { buildStrategy } from '../src/strategies/registry.ts';
import { buildStrategiesAsync, defineStrategy } from '../src/strategies/user-module.ts';
import { repoPath, runDirect, scenarioRig } from './wire-support.ts';

const rig = scenarioRig('test/fixtures/simulate/small.yaml', 30);
const fixture = (name: string) => repoPath(`test/fixtures/user-strategy/${name}`);
const entry = (name: string, module: string, options: Record<string, unknown> = {}): StrategyConfig => ({
  name,
  module,
  options,
});

async function inputErrorOf(promise: Promise<unknown>): Promise<InputError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

describe('defineStrategy', () => {
  it('returns the definition with family "custom" unless one is given', () => {
    const route = async () => ({ responseId: undefined, reason: 'none' });
    const plain = defineStrategy({ name: 'mine', route });
    expect(plain).toEqual({ name: 'mine', family: 'custom', route });
    expect(defineStrategy({ name: 'x', family: 'rules', route }).family).toBe('rules');
  });
});

describe('module entries', () => {
  it('a factory gets the entry options; the strategy is labelled by the entry name and runs on the direct engine', async () => {
    const [strategy] = await buildStrategiesAsync(
      [entry('pinned', fixture('factory.ts'), { model: 'gpt-4o' })],
      rig.context,
    );
    expect(strategy!.name).toBe('pinned');
    expect(strategy!.family).toBe('custom');
    const { decisions } = await runDirect(rig, strategy!);
    expect(decisions).toHaveLength(30);
    expect(new Set(decisions.flatMap((record) => record.attempts.map((attempt) => attempt.model)))).toEqual(
      new Set(['gpt-4o']),
    );
    expect(decisions.every((record) => record.reason === 'pinned gpt-4o')).toBe(true);
  });

  it('a module that fails to load is an InputError naming the file, with the cause', async () => {
    const file = fixture('broken.ts');
    const error = await inputErrorOf(buildStrategiesAsync([entry('broken', file)], rig.context));
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]!.path).toEqual(['strategies', 0, 'module']);
    expect(error.issues[0]!.message).toContain(file);
    expect(error.issues[0]!.message).toContain('cannot start without ROUTER_CONFIG');
    const missing = await inputErrorOf(
      buildStrategiesAsync([entry('gone', fixture('nope.ts'))], rig.context),
    );
    expect(missing.issues[0]!.message).toContain(fixture('nope.ts'));
  });

  it('keeps the load error as the cause', async () => {
    const error = await inputErrorOf(
      import('../src/strategies/user-module.ts').then((module) =>
        module.loadStrategyModule(fixture('broken.ts'), 'scenario.yaml', ['strategies', 0, 'module']),
      ),
    );
    expect((error.cause as Error).message).toBe('this router cannot start without ROUTER_CONFIG');
  });

  it('the wrong shape says what was expected; problems of every entry are reported at once', async () => {
    const error = await inputErrorOf(
      buildStrategiesAsync(
        [entry('shape', fixture('no-route.ts')), { name: 'nonsense', options: {} }],
        rig.context,
      ),
    );
    expect(error.issues.map((issue) => issue.path)).toEqual([
      ['strategies', 0, 'module'],
      ['strategies', 1, 'name'],
    ]);
    expect(error.issues[0]!.message).toContain(
      'expected its default export to be a strategy (defineStrategy({ name, route })) or a factory',
    );
    expect(error.issues[0]!.message).toContain('got an object without a route function');
  });

  it('the synchronous registry refuses a module that was not loaded first', () => {
    expect(() => buildStrategy(entry('late', fixture('never-loaded.ts')), rig.context)).toThrow(
      /not loaded; build module strategies with buildStrategiesAsync/,
    );
  });
});

describe('a router with its own SDK client on the direct engine', () => {
  it('fails each request at once with a message that asks for the wire engine (no network, no hang)', async () => {
    const [strategy] = await buildStrategiesAsync(
      [entry('fallback', repoPath('scenarios/examples/openai-fallback-router.ts'))],
      rig.context,
    );
    const { decisions } = await runDirect(rig, strategy!);
    expect(decisions).toHaveLength(30);
    for (const record of decisions) {
      expect(record.status).toBe('other');
      expect(record.reason).toContain('runs only on the wire engine: `routesim simulate --engine wire`');
      expect(record.reason).toContain('https://api.openai.com/v1/chat/completions');
    }
  });
});
