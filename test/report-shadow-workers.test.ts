/**
 * Shadow counts through `simulate`, in-process and on two worker threads: the same counts (and
 * byte-identical results.json and report.html) either way, the sample the keyed draw says, every
 * sampled request accounted for, and the counts in results.json, summary.md and report.html.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShadowMetrics, StrategyMetrics } from '../src/metrics/types.ts';
import { inShadowSample } from '../src/strategies/shadow.ts';
import { simulateToDirectory } from './simulate-support.ts';

const SEED = 7;
/** Five minutes at 2 requests/s with a one-minute openai outage: some shadow calls fail. */
const SCENARIO = `version: 1
name: Shadow through workers
seed: ${SEED}
duration: 5m
window: 1m
traffic:
  arrival: { process: poisson, rate: 2, timeUnit: 1s }
  mix:
    - { domain: factual-qa, weight: 1 }
    - { domain: code, weight: 1 }
providers:
  openai:
    models: [gpt-4o-mini, gpt-4o]
    faults:
      - { kind: error, start: 2m, duration: 1m, status: 503 }
  anthropic:
    models: [claude-haiku-4-5-20251001, claude-sonnet-4-20250514]
reference: always-strongest
strategies:
  - always-strongest
  - { name: rules, options: { shadow: { share: 0.2 } } }
  - { name: domain, options: { shadow: { share: 0.3, reference: gpt-4o } } }
`;

const directory = mkdtempSync(join(tmpdir(), 'routesim-shadow-'));
const scenarioPath = join(directory, 'shadow.yaml');
const read = (run: string, file: string) => readFileSync(join(directory, run, file), 'utf8');
const shadowed = (run: string) =>
  (JSON.parse(read(run, 'results.json')).strategies as StrategyMetrics[]).filter(
    (strategy) => strategy.shadow !== undefined,
  );

beforeAll(async () => {
  writeFileSync(scenarioPath, SCENARIO);
  for (const [run, workers] of [
    ['one', 1],
    ['two', 2],
  ] as const) {
    await simulateToDirectory({
      scenarioPath,
      outDir: join(directory, run),
      workers,
      wallClock: () => performance.now(),
    });
  }
}, 120_000);
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('shadow evaluation through simulate', () => {
  it('gives the same counts and bytes on one thread and on two workers', () => {
    expect(shadowed('two').map((strategy) => strategy.shadow)).toEqual(
      shadowed('one').map((strategy) => strategy.shadow),
    );
    expect(read('two', 'results.json')).toBe(read('one', 'results.json'));
    expect(read('two', 'report.html')).toBe(read('one', 'report.html'));
  });

  it('samples the keyed share and accounts for every sampled request', () => {
    const results = JSON.parse(read('one', 'results.json'));
    const requests = results.requestCount as number;
    const byName = new Map(shadowed('one').map((strategy) => [strategy.name, strategy.shadow!]));
    // Only the scenario strategies asked for it (no sweep point or single model here has it).
    expect([...byName.keys()]).toEqual(['rules', 'domain']);
    const expected: [string, number, string][] = [
      ['rules', 0.2, 'claude-sonnet-4-20250514'],
      ['domain', 0.3, 'gpt-4o'],
    ];
    for (const [name, share, reference] of expected) {
      const shadow = byName.get(name) as ShadowMetrics;
      let inSample = 0;
      for (let index = 0; index < requests; index++) if (inShadowSample(SEED, index, share)) inSample++;
      expect(shadow).toMatchObject({ reference, share, sampled: inSample });
      expect(shadow.compared + shadow.routedFailed + shadow.referenceFailed).toBe(shadow.sampled);
      expect(shadow.disagreed).toBeGreaterThan(0);
      expect(shadow.disagreementRate).toBeCloseTo(shadow.disagreed / shadow.compared, 5);
      const interval = shadow.disagreementInterval!;
      expect(interval.low).toBeLessThan(shadow.disagreementRate!);
      expect(interval.high).toBeGreaterThan(shadow.disagreementRate!);
    }
    // gpt-4o is down for a minute: some shadow calls to it fail.
    expect(byName.get('domain')!.referenceFailed).toBeGreaterThan(0);
  });

  it('shows the counts in summary.md and report.html', () => {
    const [rules] = shadowed('one');
    const shadow = rules!.shadow!;
    const summary = read('one', 'summary.md');
    expect(summary).toContain(
      `shadow evaluation of rules: ${shadow.sampled} requests (20.0% sample) re-sent to claude-sonnet-4-20250514; ${shadow.disagreed} of ${shadow.compared} compared answers disagreed`,
    );
    const page = read('one', 'report.html');
    expect(page).toContain('<h3 id="shadow">Shadow evaluation: silent routing errors</h3>');
    const row = page
      .split('<th scope="row">rules</th><td>claude-sonnet-4-20250514</td>')[1]
      ?.split('</tr>')[0];
    expect(row).toBeDefined();
    const cells = [...(row ?? '').matchAll(/<td class="num">([^<]*)<\/td>/g)].map((match) => match[1]);
    expect(cells.slice(0, 4)).toEqual([
      '20.0%',
      String(shadow.sampled),
      String(shadow.compared),
      String(shadow.disagreed),
    ]);
  });

  it('puts the counts in summary.csv for shadowed strategies only, in six columns before the usage ones', () => {
    const [header, ...rows] = read('one', 'summary.csv').trimEnd().split('\n');
    const columns = header?.split(',') ?? [];
    const at = columns.indexOf('shadow_sampled');
    expect(columns[at + 6]).toBe('prompt_tokens');
    expect(columns.slice(at, at + 6)).toEqual([
      'shadow_sampled',
      'shadow_compared',
      'shadow_disagreed',
      'shadow_disagreement_rate',
      'shadow_disagreement_low',
      'shadow_disagreement_high',
    ]);
    const cellsOf = (name: string) => rows.find((row) => row.startsWith(`${name},`))?.split(',') ?? [];
    const [rules] = shadowed('one');
    const shadow = rules!.shadow!;
    const cells = cellsOf('rules').slice(at, at + 6);
    expect(cells.slice(0, 3)).toEqual([
      String(shadow.sampled),
      String(shadow.compared),
      String(shadow.disagreed),
    ]);
    expect(Number(cells[3])).toBeCloseTo(shadow.disagreed / shadow.compared, 5);
    expect(Number(cells[4])).toBeLessThan(Number(cells[3]));
    expect(Number(cells[5])).toBeGreaterThan(Number(cells[3]));
    expect(cellsOf('always-strongest').slice(at, at + 6)).toEqual(['', '', '', '', '', '']);
  });
});
