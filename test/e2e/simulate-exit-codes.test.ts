import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FAILING, routesim, SMALL, STACK_LINE } from './simulate-helpers.ts';

const directory = mkdtempSync(join(tmpdir(), 'routesim-simulate-exit-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('routesim simulate exit codes (real binary)', () => {
  it('exits 99 when a threshold fails, still writing every file; --seed, --strategies and --explore apply', () => {
    const out = join(directory, 'failing');
    const result = routesim(
      'simulate',
      FAILING,
      '--seed',
      '8',
      '--strategies',
      'always-cheapest',
      '--explore',
      '0.25',
      '--out',
      out,
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(99);
    expect(result.stdout).toContain('thresholds: 0 passed, 1 failed');
    expect(result.stdout).toMatch(/✖ quality\{strategy:always-cheapest\}: mean > 0\.999 — /);
    expect(readdirSync(out).sort()).toEqual([
      'columns.bin',
      'decisions.csv.gz',
      'explore.jsonl',
      'report.html',
      'results.json',
      'summary.csv',
      'summary.md',
      'timings.json',
    ]);
    const json = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(json.provenance.seed).toBe(8);
    expect(json.scenario.seed).toBe(8);
    // --strategies keeps the named one and the reference the savings are measured against.
    const scenarioRuns = json.strategies.filter((entry: { kind: string }) => entry.kind === 'strategy');
    expect(scenarioRuns.map((entry: { name: string }) => entry.name)).toEqual([
      'always-cheapest',
      'always-strongest',
    ]);
    expect(json.thresholds[0]).toMatchObject({ pass: false, key: 'quality{strategy:always-cheapest}' });
    // A quarter of the requests, each with all four candidates' outcomes.
    const rows = readFileSync(join(out, 'explore.jsonl'), 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(rows.length).toBeGreaterThan(0.25 * json.requestCount - 5 * Math.sqrt(json.requestCount * 0.1875));
    expect(rows.length).toBeLessThan(0.25 * json.requestCount + 5 * Math.sqrt(json.requestCount * 0.1875));
    expect(Object.keys(rows[0].outcomes).sort()).toEqual([
      'claude-haiku-4-5-20251001',
      'claude-sonnet-4-20250514',
      'gpt-4o',
      'gpt-4o-mini',
    ]);
    expect(result.stdout).toContain(
      `explore.jsonl: every candidate's outcome on ${rows.length} requests (share 0.25)`,
    );
  });

  it.each([
    [['--seed', 'abc'], '--seed expects an integer ≥ 0, got "abc"'],
    [['--workers', '0'], '--workers expects an integer ≥ 1, got "0"'],
    [['--explore', '1.5'], '--explore expects a share in (0, 1], e.g. 0.1, got "1.5"'],
    [['--no-such-flag'], "unknown option '--no-such-flag'"],
  ])('exits 2 on a bad flag %j without a stack trace', (flags, message) => {
    const out = join(directory, 'never');
    const result = routesim('simulate', SMALL, '--out', out, ...flags);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toMatch(STACK_LINE);
    expect(existsSync(out)).toBe(false);
  });

  it('exits 2 on an unknown --strategies name, listing what the scenario runs', () => {
    const result = routesim(
      'simulate',
      SMALL,
      '--strategies',
      'cascade,smartest',
      '--out',
      join(directory, 'x'),
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      `${SMALL}: 1 problem\n` +
        '  ✖ --strategies names "smartest", which the scenario does not run; available: always-cheapest, always-strongest, random, oracle, rules, cascade, domain, availability, learned → at strategies (test/fixtures/simulate/small.yaml)\n',
    );
  });

  it('exits 2 naming a missing scenario file', () => {
    const result = routesim('simulate', 'scenarios/no-such.yaml');
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      'scenarios/no-such.yaml: 1 problem\n  ✖ cannot read the scenario file: no such file → at (root) (scenarios/no-such.yaml)\n',
    );
  });
});
