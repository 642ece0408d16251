/**
 * `compare` before any baseline exists (a repository's first pull request): it says so in those
 * words, exits 2 by default and 0 with --allow-missing-baseline — in every format, and appending
 * the Markdown to the job summary. A broken baseline stays an error even with the flag.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { handRun, writeRunDir } from './compare-helpers.ts';
import { runMain } from './support/cli-capture.ts';

const directory = mkdtempSync(join(tmpdir(), 'routesim-missing-baseline-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
afterEach(() => vi.unstubAllEnvs());

const run = runMain;

const n = 50;
const columns = { cost: Array(n).fill(0.01), score: Array(n).fill(1), latency: Array(n).fill(100) };
const runDir = writeRunDir(join(directory, 'pr'), handRun({ steady: columns }));
const absent = join(directory, 'baseline');

describe('compare with no baseline yet', () => {
  it('says there is no baseline yet and exits 2 without the flag', async () => {
    const result = await run('compare', runDir, '--baseline', absent);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('no baseline yet');
    expect(result.stderr).toContain('--allow-missing-baseline');
    expect(result.stderr).toContain(`npx routesim simulate <scenario> --out ${absent}`);
    expect(result.stderr).not.toMatch(/\n\s+at .*:\d+:\d+/);
  });

  it('passes with --allow-missing-baseline, in text, Markdown (job summary too) and JUnit', async () => {
    const text = await run('compare', runDir, '--baseline', absent, '--allow-missing-baseline');
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('no baseline yet');

    const summary = join(directory, 'step-summary.md');
    writeFileSync(summary, '');
    vi.stubEnv('GITHUB_STEP_SUMMARY', summary);
    const out = join(directory, 'compare.md');
    const markdown = await run(
      'compare',
      runDir,
      '--baseline',
      absent,
      '--allow-missing-baseline',
      '--format',
      'markdown',
      '--out',
      out,
    );
    expect(markdown.status).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('**No baseline yet**');
    expect(readFileSync(summary, 'utf8')).toContain('**No baseline yet**');

    const junit = await run(
      'compare',
      runDir,
      '--baseline',
      absent,
      '--allow-missing-baseline',
      '--format',
      'junit',
    );
    expect(junit.status).toBe(0);
    expect(junit.stdout).toContain('<skipped message="no baseline yet');
  });

  it('treats an empty baseline directory (a .gitkeep) as missing, a broken one as an error', async () => {
    const empty = join(directory, 'empty');
    mkdirSync(empty);
    writeFileSync(join(empty, '.gitkeep'), '');
    expect((await run('compare', runDir, '--baseline', empty, '--allow-missing-baseline')).status).toBe(0);

    const broken = join(directory, 'broken');
    mkdirSync(broken);
    writeFileSync(join(broken, 'results.json'), '{');
    const result = await run('compare', runDir, '--baseline', broken, '--allow-missing-baseline');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('expected JSON');
  });

  it('still requires the current run to be a run', async () => {
    const result = await run(
      'compare',
      join(directory, 'nope'),
      '--baseline',
      absent,
      '--allow-missing-baseline',
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('it does not exist');
  });
});
