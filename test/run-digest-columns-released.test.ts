/**
 * The main thread lets go of a plan run's per-request columns once the run is digested
 * (metrics/run-digest.ts), keeping them only where an exact figure needs them: the scenario
 * strategies and the reference (the Δ bootstrap pairs their per-request values) and runs a
 * threshold names; a shard holds none (each goes to results.bin as it ends), nor shard 1 its
 * request ids once handed over. Checked with the garbage collector itself (WeakRefs in a child process run
 * with --expose-gc), in-process, on a worker pool and in `merge` — never with a memory figure.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runShard } from './support/shard-runs.ts';

const child = new URL('./support/released-columns-child.ts', import.meta.url).pathname;
let directory = '';
let scenario = '';

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'routesim-released-'));
  scenario = join(directory, 'small.yaml');
  copyFileSync(new URL('./fixtures/simulate/small.yaml', import.meta.url), scenario);
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

interface Probed {
  label: string;
  kind: string;
  alive: boolean;
}

function probe(...args: string[]): Probed[] {
  const result = spawnSync(process.execPath, ['--expose-gc', child, ...args], { encoding: 'utf8' });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as Probed[];
}

/** small.yaml: reference always-strongest (a scenario strategy); its one threshold names it too. */
function expectReleased(probed: readonly Probed[]): void {
  const sweeps = probed.filter((entry) => entry.kind === 'sweep');
  const singles = probed.filter((entry) => entry.kind === 'single');
  expect(sweeps.length).toBeGreaterThan(5);
  expect(singles.length).toBeGreaterThan(2);
  // Let go: every sweep point's and single model's columns (those digests keep score and
  // strong-called copies, not the run's cost column).
  expect([...sweeps, ...singles].filter((entry) => entry.alive).map((entry) => entry.label)).toEqual([]);
  // Kept (so the probe does see a kept column): every scenario strategy's.
  const strategies = probed.filter((entry) => entry.kind === 'strategy');
  expect(strategies.length).toBeGreaterThan(5);
  expect(strategies.filter((entry) => !entry.alive).map((entry) => entry.label)).toEqual([]);
}

describe('plan runs digested on arrival', () => {
  it('release their columns on this thread', () => {
    expectReleased(probe('simulate', scenario, '1'));
  });

  it('release their columns on a worker pool', () => {
    expectReleased(probe('simulate', scenario, '2'));
  });

  it.each([
    ['on this thread', '1'],
    ['on a worker pool', '2'],
  ])('are not held by a shard, which writes each to results.bin as it ends (%s)', (_, workers) => {
    const probed = probe('shard', scenario, workers);
    expect(probed.filter((entry) => entry.kind === 'unit').length).toBeGreaterThan(10);
    expect(probed.filter((entry) => entry.kind === 'oracle')).toHaveLength(1);
    // Shard 1's request ids, checked on a pool while the shard still runs (the child's comment says
    // why not on this thread).
    expect(probed.filter((entry) => entry.kind === 'ids')).toHaveLength(workers === '1' ? 0 : 1);
    expect(probed.filter((entry) => entry.alive).map((entry) => entry.label)).toEqual([]);
  });

  it('release their columns in a merge, read one shard run at a time', async () => {
    const dirs = [join(directory, 'shard-1'), join(directory, 'shard-2')];
    await runShard(scenario, dirs[0]!, 1, 2, '--no-robustness');
    await runShard(scenario, dirs[1]!, 2, 2, '--no-robustness');
    expectReleased(probe('merge', scenario, ...dirs));
  });
});
