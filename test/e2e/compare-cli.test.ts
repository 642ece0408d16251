import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseXml } from '../compare-helpers.ts';
import { root, routesim, SMALL, STACK_LINE } from './simulate-helpers.ts';

const directory = mkdtempSync(join(tmpdir(), 'routesim-compare-e2e-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const baseDir = join(directory, 'base');
const worseDir = join(directory, 'worse');
const junitFile = join(directory, 'thresholds.junit.xml');
/** The real CLI as a child process, without blocking (so two runs can overlap). */
function routesimAsync(...args: string[]): Promise<{ status: number | null; stderr: string }> {
  return new Promise((done) => {
    const child = spawn('node', ['src/cli/bin.ts', ...args], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'pipe'],
      // Node 24 from node_modules/.bin first, as simulate-helpers' routesim() does.
      env: {
        ...process.env,
        PATH: `${resolve(root, 'node_modules/.bin')}${delimiter}${process.env['PATH'] ?? ''}`,
      },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('close', (status) => done({ status, stderr }));
  });
}

beforeAll(async () => {
  // A worse strategy config: a cascade threshold of 0 never escalates, so every request stays on
  // the cheap model. Same traffic, so the request-stream hashes match and compare pairs by id.
  const source = readFileSync(resolve(root, SMALL), 'utf8');
  expect(source).toContain('threshold: 0.7');
  const worseScenario = join(directory, 'small-worse.yaml');
  writeFileSync(worseScenario, source.replace('threshold: 0.7', 'threshold: 0'));
  const only = ['--strategies', 'cascade,always-cheapest', '--quiet'];
  // Both runs at once: each is one process, and the machine has two cores.
  const [baseRun, worseRun] = await Promise.all([
    routesimAsync('simulate', SMALL, '--out', baseDir, '--junit', junitFile, ...only),
    routesimAsync('simulate', worseScenario, '--out', worseDir, ...only),
  ]);
  expect([baseRun, worseRun]).toEqual([
    { status: 0, stderr: '' },
    { status: 0, stderr: '' },
  ]);
}, 60_000);

describe('routesim compare on real runs (real binary)', () => {
  it('exits 99 naming the strategy whose config got worse; --out gets JUnit that parses back', () => {
    const out = join(directory, 'compare.junit.xml');
    const result = routesim('compare', worseDir, '--baseline', baseDir, '--format', 'junit', '--out', out);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(99);
    expect(result.stdout).toMatch(/✖ \d+ regressions?: cascade \(quality/);
    expect(result.stdout).toContain('paired by request id: the request-stream hashes match');
    // The unchanged strategies are compared on identical columns: no regression there.
    expect(result.stdout).not.toMatch(/always-(cheapest|strongest) \(/);
    const suites = parseXml(readFileSync(out, 'utf8')).children;
    const cascade = suites.find((suite) => suite.attributes['name'] === 'cascade')!;
    const failed = cascade.children.filter((child) =>
      child.children.some((inner) => inner.name === 'failure'),
    );
    expect(failed.map((child) => child.attributes['name'])).toContain('quality ≥ −1.0 pt');
  });

  it('exits 0 on the same run twice, every check "not significant"', () => {
    const result = routesim('compare', baseDir, '--baseline', baseDir, '--format', 'markdown');
    expect(result.stderr).not.toMatch(STACK_LINE);
    expect(result.status).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe(
      '## ✅ routesim compare: no regression in 3 compared strategies',
    );
    expect(result.stdout.match(/✅ ok \(not significant\)/g)).toHaveLength(9);
  });

  it('simulate writes summary.md, and thresholds as JUnit with --junit', () => {
    const summary = readFileSync(join(baseDir, 'summary.md'), 'utf8');
    expect(summary.split('\n')[0]).toBe('## ✅ routesim: Small e2e run — all 1 thresholds pass');
    expect(summary).toContain(
      '| strategy | cost/1k | savings | quality | Δ quality pts (95% CI) | p95 | answered |',
    );
    expect(summary).toMatch(/\n\| cascade \| \$\d/);
    expect(summary).toContain('- ✅ `answered{strategy:always-strongest}`: rate \\> 0.5');
    expect(existsSync(join(baseDir, 'thresholds.junit.xml'))).toBe(false);
    const suite = parseXml(readFileSync(junitFile, 'utf8')).children[0]!;
    expect(suite.attributes).toMatchObject({ name: 'Small e2e run', tests: '1', failures: '0' });
    expect(suite.children[0]!.attributes['name']).toBe('answered{strategy:always-strongest}: rate > 0.5');
  });
});
