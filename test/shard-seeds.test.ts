/**
 * `simulate --seeds k --shard i/n` then `routesim merge` writes the run folder an unsharded
 * `simulate --seeds k` writes, byte for byte (timings.json aside): every copy of a unit in world
 * seed j ≥ 1 is a piece of work of its own, run in its seed's world on whichever shard it falls
 * to, and the merge hands those worlds to the metrics (the two-level intervals and per-world
 * figures of results.json depend on every one of them). Shards of different --seeds do not merge.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runMain } from './support/cli-capture.ts';
import { expectSameFiles, runFiles, runShard, shardedThenMerged } from './support/shard-runs.ts';

const MTBF = 'test/fixtures/seeds/mtbf.yaml';
const root = mkdtempSync(join(tmpdir(), 'routesim-shard-seeds-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('merge of n shards of --seeds 3 equals the unsharded --seeds 3 run', () => {
  let expected: Map<string, Buffer>;
  it('unsharded --seeds 3 (two-level intervals over 3 worlds)', async () => {
    const out = join(root, 'plain');
    const result = await runMain('simulate', MTBF, '--seeds', '3', '--out', out, '--quiet');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expected = runFiles(out);
    expect(JSON.parse(expected.get('results.json')?.toString() ?? '{}').seeds.worldSeeds).toHaveLength(3);
  }, 60_000);

  for (const count of [2, 3]) {
    it(`n = ${count}`, async () => {
      const { files, dirs } = await shardedThenMerged(root, MTBF, 'seeds', count, '--seeds', '3');
      expectSameFiles(files, expected);
      // Each seed copy is a work item of its own, run by exactly one shard.
      const manifests = dirs.map((dir) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')));
      const copies = (manifests[0].work as { id: string }[])
        .map((item) => item.id)
        .filter((id) => id.includes('#s'));
      expect(copies).toEqual([
        'unit:always-cheapest#s1',
        'unit:always-strongest#s1',
        'unit:always-cheapest#s2',
        'unit:always-strongest#s2',
      ]);
      const ran = manifests
        .flatMap((manifest) => manifest.assigned as string[])
        .filter((id) => id.includes('#s'));
      expect(ran.sort()).toEqual([...copies].sort());
    }, 60_000);
  }

  it('n = 2, each shard on a pool of 2 worker threads (--workers 2)', async () => {
    const { files } = await shardedThenMerged(root, MTBF, 'seeds-pool', 2, '--seeds', '3', '--workers', '2');
    expectSameFiles(files, expected);
  }, 60_000);

  it("the scenario's own `seeds: 3` (no flag), n = 2", async () => {
    const scenario = join(root, 'mtbf-seeds.yaml');
    writeFileSync(scenario, `${readFileSync(MTBF, 'utf8')}seeds: 3\n`);
    const out = join(root, 'own');
    const plain = await runMain('simulate', scenario, '--out', out, '--quiet');
    expect(plain.status).toBe(0);
    const { files } = await shardedThenMerged(root, scenario, 'own', 2);
    expectSameFiles(files, runFiles(out));
  }, 60_000);
});

describe('merge refuses shards of different --seeds', () => {
  it('shard 1/2 of --seeds 3 and shard 2/2 of --seeds 2: exit 2, naming --seeds', async () => {
    const one = join(root, 'mixed-1');
    const two = join(root, 'mixed-2');
    await runShard(MTBF, one, 1, 2, '--seeds', '3', '--no-robustness', '--decisions', 'none');
    await runShard(MTBF, two, 2, 2, '--seeds', '2', '--no-robustness', '--decisions', 'none');
    const result = await runMain('merge', one, two, '--out', join(root, 'mixed-merged'));
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/shards disagree on the --seeds: .*mixed-1 has 3, .*mixed-2 has 2/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);
});
