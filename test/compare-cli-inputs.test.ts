import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parsePercent, parsePoints } from '../src/compare/tolerances.ts';
import { handRun, writeRunDir } from './compare-helpers.ts';
import { runMain } from './support/cli-capture.ts';

const directory = mkdtempSync(join(tmpdir(), 'routesim-compare-inputs-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const run = runMain;

const n = 200;
const good = {
  cost: Array(n).fill(0.01),
  score: Array.from({ length: n }, (_, i) => (i % 10 ? 1 : 0)),
  latency: Array.from({ length: n }, (_, i) => 100 + i),
};
const baselineDir = writeRunDir(join(directory, 'baseline'), handRun({ cascade: good, steady: good }));
const worseDir = writeRunDir(
  join(directory, 'worse'),
  handRun({ cascade: { ...good, score: good.score.map((score, i) => (i % 3 ? score : 0)) }, steady: good }),
);

describe('tolerance flags', () => {
  it('accept percentages and points in both spellings', () => {
    expect(parsePercent('--max-cost-increase', '5%')).toEqual({ ok: true, value: 0.05 });
    expect(parsePercent('--max-cost-increase', '0.05')).toEqual({ ok: true, value: 0.05 });
    expect(parsePercent('--max-p95-increase', '12.5 %')).toEqual({ ok: true, value: 0.125 });
    expect(parsePoints('--max-quality-drop', '1pt')).toEqual({ ok: true, value: 1 });
    expect(parsePoints('--max-quality-drop', '0.01')).toEqual({ ok: true, value: 1 });
    expect(parsePoints('--max-quality-drop', '2.5 pts')).toEqual({ ok: true, value: 2.5 });
  });

  it('refuse ambiguous or malformed values, naming the flag and the expected form', () => {
    expect(parsePercent('--max-cost-increase', '5')).toEqual({
      ok: false,
      message: '--max-cost-increase expects a percentage like 5% (or a fraction below 1 like 0.05), got "5"',
    });
    expect(parsePoints('--max-quality-drop', '-1pt').ok).toBe(false);
    expect(parsePoints('--max-quality-drop', '1').ok).toBe(false);
    expect(parsePercent('--max-p95-increase', 'ten%').ok).toBe(false);
  });
});

describe('routesim compare inputs and exit codes (in-process CLI)', () => {
  it('exits 99 naming the strategy that regressed, 0 on identical runs', async () => {
    const worse = await run('compare', worseDir, '--baseline', baselineDir, '--resamples', '300');
    expect(worse.status).toBe(99);
    expect(worse.stdout).toContain('✖ 1 regression: cascade (quality)');
    const same = await run('compare', baselineDir, '--baseline', baselineDir, '--resamples', '300');
    expect(same.status).toBe(0);
    expect(same.stdout).toContain('✓ no regression in 2 compared strategies');
    // A results.json path works as well as its directory.
    const byFile = await run('compare', join(baselineDir, 'results.json'), '--baseline', baselineDir);
    expect(byFile.status).toBe(0);
  });

  it('a looser tolerance lets the same change pass', async () => {
    const loose = await run('compare', worseDir, '--baseline', baselineDir, '--max-quality-drop', '0.35');
    expect(loose.status).toBe(0);
    expect(loose.stdout).toMatch(/quality .*ok \(worse, within tolerance\)/);
  });

  it('bad flags exit 2 with every problem named', async () => {
    const result = await run(
      'compare',
      worseDir,
      '--baseline',
      baselineDir,
      '--max-cost-increase',
      '5',
      '--max-quality-drop',
      'lots',
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--max-cost-increase expects a percentage like 5%');
    expect(result.stderr).toContain(
      '--max-quality-drop expects points like 1pt (or a score fraction below 1 like 0.01), got "lots"',
    );
    const format = await run('compare', worseDir, '--baseline', baselineDir, '--format', 'html');
    expect(format.status).toBe(2);
    expect(format.stderr).toContain('--format expects one of text, markdown, junit, got "html"');
    const missingBaseline = await run('compare', worseDir);
    expect(missingBaseline.status).toBe(2);
  });

  it('a missing directory, a non-run directory and a schema mismatch exit 2 naming the file', async () => {
    const missing = await run('compare', join(directory, 'nope'), '--baseline', baselineDir);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain(`${join(directory, 'nope')}: 1 problem`);
    expect(missing.stderr).toContain('it does not exist');

    // The temp directory holds run directories but is not one itself.
    const notRun = await run('compare', directory, '--baseline', baselineDir);
    expect(notRun.status).toBe(2);
    expect(notRun.stderr).toContain(
      'not a run directory: expected results.json written by `routesim simulate`',
    );

    const future = writeRunDir(join(directory, 'future'), handRun({ a: good }), 2);
    const mismatch = await run('compare', baselineDir, '--baseline', future);
    expect(mismatch.status).toBe(2);
    expect(mismatch.stderr).toContain(`${join(future, 'results.json')}: 1 problem`);
    expect(mismatch.stderr).toContain('expected schemaVersion 1, got 2');
    expect(mismatch.stderr).not.toMatch(/\n\s+at .*:\d+:\d+/);

    const broken = writeRunDir(join(directory, 'broken'), handRun({ a: good }));
    writeFileSync(join(broken, 'columns.bin'), 'not columns');
    const corrupt = await run('compare', broken, '--baseline', baselineDir);
    expect(corrupt.status).toBe(2);
    expect(corrupt.stderr).toContain(`${join(broken, 'columns.bin')}: 1 problem`);
    expect(corrupt.stderr).toContain('expected a routesim columns file');
  });
});
