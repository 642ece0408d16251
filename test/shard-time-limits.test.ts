/**
 * A shard takes the run's time limits (issue 14 item 3): `--timeout` stops a shard whose work runs
 * past its wall time and names the units still running, and `--route-budget` stops a router that
 * holds its worker — both exit 1 with one clear line and leave no shard folder behind, so a CI
 * matrix job fails at once instead of hanging until the runner's own limit (these flags were
 * refused with --shard before).
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, runCli } from './support/cli-child.ts';
import { twoModelScenario } from './support/two-model-scenario.ts';

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'routesim-shard-limits-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The busy-loop fixture router beside the reference. */
function busyScenario(): string {
  const path = join(root, 'busy.yaml');
  const entry = { module: join(REPO, 'test/fixtures/contain/busy-loop.ts'), options: {} };
  writeFileSync(path, twoModelScenario('shard-limits', [entry]));
  return path;
}

/** Shard 1/1 (every piece) of `scenario`, one folder per call. */
function shard(scenario: string, out: string, extra: readonly string[]) {
  const flags = ['--shard', '1/1', '--out', out, '--no-robustness', '--quiet'];
  return runCli(['simulate', scenario, ...flags, ...extra]);
}

describe('simulate --shard with time limits', () => {
  it('--timeout stops the shard and names the units still running; no shard folder is left', async () => {
    const out = join(root, 'timeout');
    const result = await shard(busyScenario(), out, ['--route-budget', '10m', '--timeout', '6s']);
    expect(result.signal).toBeNull();
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /went over its time limit \(--timeout 6 s\).*units still running: "busy-loop"/,
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(out, 'manifest.json'))).toBe(false);
  });

  it('--route-budget stops a router that holds its worker, naming it', async () => {
    const out = join(root, 'budget');
    const result = await shard(busyScenario(), out, ['--route-budget', '2s']);
    expect(result.signal).toBeNull();
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('strategy "busy-loop"');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(out, 'manifest.json'))).toBe(false);
  });

  it('a shard within its limits writes its folder as before', async () => {
    const path = join(root, 'calm.yaml');
    writeFileSync(path, twoModelScenario('shard-limits-calm', ['always-cheapest']));
    const out = join(root, 'calm');
    const result = await shard(path, out, ['--timeout', '10m', '--route-budget', '30s']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(existsSync(join(out, 'manifest.json'))).toBe(true);
  });
});
