/**
 * `routesim simulate --no-research` on the small fixture, through the real binary: exit 0, only the
 * scenario strategies run, every output says research was not run (console, results.json,
 * summary.md, report.html), everything else matches the full run, `report` rebuilds the page and
 * `compare` against a full run says which side has no research instead of failing. A scenario whose
 * reference is a single model it does not run keeps that run, so thresholds on it still measure.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root, routesim, SMALL } from './simulate-helpers.ts';

const directory = mkdtempSync(join(tmpdir(), 'routesim-no-research-'));
const full = join(directory, 'full');
const reduced = join(directory, 'reduced');
afterAll(() => rmSync(directory, { recursive: true, force: true }));

let reducedRun: ReturnType<typeof routesim>;
beforeAll(() => {
  expect(routesim('simulate', SMALL, '--out', full, '--quiet').status).toBe(0);
  reducedRun = routesim('simulate', SMALL, '--out', reduced, '--no-research');
}, 120_000);

const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
const results = (dir: string) => JSON.parse(read(dir, 'results.json'));
const RESEARCH_LINE = /research not run — simulate --no-research: .*APGR, CPT, AIQ/;

describe('simulate --no-research (real binary, small scenario)', () => {
  it('exits 0 and says research was not run under the table', () => {
    expect(reducedRun.stderr).toBe('');
    expect(reducedRun.status).toBe(0);
    expect(reducedRun.stdout).toMatch(RESEARCH_LINE);
    // No "+N sweep points and single-model runs" in the heading: none ran.
    expect(reducedRun.stdout).not.toContain('sweep points');
  });

  it('results.json: research { notRun, reason }, the scenario strategies only, no robustness', () => {
    const document = results(reduced);
    expect(Object.keys(document.research)).toEqual(['notRun', 'reason']);
    expect(document.research.notRun).toBe(true);
    expect(document.research.reason).toMatch(/^simulate --no-research: /);
    expect(document.robustness).toBeUndefined();
    expect(new Set(document.units.map((unit: { kind: string }) => unit.kind))).toEqual(new Set(['strategy']));
    const whole = results(full);
    expect(whole.research.knobbed.length).toBeGreaterThan(0);
    expect(document.strategies).toEqual(
      whole.strategies.filter((strategy: { kind: string }) => strategy.kind === 'strategy'),
    );
    for (const field of ['oracle', 'intervals', 'thresholds', 'faults', 'provenance'])
      expect(document[field], field).toEqual(whole[field]);
  });

  it('the per-request files are the full run’s bytes (they hold the scenario strategies only)', () => {
    for (const file of ['columns.bin', 'decisions.csv.gz'])
      expect(readFileSync(join(reduced, file)).equals(readFileSync(join(full, file))), file).toBe(true);
  });

  it('summary.md says research was not run', () => {
    expect(read(reduced, 'summary.md')).toMatch(RESEARCH_LINE);
    expect(read(full, 'summary.md')).not.toContain('research not run');
  });

  it('report.html says so in place of the research figures, and draws no research chart', () => {
    const page = read(reduced, 'report.html');
    expect(page).toContain('Routing research not run');
    expect(page).toContain('--no-research --out run');
    expect(page).toContain('id="chart-cost-quality"');
    expect(page).not.toContain('id="chart-apgr"');
    expect(page).not.toContain('>AIQ</th>');
    expect(page).not.toContain('knobbed strategy');
    expect(read(full, 'report.html')).not.toContain('Routing research not run');
  });

  it('routesim report rebuilds its report.html byte for byte', () => {
    const rebuilt = join(directory, 'rebuilt.html');
    const result = routesim('report', join(reduced, 'results.json'), '--out', rebuilt);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(readFileSync(rebuilt).equals(readFileSync(join(reduced, 'report.html')))).toBe(true);
  });

  it('compare with a full run, either way round, names the side without research', () => {
    const current = routesim('compare', reduced, '--baseline', full);
    expect(current.stderr).toBe('');
    expect(current.status).toBe(0);
    expect(current.stdout).toMatch(/current: .*simulated with --no-research/);
    expect(current.stdout).not.toMatch(/baseline: .*--no-research/);
    const baseline = routesim('compare', full, '--baseline', reduced, '--format', 'markdown');
    expect(baseline.status).toBe(0);
    expect(baseline.stdout).toMatch(/\*\*Baseline run:\*\* .*simulated with --no-research/);
  });
});

describe('simulate --no-research with a reference the scenario does not run', () => {
  // small.yaml without always-strongest, measured against always-gpt-4o (a single model it does
  // not list), with thresholds on that reference, on a strategy and on the pooled strategies.
  const scenario = join(directory, 'unlisted-reference.yaml');
  writeFileSync(
    scenario,
    readFileSync(resolve(root, SMALL), 'utf8')
      .replace('reference: always-strongest', 'reference: always-gpt-4o')
      .replace(/\n {2}- always-strongest\n/, '\n')
      .replace(
        /thresholds:\n.*\n/,
        'thresholds:\n  "answered{strategy:always-gpt-4o}": ["rate > 0.5"]\n  "quality{strategy:cascade}": ["mean > 0.5"]\n  quality: ["mean > 0.5"]\n',
      ),
  );

  it('keeps that single-model run, pairs with it, and measures every threshold as a full run does', () => {
    const out = join(directory, 'unlisted');
    const run = routesim('simulate', scenario, '--out', out, '--quiet', '--no-research');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const document = results(out);
    expect(document.units.filter((unit: { kind: string }) => unit.kind === 'single')).toEqual([
      { label: 'always-gpt-4o', kind: 'single' },
    ]);
    const cascade = document.strategies.find((strategy: { name: string }) => strategy.name === 'cascade');
    expect(cascade.difference).not.toBeNull();
    const fullOut = join(directory, 'unlisted-full');
    expect(routesim('simulate', scenario, '--out', fullOut, '--quiet', '--no-robustness').status).toBe(0);
    expect(document.thresholds).toEqual(results(fullOut).thresholds);
    expect(document.thresholds.map((result: { pass: boolean }) => result.pass)).toEqual([true, true, true]);
    expect(document.thresholds[0].reason).toMatch(/over 1201 samples/);
  });
});
