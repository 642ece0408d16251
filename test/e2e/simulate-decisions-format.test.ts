/**
 * simulate --decisions gz|csv|none: the default decisions.csv.gz holds exactly the bytes of
 * `--decisions csv` (here written on worker threads, whose parts are joined as gzip members), and
 * none writes no decision log; results.json names the file written.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routesim, SMALL } from './simulate-helpers.ts';

const directory = mkdtempSync(join(tmpdir(), 'routesim-decisions-'));
const runs = { gz: join(directory, 'gz'), csv: join(directory, 'csv'), none: join(directory, 'none') };
const statuses: Record<string, number | null> = {};

beforeAll(() => {
  const common = ['simulate', SMALL, '--no-robustness', '--quiet'];
  statuses['gz'] = routesim(...common, '--out', runs.gz, '--workers', '2').status;
  statuses['csv'] = routesim(...common, '--out', runs.csv, '--decisions', 'csv').status;
  statuses['none'] = routesim(...common, '--out', runs.none, '--decisions', 'none').status;
}, 120_000);
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const filesEntry = (dir: string) =>
  JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')).files.decisions;

describe('simulate --decisions', () => {
  it('gz (default) writes decisions.csv.gz whose content is the csv run’s decisions.csv, byte for byte', () => {
    expect(statuses).toEqual({ gz: 0, csv: 0, none: 0 });
    expect(existsSync(join(runs.gz, 'decisions.csv'))).toBe(false);
    expect(existsSync(join(runs.csv, 'decisions.csv.gz'))).toBe(false);
    const compressed = readFileSync(join(runs.gz, 'decisions.csv.gz'));
    const plain = readFileSync(join(runs.csv, 'decisions.csv'));
    expect(compressed.length).toBeLessThan(plain.length / 4);
    expect(gunzipSync(compressed).equals(plain)).toBe(true);
    // No mtime, no file name, OS byte fixed (Unix): the bytes depend on the content alone.
    expect([...compressed.subarray(0, 10)]).toEqual([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]);
    expect(filesEntry(runs.gz)).toBe('decisions.csv.gz');
    expect(filesEntry(runs.csv)).toBe('decisions.csv');
  });

  it('none writes no decision log and says so in results.json', () => {
    expect(readdirSync(runs.none).filter((file) => file.startsWith('decisions'))).toEqual([]);
    expect(filesEntry(runs.none)).toBeNull();
    // Everything else is as in the runs with a log.
    for (const file of ['summary.csv', 'summary.md', 'columns.bin']) {
      expect(readFileSync(join(runs.none, file)).equals(readFileSync(join(runs.csv, file))), file).toBe(true);
    }
  });

  it('rejects another format: exit 2, one line', () => {
    const result = routesim('simulate', SMALL, '--decisions', 'parquet', '--out', join(directory, 'bad'));
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--decisions expects gz, csv, none, got "parquet"');
  });
});
