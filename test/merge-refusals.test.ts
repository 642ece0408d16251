/**
 * `routesim merge` refuses, exit 2 with a message naming the problem, anything but the n shards of
 * one run: a missing or repeated shard, shards of another seed, a folder that is not a shard, a
 * scenario that is not the one the shards ran. `simulate --shard` refuses a malformed i/n.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from './support/cli-capture.ts';

const SMALL = 'test/fixtures/simulate/small.yaml';
const root = mkdtempSync(join(tmpdir(), 'routesim-merge-refusals-'));
const shard = (index: number) => join(root, `s${index}`);
afterAll(() => rmSync(root, { recursive: true, force: true }));

beforeAll(async () => {
  // Quick shards: one strategy, no robustness re-runs.
  for (const index of [1, 2]) {
    const result = await runMain(
      'simulate',
      SMALL,
      '--shard',
      `${index}/2`,
      '--out',
      shard(index),
      '--quiet',
      '--strategies',
      'always-strongest',
      '--no-robustness',
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  }
});

async function mergeFails(...argv: string[]): Promise<string> {
  const out = join(root, 'merged');
  const result = await runMain('merge', ...argv, '--out', out);
  expect(result.status).toBe(2);
  expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  return result.stderr;
}

describe('merge refuses what is not one whole run', () => {
  it('merges the two shards (the refusals below are of these)', async () => {
    const result = await runMain('merge', shard(1), shard(2), '--out', join(root, 'ok'), '--quiet');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
  it('a missing shard', async () => {
    expect(await mergeFails(shard(1))).toMatch(/shard 2\/2 missing: merge needs all 2/);
  });
  it('a shard given twice', async () => {
    expect(await mergeFails(shard(1), shard(1), shard(2))).toMatch(/shard 1\/2 is given 2 times/);
  });
  it('a shard of another seed', async () => {
    const other = join(root, 'other-seed');
    cpSync(shard(2), other, { recursive: true });
    const file = join(other, 'manifest.json');
    const manifest = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify({ ...manifest, seed: manifest.seed + 1 }));
    expect(await mergeFails(shard(1), other)).toMatch(
      /shards disagree on the seed: .*s1 has 7, .*other-seed has 8/,
    );
  });
  it('a shard whose manifest lacks a field (written by another routesim build)', async () => {
    const older = join(root, 'older-build');
    cpSync(shard(2), older, { recursive: true });
    const file = join(older, 'manifest.json');
    const { seeds: _seeds, ...manifest } = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify(manifest));
    expect(await mergeFails(shard(1), older)).toMatch(
      /shards disagree on the --seeds: .*s1 has null, .*older-build has no such field/,
    );
  });
  it('shards that disagree on --no-research', async () => {
    const reduced = join(root, 'no-research-2');
    const result = await runMain(
      'simulate',
      SMALL,
      '--shard',
      '2/2',
      '--out',
      reduced,
      '--quiet',
      '--strategies',
      'always-strongest',
      '--no-robustness',
      '--no-research',
    );
    expect(result.status).toBe(0);
    expect(await mergeFails(shard(1), reduced)).toMatch(
      /shards disagree on the --no-research: .*s1 has "not given", .*no-research-2 has "given"/,
    );
  });
  it("shard 1 without its request facts (requests.bin), listed with the folder's other problems", async () => {
    const bare = join(root, 'no-facts');
    cpSync(shard(1), bare, { recursive: true });
    rmSync(join(bare, 'requests.bin'));
    const stderr = await mergeFails(bare, shard(2), join(root, 'nowhere'));
    expect(stderr).toMatch(/no-facts: no requests\.bin \(shard 1 writes the request stream's facts there/);
    expect(stderr).toMatch(/nowhere: not a shard folder/);
  });
  it("shard 1's request facts damaged", async () => {
    const damaged = join(root, 'damaged-facts');
    cpSync(shard(1), damaged, { recursive: true });
    const file = join(damaged, 'requests.bin');
    const bytes = readFileSync(file);
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0xff;
    writeFileSync(file, bytes);
    expect(await mergeFails(damaged, shard(2))).toMatch(
      /damaged-facts[\\/]requests\.bin: its contents do not match the checksum in its header/,
    );
  });
  it('shard 2 holds no request facts: only shard 1 writes them', () => {
    expect(() => readFileSync(join(shard(2), 'requests.bin'))).toThrow(/ENOENT/);
  });
  it('a folder that is not a shard', async () => {
    const empty = join(root, 'empty');
    mkdirSync(empty, { recursive: true });
    expect(await mergeFails(shard(1), empty)).toMatch(/empty: not a shard folder \(no manifest\.json/);
  });
  it('--out naming one of the shard folders', async () => {
    const result = await runMain('merge', shard(1), shard(2), '--out', shard(2));
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/is one of the shard folders/);
  });
  it('another scenario than the shards ran', async () => {
    const stderr = await mergeFails(
      shard(1),
      shard(2),
      '--scenario',
      'test/fixtures/simulate/robustness.yaml',
    );
    expect(stderr).toMatch(/is not the one the shards ran/);
  });
});

describe('simulate --shard checks i/n', () => {
  for (const [flag, message] of [
    ['0/3', /i must be between 1 and 3 \(shards are numbered from 1\), got 0/],
    ['4/3', /i must be between 1 and 3/],
    ['1/0', /n must be between 1 and 256, got 0/],
    ['two/3', /--shard expects i\/n with 1 ≤ i ≤ n \(e\.g\. 1\/3\), got "two\/3"/],
  ] as const) {
    it(`--shard ${flag}`, async () => {
      const result = await runMain('simulate', SMALL, '--shard', flag, '--out', join(root, 'x'));
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(message);
    });
  }
  it('--shard without --out', async () => {
    const result = await runMain('simulate', SMALL, '--shard', '1/2');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--shard needs --out <dir>/);
  });
  it('--shard with --explore', async () => {
    const result = await runMain('simulate', SMALL, '--shard', '1/2', '--explore', '--out', join(root, 'x'));
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--explore cannot be used with --shard/);
  });
});
