/**
 * A scenario's reference runs even when the scenario does not list it. The default reference is
 * `always-strongest`; a scenario that named none and did not list it ran with no reference at all
 * (no savings, no paired Δ) and nothing said so. An unlisted built-in reference is now run after the
 * listed strategies; an `always-<model>` of a candidate model is the single-model run of that name.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSimulationScenario } from '../src/run/simulate-inputs.ts';
import { runMain } from './support/cli-capture.ts';

const SMALL = new URL('./fixtures/simulate/small.yaml', import.meta.url);
const dir = mkdtempSync(join(tmpdir(), 'routesim-reference-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** small.yaml without `always-strongest` among its strategies, with `reference:` replaced. */
function scenarioWith(reference: string | undefined, name: string): string {
  const text = readFileSync(SMALL, 'utf8')
    .replace(/^ {2}- always-strongest\n/m, '')
    .replace(/^reference: .*\n/m, reference === undefined ? '' : `reference: ${reference}\n`)
    .replace(/^thresholds:\n(?: .*\n)*/m, '');
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, text);
  return file;
}

describe('an unlisted reference', () => {
  it('the default always-strongest runs after the listed strategies', () => {
    const { scenario } = loadSimulationScenario(scenarioWith(undefined, 'default'));
    expect(scenario.reference).toBe('always-strongest');
    const names = scenario.strategies.map((config) => config.name);
    expect(names.filter((name) => name === 'always-strongest')).toHaveLength(1);
    expect(names.at(-1)).toBe('always-strongest');
  });

  it('always-<candidate model> is left to the single-model run of that name', () => {
    const { scenario } = loadSimulationScenario(scenarioWith('always-gpt-4o', 'single'));
    expect(scenario.strategies.map((config) => config.name)).not.toContain('always-gpt-4o');
  });

  it('a listed reference is not added twice', () => {
    const { scenario } = loadSimulationScenario(SMALL.pathname);
    const names = scenario.strategies.map((config) => config.name);
    expect(names.filter((name) => name === 'always-strongest')).toHaveLength(1);
    expect(names.at(-1)).toBe('learned');
  });

  it('gives every other strategy savings and paired differences against it', async () => {
    const out = join(dir, 'out');
    const result = await runMain(
      'simulate',
      scenarioWith(undefined, 'run'),
      '--out',
      out,
      '--quiet',
      '--no-research',
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    const cascade = results.strategies.find((strategy: { name: string }) => strategy.name === 'cascade');
    expect(cascade.savings).toEqual(expect.any(Number));
    expect(cascade.difference.cost.estimate).toEqual(expect.any(Number));
  });
});
