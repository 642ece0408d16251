/**
 * Sharded runs for the shard tests: each shard through the CLI in-process (`simulate --shard i/n`),
 * then `routesim merge`, and the run folder's files to compare byte for byte with an unsharded run.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { runMain } from './cli-capture.ts';

/** Every file of a run folder but timings.json (wall times), by name. */
export function runFiles(dir: string): Map<string, Buffer> {
  const names = readdirSync(dir).filter((name) => name !== 'timings.json');
  return new Map(names.sort().map((name) => [name, readFileSync(join(dir, name))]));
}

export function expectSameFiles(actual: Map<string, Buffer>, expected: Map<string, Buffer>): void {
  expect([...actual.keys()]).toEqual([...expected.keys()]);
  for (const [name, bytes] of expected) {
    // equals, not toEqual: a megabyte diff of bytes helps nobody; the file name does.
    expect(actual.get(name)?.equals(bytes), `${name} differs`).toBe(true);
  }
}

/** `simulate <scenario> --shard index/count --out dir`, which must succeed silently. */
export async function runShard(
  scenario: string,
  dir: string,
  index: number,
  count: number,
  ...flags: string[]
): Promise<void> {
  const result = await runMain(
    'simulate',
    scenario,
    '--shard',
    `${index}/${count}`,
    '--out',
    dir,
    '--quiet',
    ...flags,
  );
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
}

/** All `count` shards under `root`, then their merge: the merged files and the shard folders. */
export async function shardedThenMerged(
  root: string,
  scenario: string,
  name: string,
  count: number,
  ...flags: string[]
): Promise<{ files: Map<string, Buffer>; dirs: string[] }> {
  const dirs: string[] = [];
  for (let index = 1; index <= count; index++) {
    const dir = join(root, `${name}-${index}of${count}`);
    await runShard(scenario, dir, index, count, ...flags);
    dirs.push(dir);
  }
  const out = join(root, `${name}-merged${count}`);
  // Given in reverse: the order of the folders does not matter.
  const merged = await runMain('merge', ...[...dirs].reverse(), '--out', out, '--quiet');
  expect(merged.stderr).toBe('');
  expect(merged.status).toBe(0);
  return { files: runFiles(out), dirs };
}
