/**
 * `routesim simulate --seeds k` at the edge: one world seed is the plain run, byte for byte, and
 * a k that is not a whole number ≥ 1 — on the command line or in the scenario — exits 2 naming it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runMain } from './support/cli-capture.ts';

const directory = mkdtempSync(join(tmpdir(), 'routesim-seeds-cli-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
const small = new URL('./fixtures/simulate/small.yaml', import.meta.url).pathname;
const mtbf = new URL('./fixtures/seeds/mtbf.yaml', import.meta.url).pathname;
const OUTPUTS = ['results.json', 'decisions.csv', 'summary.md', 'summary.csv', 'report.html', 'columns.bin'];

describe('simulate --seeds', () => {
  it('--seeds 1 writes the same bytes as no flag (timings.json aside)', async () => {
    const plain = join(directory, 'plain');
    const one = join(directory, 'one');
    const args = ['simulate', small, '--quiet', '--decisions', 'csv', '--no-robustness'];
    expect((await runMain(...args, '--out', plain)).status).toBe(0);
    expect((await runMain(...args, '--out', one, '--seeds', '1')).status).toBe(0);
    for (const file of OUTPUTS)
      expect(readFileSync(join(one, file)), file).toEqual(readFileSync(join(plain, file)));
  }, 60_000);

  it('says which interval it shows in results.json, summary.md, report.html and the console', async () => {
    const out = join(directory, 'three');
    const result = await runMain(
      'simulate',
      mtbf,
      '--out',
      out,
      '--seeds',
      '3',
      '--no-robustness',
      '--decisions',
      'none',
    );
    expect(result.status).toBe(0);
    const label = 'two-level bootstrap: 3 world seeds × requests';
    expect(result.stdout).toContain(label);
    expect(result.stdout).toMatch(/always-cheapest: quality [\d.]+–[\d.]+/);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(results.intervals.label).toBe(label);
    expect(results.seeds.worldSeeds).toHaveLength(3);
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).toContain(label);
    const page = readFileSync(join(out, 'report.html'), 'utf8');
    expect(page).toContain(label);
    expect(page).toContain('per world, min–max: always-cheapest');
    expect(page).toContain('--seed 11 --seeds 3 --out run');
    // compare reads columns.bin (the first world only) and says it falls back to one-world intervals.
    const compared = await runMain('compare', out, '--baseline', out);
    expect(compared.status).toBe(0);
    expect(compared.stdout).toContain('ran over 3 world seeds: compare reads the first world only');
  }, 60_000);

  it.each(['0', '1.5', 'x', '-2'])('--seeds %s exits 2 with the expected value', async (value) => {
    const result = await runMain('simulate', small, '--out', join(directory, 'bad'), '--seeds', value);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`--seeds expects an integer ≥ 1, got "${value}"`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it.each(['0', '1.5', '"x"'])(
    'a scenario with seeds: %s exits 2 naming the file and field',
    async (value) => {
      const path = join(directory, `seeds-${value.replace(/\W/g, '')}.yaml`);
      writeFileSync(path, readFileSync(mtbf, 'utf8').replace('seed: 11', `seed: 11\nseeds: ${value}`));
      const result = await runMain('simulate', path, '--out', join(directory, 'bad'));
      expect(result.status).toBe(2);
      expect(result.stderr).toContain(path.split('/').pop());
      expect(result.stderr).toContain('seeds');
      expect(result.stderr).not.toMatch(/\n\s+at /);
    },
  );
});
