/**
 * `--engine`: direct is runUnit, wire is runUnitWire, a build without the wire engine fails
 * cleanly, and on `--engine wire` the scenario's strategies (and every unit of a user module) go
 * through the wire while built-in research units run direct — with results.json unchanged.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runUnit } from '../src/engine/run-unit.ts';
import { runUnitWire } from '../src/engine/wire/run-unit-wire.ts';
import { UsageError } from '../src/errors.ts';
import { loadUnitRunner, loadUnitRunners, unitEngine } from '../src/run/unit-runner.ts';
import { readDecisions } from './decisions-file.ts';
import { simulateToDirectory } from './simulate-support.ts';

describe('loadUnitRunner', () => {
  it('gives runUnit for direct and runUnitWire for wire', async () => {
    expect(await loadUnitRunner('direct')).toBe(runUnit);
    expect(await loadUnitRunner('wire')).toBe(runUnitWire);
  });

  it('fails with a usage error naming the flag when the wire engine is missing', async () => {
    const missing = loadUnitRunner('wire', './wire/no-such-engine.ts');
    await expect(missing).rejects.toBeInstanceOf(UsageError);
    await expect(missing).rejects.toThrow('--engine wire');
  });
});

describe('which engine runs a unit', () => {
  it('runs everything direct on --engine direct', async () => {
    const runners = await loadUnitRunners('direct');
    for (const kind of ['strategy', 'sweep', 'single'] as const) {
      expect(unitEngine('direct', { kind, userCode: true })).toBe('direct');
      expect(runners({ kind, userCode: true })).toBe(runUnit);
    }
  });

  it('sends scenario strategies and user-module sweeps through the wire, built-in research units direct', async () => {
    const runners = await loadUnitRunners('wire');
    expect(runners({ kind: 'strategy' })).toBe(runUnitWire);
    expect(runners({ kind: 'sweep', userCode: true })).toBe(runUnitWire);
    expect(runners({ kind: 'sweep' })).toBe(runUnit);
    expect(runners({ kind: 'single' })).toBe(runUnit);
  });
});

describe('simulate --engine wire', () => {
  const dir = mkdtempSync(join(tmpdir(), 'routesim-engines-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const scenarioPath = new URL('./fixtures/simulate/small.yaml', import.meta.url).pathname;

  it('writes the same results.json and decisions.csv as the direct engine (built-ins are byte-identical)', async () => {
    const outputs: Record<string, { results: string; decisions: string }> = {};
    for (const engine of ['direct', 'wire'] as const) {
      const outDir = join(dir, engine);
      await simulateToDirectory({
        scenarioPath,
        outDir,
        engine,
        workers: 1,
        strategies: ['always-cheapest', 'cascade', 'availability'],
        wallClock: () => performance.now(),
      });
      outputs[engine] = {
        results: readFileSync(join(outDir, 'results.json'), 'utf8'),
        decisions: readDecisions(outDir),
      };
    }
    expect(outputs.wire?.decisions).toBe(outputs.direct?.decisions);
    expect(outputs.wire?.results).toBe(outputs.direct?.results);
  }, 120_000);
});
