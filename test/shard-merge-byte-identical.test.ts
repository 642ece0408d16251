/**
 * `simulate --shard i/n` then `routesim merge` writes the run folder an unsharded `simulate`
 * writes, byte for byte (timings.json aside: wall times), for n = 1, 2, 3 and 7 — on the small
 * fixture (scenario strategies, knob sweeps, single models, robustness re-runs, oracle) and, for
 * the judge-ε study, on the robustness fixture; and with --no-research for n = 1, 2, 3. The shards
 * run in-process through the CLI (main).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runMain } from './support/cli-capture.ts';
import { expectSameFiles, runFiles, shardedThenMerged } from './support/shard-runs.ts';

const SMALL = 'test/fixtures/simulate/small.yaml';
const JUDGE = 'test/fixtures/simulate/robustness.yaml';
const root = mkdtempSync(join(tmpdir(), 'routesim-shard-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function unsharded(scenario: string, name: string, ...flags: string[]): Promise<Map<string, Buffer>> {
  const out = join(root, name);
  const result = await runMain('simulate', scenario, '--out', out, '--quiet', ...flags);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return runFiles(out);
}

async function merged(scenario: string, name: string, count: number, ...flags: string[]) {
  return (await shardedThenMerged(root, scenario, name, count, ...flags)).files;
}

describe('merge of n shards equals the unsharded run', () => {
  let expected: Map<string, Buffer>;
  it('unsharded run of the small fixture (decisions.csv.gz, the default)', async () => {
    expected = await unsharded(SMALL, 'small');
    expect([...expected.keys()]).toEqual([
      'columns.bin',
      'decisions.csv.gz',
      'report.html',
      'results.json',
      'summary.csv',
      'summary.md',
    ]);
  });
  for (const count of [1, 2, 3, 7]) {
    it(`n = ${count}`, async () => {
      expectSameFiles(await merged(SMALL, 'small', count), expected);
    });
  }
  it('n = 2, the merge drawing its bootstrap on 2 worker threads (merge --workers 2)', async () => {
    const dirs = [join(root, 'small-1of2'), join(root, 'small-2of2')];
    const out = join(root, 'small-merge-pool');
    const result = await runMain('merge', ...dirs, '--out', out, '--quiet', '--workers', '2');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expectSameFiles(runFiles(out), expected);
  });
  it('n = 2, each shard on a pool of 2 worker threads (--workers 2)', async () => {
    expectSameFiles(await merged(SMALL, 'small-pool', 2, '--workers', '2'), expected);
  });
  it('options carried by the manifest: --seed, --block, --strategies, --no-robustness (n = 2)', async () => {
    const flags = ['--seed', '8', '--block', '2m', '--strategies', 'cascade', '--no-robustness'];
    expectSameFiles(await merged(SMALL, 'options', 2, ...flags), await unsharded(SMALL, 'options', ...flags));
  });
  describe('--no-research (the reduced plan; its manifest records the flag)', () => {
    let reduced: Map<string, Buffer>;
    it('unsharded', async () => {
      reduced = await unsharded(SMALL, 'no-research', '--no-research');
      expect(JSON.parse(reduced.get('results.json')?.toString() ?? '{}').research?.notRun).toBe(true);
    });
    for (const count of [1, 2, 3]) {
      it(`n = ${count}`, async () => {
        const { files, dirs } = await shardedThenMerged(root, SMALL, 'no-research', count, '--no-research');
        expectSameFiles(files, reduced);
        const manifest = JSON.parse(readFileSync(join(dirs[0]!, 'manifest.json'), 'utf8'));
        expect(manifest.research).toBe(false);
        expect(manifest.units.every((unit: { kind: string }) => unit.kind === 'strategy')).toBe(true);
      });
    }
    it('a default shard’s manifest has no research field (its bytes are unchanged)', async () => {
      const { dirs } = await shardedThenMerged(root, SMALL, 'plain-manifest', 1, '--no-robustness');
      expect('research' in JSON.parse(readFileSync(join(dirs[0]!, 'manifest.json'), 'utf8'))).toBe(false);
    });
  });
  it('a judge cascade (the judge-ε study runs on one shard), plain decisions.csv, n = 3', async () => {
    const plain = await unsharded(JUDGE, 'judge', '--decisions', 'csv');
    expect(JSON.parse(plain.get('results.json')?.toString() ?? '{}').research?.judgeEpsilon).toBeDefined();
    expectSameFiles(await merged(JUDGE, 'judge', 3, '--decisions', 'csv'), plain);
  });
});
