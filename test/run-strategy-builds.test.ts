/**
 * A run builds its strategies once per thread before the units' own fresh builds (the build that
 * validates the options is also the plan's probe), and a user's module runs on worker threads
 * (always, even with workers: 1, so that its code can be stopped and named):
 * each worker imports it by path and builds from the loaded scenario it was sent.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { simulate } from '../src/run/simulate.ts';
import { loadSimulationScenario } from '../src/run/simulate-inputs.ts';

const counter = globalThis as { routesimBuilds?: number };
const directory = mkdtempSync(join(tmpdir(), 'routesim-builds-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
beforeEach(() => {
  counter.routesimBuilds = 0;
});

const module = fileURLToPath(new URL('./fixtures/user-strategy/counted.ts', import.meta.url));
const small = readFileSync(new URL('./fixtures/simulate/small.yaml', import.meta.url), 'utf8');
const scenarioPath = join(directory, 'counted.yaml');
writeFileSync(
  scenarioPath,
  small.replace('  - learned\n', `  - learned\n  - { name: counted, module: ${JSON.stringify(module)} }\n`),
);
const options = { strategies: ['counted'], robustness: false, wallClock: () => performance.now() } as const;

describe('strategy builds per run', () => {
  it("builds a user's module once on this thread to validate and plan; its unit runs on a worker even with workers: 1", async () => {
    const outcome = await simulate({ ...options, scenario: scenarioPath, workers: 1 });
    expect(outcome.units.filter((unit) => unit.label === 'counted')).toHaveLength(1);
    // The unit's own build happens in the worker thread (contained user code, issue 12): 1 here.
    expect(counter.routesimBuilds).toBe(1);
  });

  it("runs a user's module on two workers as in-process, built once on the main thread", async () => {
    const loaded = loadSimulationScenario(scenarioPath);
    const inProcess = await simulate({ ...options, scenario: loaded, workers: 1 });
    counter.routesimBuilds = 0;
    const onWorkers = await simulate({ ...options, scenario: loaded, workers: 2 });
    expect(counter.routesimBuilds).toBe(1);
    expect(onWorkers.metrics).toEqual(inProcess.metrics);
  });
});
