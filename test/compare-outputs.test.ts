import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { compareRuns } from '../src/compare/compare.ts';
import { escapeXml, renderJUnit } from '../src/report/junit.ts';
import { renderCompareJUnit } from '../src/report/junit-compare.ts';
import { renderThresholdsJUnit } from '../src/report/junit-thresholds.ts';
import { escapeMarkdown } from '../src/report/markdown.ts';
import { renderCompareMarkdown } from '../src/report/markdown-compare.ts';
import { handRun, parseXml, writeRunDir } from './compare-helpers.ts';

const directory = mkdtempSync(join(tmpdir(), 'routesim-compare-outputs-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const n = 200;
const good = {
  cost: Array(n).fill(0.01),
  score: Array.from({ length: n }, (_, i) => (i % 10 ? 1 : 0)),
  latency: Array.from({ length: n }, (_, i) => 100 + i),
};
const worse = { ...good, score: good.score.map((score, i) => (i % 3 ? score : 0)) };
const hostile = '<script>alert("x")</script> | & co';
const baseline = handRun({ cascade: good, [hostile]: good, retired: good }, { dir: 'baseline/' });
const current = handRun({ cascade: worse, [hostile]: good, fresh: good }, { dir: 'reports/pr' });
const comparison = compareRuns(baseline, current, { resamples: 300 });

describe('compare as Markdown', () => {
  const markdown = renderCompareMarkdown(comparison);

  it('leads with the verdict, then the table, intervals, pairing method and tolerances', () => {
    const lines = markdown.split('\n');
    expect(lines[0]).toBe('## ❌ routesim compare: 1 regression: cascade (quality); 1 new; 1 removed');
    expect(lines[2]).toBe(
      '| strategy | metric | baseline | current | change | 95% interval | allowed | verdict |',
    );
    expect(lines[3]).toBe('|:---|:---|---:|---:|---:|:---|:---|:---|');
    // 2 strategies × 3 checks + 1 new + 1 removed.
    const rows = lines.filter((line) => line.startsWith('| ')).slice(1);
    expect(rows).toHaveLength(8);
    expect(rows.every((row) => row.split(' | ').length === 8)).toBe(true);
    expect(markdown).toMatch(
      /\| quality \| 0\.900 \| 0\.600 \| −30\.0 pt \| \[−[\d.]+ pt, −[\d.]+ pt\] \| ≥ −1\.0 pt \| ❌ \*\*REGRESSION\*\* \|/,
    );
    expect(markdown).toContain('| fresh | — |  |  |  |  |  | 🆕 new: not in the baseline |');
    expect(markdown).toContain('| retired | — |  |  |  |  |  | ➖ removed: only in the baseline |');
    expect(markdown).toContain(
      '- **Intervals:** paired by request id: the request-stream hashes match; 300 paired-bootstrap resamples (seed 0), 95% percentile intervals.',
    );
    expect(markdown).toContain(
      '- **Allowed:** cost/request ≤ +5.0%, quality ≥ −1.0 pt, p95 latency ≤ +10.0%.',
    );
  });

  it('escapes names that came from input', () => {
    expect(escapeMarkdown(hostile)).toBe('\\<script\\>alert("x")\\</script\\> \\| &amp; co');
    expect(markdown).toContain(`| **${escapeMarkdown(hostile)}** | cost/request |`);
    expect(markdown).not.toContain('<script>');
  });
});

describe('compare as JUnit XML', () => {
  const xml = renderCompareJUnit(comparison);

  it('is well-formed: one testsuite per strategy, one testcase per check, failures carry the message', () => {
    const root = parseXml(xml);
    expect(root.name).toBe('testsuites');
    expect(root.attributes).toMatchObject({ tests: '8', failures: '1', skipped: '2' });
    const suites = root.children;
    expect(suites.map((suite) => suite.attributes['name'])).toEqual(['cascade', hostile, 'fresh', 'retired']);
    const cascade = suites[0]!;
    const cases = cascade.children.filter((child) => child.name === 'testcase');
    expect(cases.map((entry) => entry.attributes['name'])).toEqual([
      'cost/request ≤ +5.0%',
      'quality ≥ −1.0 pt',
      'p95 latency ≤ +10.0%',
    ]);
    const failure = cases[1]!.children[0]!;
    expect(failure.name).toBe('failure');
    expect(failure.attributes['type']).toBe('regression');
    expect(failure.attributes['message']).toMatch(
      /^quality −30\.0 pt \[.*\] is worse than the tolerance \(≥ −1\.0 pt\) and the 95% interval excludes 0$/,
    );
    expect(cases[0]!.children).toEqual([]);
    // Input-derived names survive escaping and come back as the same text.
    expect(suites[1]!.children.find((child) => child.name === 'testcase')!.attributes['classname']).toBe(
      `routesim.compare.${hostile}`,
    );
    expect(suites[2]!.children[0]!.children[0]).toMatchObject({
      name: 'skipped',
      attributes: { message: 'fresh is new: not in the baseline run' },
    });
  });

  it('escapes every XML special character and drops characters XML forbids', () => {
    expect(escapeXml(`a<b>&"c"'\u0001`)).toBe('a&lt;b&gt;&amp;&quot;c&quot;&apos;');
    const tricky = renderJUnit('x', [
      {
        name: ']]></s>',
        cases: [{ name: '<&>', classname: 'c', failure: { message: '"\'\u0007', type: 't' } }],
      },
    ]);
    const root = parseXml(tricky);
    expect(root.children[0]!.attributes['name']).toBe(']]></s>');
    expect(root.children[0]!.children[0]!.children[0]!.text).toBe('"\'');
    expect(() => parseXml('<a><b></a></b>')).toThrow();
  });

  it('thresholds as JUnit: one testcase per threshold, failures with the reason', () => {
    const root = parseXml(
      renderThresholdsJUnit('Small & fast', [
        {
          key: 'latency{strategy:cascade}',
          expression: 'p(95) < 4000',
          actual: 3900,
          pass: true,
          reason: 'ok',
        },
        {
          key: 'quality{strategy:x}',
          expression: 'mean > 0.9',
          actual: 0.8,
          pass: false,
          reason: 'mean = 0.8 over 5 samples; breaks > 0.9',
        },
      ]),
    );
    const suite = root.children[0]!;
    expect(suite.attributes).toMatchObject({ name: 'Small & fast', tests: '2', failures: '1' });
    expect(suite.children[1]!.children[0]!.attributes['message']).toBe(
      'quality{strategy:x}: mean > 0.9 — mean = 0.8 over 5 samples; breaks > 0.9',
    );
  });
});

describe('compare --format and --out (in-process CLI)', () => {
  const baselineDir = writeRunDir(join(directory, 'baseline'), baseline);
  const currentDir = writeRunDir(join(directory, 'current'), current);
  const saved = process.env['GITHUB_STEP_SUMMARY'];
  afterEach(() => {
    if (saved === undefined) delete process.env['GITHUB_STEP_SUMMARY'];
    else process.env['GITHUB_STEP_SUMMARY'] = saved;
  });
  const run = async (...argv: string[]) => {
    let stdout = '';
    const status = await main(argv, {
      stdout: (text) => {
        stdout += text;
      },
      stderr: () => undefined,
    });
    return { status, stdout };
  };

  it('markdown is appended to $GITHUB_STEP_SUMMARY when set', async () => {
    const summary = join(directory, 'step-summary.md');
    writeFileSync(summary, '# earlier step\n');
    process.env['GITHUB_STEP_SUMMARY'] = summary;
    const result = await run('compare', currentDir, '--baseline', baselineDir, '--format', 'markdown');
    expect(result.status).toBe(99);
    expect(result.stdout.startsWith('## ❌ routesim compare: 1 regression: cascade (quality)')).toBe(true);
    expect(readFileSync(summary, 'utf8')).toBe(`# earlier step\n${result.stdout}\n`);
  });

  it('--out writes the chosen format to the file and the text table to stdout', async () => {
    delete process.env['GITHUB_STEP_SUMMARY'];
    const out = join(directory, 'nested', 'compare.junit.xml');
    const result = await run(
      'compare',
      currentDir,
      '--baseline',
      baselineDir,
      '--format',
      'junit',
      '--out',
      out,
    );
    expect(result.status).toBe(99);
    expect(result.stdout).toContain('routesim compare: ✖ 1 regression: cascade (quality)');
    expect(parseXml(readFileSync(out, 'utf8')).attributes['failures']).toBe('1');
  });
});
