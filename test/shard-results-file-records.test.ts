/**
 * A shard's results.bin as records, one per run (src/report/shard-results-file.ts): what it holds
 * is listed without deserialising a run, each run reads back exactly (typed columns, NaN, -0), and
 * a results.bin of the earlier format (one structured clone of the whole ShardResults) still reads.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serialize } from 'node:v8';
import { afterAll, describe, expect, it } from 'vitest';
import { Status } from '../src/engine/types.ts';
import { openShardResults, writeShardResults } from '../src/report/shard-results-file.ts';
import type { ShardResults } from '../src/run/shard-types.ts';
import { makeRun } from './metrics-helpers.ts';

const directory = mkdtempSync(join(tmpdir(), 'routesim-shard-results-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const run = (name: string, cost: number) =>
  makeRun(name, [
    { cost, score: 1, latency: 300, model: 0 },
    { cost: -0, score: 0, latency: Number.NaN, status: Status.timeout },
  ]);
const results: ShardResults = {
  units: [
    { index: 3, label: 'cascade@0.5', run: run('cascade@0.5', 0.25), wallMs: 12.5 },
    { index: 7, label: 'cascade', seedIndex: 2, run: run('cascade', 0.5), wallMs: 3 },
  ],
  oracle: run('oracle', 0.125),
  judgeEpsilon: null,
  perturbed: [{ ordinal: 4, run: run('cascade', 1) }],
};

describe('results.bin', () => {
  for (const format of ['records', 'earlier whole clone'] as const) {
    it(`lists and reads back every run (${format})`, () => {
      const file = join(directory, `${format}.bin`);
      if (format === 'records') writeShardResults(file, results);
      else writeFileSync(file, serialize(results));
      const reader = openShardResults(file);
      expect(reader.contents).toEqual({
        units: [
          { index: 3, label: 'cascade@0.5', wallMs: 12.5 },
          { index: 7, label: 'cascade', seedIndex: 2, wallMs: 3 },
        ],
        oracle: true,
        judgeEpsilon: null,
        perturbed: [4],
      });
      expect(reader.unit(7)).toEqual(results.units[1]!.run);
      expect(Object.is(reader.unit(3).columns.cost[1], -0)).toBe(true);
      expect(Number.isNaN(reader.unit(3).columns.latency[1])).toBe(true);
      expect(reader.oracle()).toEqual(results.oracle);
      expect(reader.perturbed(4)).toEqual(results.perturbed[0]!.run);
      expect(() => reader.unit(5)).toThrow(/no unit:5/);
    });
  }

  it("reads a run's bootstrap columns into shared memory (merge --workers posts them without a copy)", () => {
    const file = join(directory, 'shared.bin');
    writeShardResults(file, results);
    const { columns } = openShardResults(file).unit(7);
    for (const name of ['cost', 'score', 'latency', 'status'] as const)
      expect(columns[name].buffer).toBeInstanceOf(SharedArrayBuffer);
    for (const name of ['ttft', 'model', 'flags'] as const)
      expect(columns[name].buffer).not.toBeInstanceOf(SharedArrayBuffer);
    expect(Array.from(columns.cost)).toEqual(Array.from(results.units[1]!.run.columns.cost));
  });
});
