/**
 * `routesim merge` ends as `simulate` does: exit 99 when a scenario threshold fails, after the run
 * folder and the JUnit file (given inside the run folder: it moves in with the run) are written.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runMain } from './support/cli-capture.ts';

const FAILING = 'test/fixtures/simulate/failing-threshold.yaml';
const root = mkdtempSync(join(tmpdir(), 'routesim-merge-exit-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

it('exits 99 on a failed threshold, with the run folder and the JUnit file written', async () => {
  const dirs = [join(root, 's1'), join(root, 's2')];
  for (const [position, dir] of dirs.entries()) {
    const flags = ['--shard', `${position + 1}/2`, '--out', dir, '--quiet', '--no-robustness'];
    const shard = await runMain('simulate', FAILING, ...flags);
    expect(shard.stderr).toBe('');
    // A shard evaluates no threshold: only the merge can fail one.
    expect(shard.status).toBe(0);
  }
  const out = join(root, 'run');
  const merged = await runMain('merge', ...dirs, '--out', out, '--junit', join(out, 'thresholds.xml'));
  expect(merged.status).toBe(99);
  expect(existsSync(join(out, 'results.json'))).toBe(true);
  expect(readFileSync(join(out, 'thresholds.xml'), 'utf8')).toContain('<failure');
});
