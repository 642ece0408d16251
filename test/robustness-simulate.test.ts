/**
 * The robustness verdict through `simulate` on test/fixtures/simulate/robustness.yaml (≈ 600
 * requests, a logprob cascade and a judge cascade): the moves that can change a strategy run and
 * the others are skipped with their reason; results.json is byte-identical on one thread and on
 * two workers; --no-robustness leaves the block out; the report and summary.md show the verdict.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RobustnessMetrics } from '../src/metrics/robustness-types.ts';
import { simulateToDirectory } from './simulate-support.ts';

const scenarioPath = 'test/fixtures/simulate/robustness.yaml';
const directory = mkdtempSync(join(tmpdir(), 'routesim-robustness-'));
const read = (run: string, file: string) => readFileSync(join(directory, run, file), 'utf8');
const robustnessOf = (run: string) =>
  (JSON.parse(read(run, 'results.json')) as { robustness?: RobustnessMetrics }).robustness;

beforeAll(async () => {
  const wallClock = () => performance.now();
  await simulateToDirectory({ scenarioPath, outDir: join(directory, 'one'), workers: 1, wallClock });
  await simulateToDirectory({ scenarioPath, outDir: join(directory, 'two'), workers: 2, wallClock });
  await simulateToDirectory({
    scenarioPath,
    outDir: join(directory, 'off'),
    workers: 1,
    robustness: false,
    wallClock,
  });
}, 240_000);
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('robustness through simulate', () => {
  it('runs every move that can change a strategy, re-running only the strategies it can change', () => {
    const robustness = robustnessOf('one') as RobustnessMetrics;
    expect(robustness.sides.map((side) => `${side.id}:${side.side}`)).toEqual([
      'latency:low',
      'latency:high',
      'logprob-auroc:low',
      'logprob-auroc:high',
      'judge-epsilon:low',
      'judge-epsilon:high',
    ]);
    expect(robustness.skipped.map((entry) => entry.id)).toEqual(['self-rated-auroc', 'reasoning-effort']);
    const rerun = (id: string) =>
      robustness.sides
        .find((side) => side.id === id)
        ?.rows.filter((row) => row.rerun)
        .map((row) => row.name);
    expect(rerun('latency')).toEqual([
      'always-cheapest',
      'always-strongest',
      'rules',
      'cascade',
      'cascade-judge',
    ]);
    expect(rerun('logprob-auroc')).toEqual(['cascade']);
    expect(rerun('judge-epsilon')).toEqual(['cascade-judge']);
    // A strategy a move cannot change keeps its base figures exactly.
    const logprobLow = robustness.sides.find((side) => side.id === 'logprob-auroc' && side.side === 'low');
    expect(logprobLow?.rows.find((row) => row.name === 'rules')).toEqual(
      robustness.base.rows.find((row) => row.name === 'rules'),
    );
    // A worse judge costs the judge cascade quality (ε 0.30 flips more verdicts than 0.10).
    const judge = (side: 'low' | 'high') =>
      robustness.sides
        .find((entry) => entry.id === 'judge-epsilon' && entry.side === side)
        ?.rows.find((row) => row.name === 'cascade-judge')?.quality ?? Number.NaN;
    expect(judge('high')).toBeLessThan(judge('low'));
    expect(robustness.holdCount).toBe(robustness.sides.filter((side) => side.holds).length);
  });

  it('is byte-identical on one thread and on two workers', () => {
    expect(read('two', 'results.json')).toBe(read('one', 'results.json'));
    expect(read('two', 'report.html')).toBe(read('one', 'report.html'));
  });

  it('is left out with robustness off, and shown in report.html and summary.md when on', () => {
    expect(robustnessOf('off')).toBeUndefined();
    expect(read('off', 'report.html')).not.toContain('Robustness of the verdict');
    const summary = (robustnessOf('one') as RobustnessMetrics).summary;
    expect(read('one', 'report.html')).toContain('Robustness of the verdict');
    expect(read('one', 'summary.md')).toContain(`robustness: ${summary}`);
  });
});
