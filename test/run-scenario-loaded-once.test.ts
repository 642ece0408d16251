/**
 * The scenario is read, validated and its catalog loaded once per run, in the main thread, and
 * handed to the plan, the units and the worker threads as data: a worker that read the file
 * again would fail here, because the file is gone by the time the units run.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { simulate } from '../src/run/simulate.ts';
import { loadSimulationScenario } from '../src/run/simulate-inputs.ts';

const reads = vi.hoisted(() => [] as string[]);
vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  const readFileSync = ((path: Parameters<typeof actual.readFileSync>[0], ...rest: unknown[]) => {
    reads.push(String(path));
    return (actual.readFileSync as (...args: unknown[]) => unknown)(path, ...rest);
  }) as typeof actual.readFileSync;
  return { ...actual, default: { ...actual, readFileSync }, readFileSync };
});

const directory = mkdtempSync(join(tmpdir(), 'routesim-loaded-once-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
beforeEach(() => {
  reads.length = 0;
});

const wallClock = () => performance.now();
/** A scenario strategy with a knob (sweep units) and the reference; no robustness re-runs. */
const small = { strategies: ['cascade'], robustness: false, wallClock } as const;

function copyOfSmall(name: string): string {
  const path = join(directory, name);
  copyFileSync(new URL('./fixtures/simulate/small.yaml', import.meta.url), path);
  return path;
}

describe('simulate loads its scenario once', () => {
  it('reads and validates the file once and loads the catalog once (was twice each)', async () => {
    const path = copyOfSmall('once.yaml');
    await simulate({ ...small, scenario: path, workers: 1 });
    expect(reads.filter((read) => read === path)).toHaveLength(1);
    expect(reads.filter((read) => read.endsWith('catalog.json'))).toHaveLength(1);
  });

  it('runs on two workers from the loaded scenario after the file is deleted, with the same metrics', async () => {
    const path = copyOfSmall('deleted.yaml');
    const loaded = loadSimulationScenario(path);
    const inProcess = await simulate({ ...small, scenario: loaded, workers: 1 });
    rmSync(path);
    reads.length = 0;
    const onWorkers = await simulate({ ...small, scenario: loaded, workers: 2 });
    expect(reads).toEqual([]);
    expect(onWorkers.units.map((unit) => unit.label)).toContain('cascade@0.5');
    expect(onWorkers.metrics).toEqual(inProcess.metrics);
    expect(onWorkers.provenance).toEqual(inProcess.provenance);
  });
});
