/**
 * `routesim compare --block`: the block bootstrap of metrics.md on the compared runs. A change
 * concentrated in a few windows of virtual time (an outage) is far less certain than the same
 * number of changed requests spread evenly, and only resampling whole windows shows it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { compareRuns } from '../src/compare/compare.ts';
import { handRun, writeRunDir } from './compare-helpers.ts';
import { captureIo } from './support/cli-capture.ts';

// handRun: request i arrives at i × 100 ms, so 2 s windows hold 20 requests: 400 requests, 20 windows.
const n = 400;
const good = {
  cost: Array(n).fill(0.01),
  score: Array(n).fill(1),
  latency: Array.from({ length: n }, (_, index) => 100 + (index % 50)),
};
/** The first three windows (requests 0–59) all fail in the current run: −15 points on average. */
const clustered = { ...good, score: good.score.map((score, index) => (index < 60 ? 0 : score)) };

const qualityOf = (comparison: ReturnType<typeof compareRuns>) =>
  comparison.strategies[0]?.checks.find((check) => check.metric === 'quality')?.change;

describe('compare --block on hand-made runs', () => {
  const baseline = handRun({ router: good });
  const current = handRun({ router: clustered });

  it('widens the interval of a change concentrated in a few windows, with the same estimate', () => {
    const requests = qualityOf(compareRuns(baseline, current, { resamples: 1000, seed: 5 }));
    const windows = qualityOf(compareRuns(baseline, current, { resamples: 1000, seed: 5, blockMs: 2000 }));
    expect(requests?.estimate).toBeCloseTo(-15, 9);
    expect(windows?.estimate).toBeCloseTo(-15, 9);
    // By hand: requests, sd = 100·√(0.15·0.85/400) ≈ 1.79 points → 95% width ≈ 7 points;
    // windows (3 of 20 fully failed), sd = 100·√(0.15·0.85/20) ≈ 7.98 points → width ≈ 31 points.
    const requestsWidth = (requests?.high ?? 0) - (requests?.low ?? 0);
    const windowsWidth = (windows?.high ?? 0) - (windows?.low ?? 0);
    expect(requestsWidth).toBeGreaterThan(5);
    expect(requestsWidth).toBeLessThan(9);
    expect(windowsWidth).toBeGreaterThan(24);
    expect(windowsWidth).toBeLessThan(40);
  });

  it('leaves a change spread evenly over every window about as certain as the request bootstrap says', () => {
    // One failed request in every window: the windows carry no extra correlation.
    const spread = { ...good, score: good.score.map((score, index) => (index % 20 < 3 ? 0 : score)) };
    const run = handRun({ router: spread });
    const requests = qualityOf(compareRuns(baseline, run, { resamples: 1000, seed: 5 }));
    const windows = qualityOf(compareRuns(baseline, run, { resamples: 1000, seed: 5, blockMs: 2000 }));
    expect(windows?.estimate).toBeCloseTo(-15, 9);
    // Every window loses exactly 3 of 20: resampled windows always average −15, the interval is a point.
    expect(windows?.low).toBeCloseTo(-15, 9);
    expect(windows?.high).toBeCloseTo(-15, 9);
    expect((requests?.high ?? 0) - (requests?.low ?? 0)).toBeGreaterThan(5);
  });

  it('resamples each run on its own windows when the streams differ (unpaired)', () => {
    const other = handRun(
      { router: clustered },
      { hash: 'b'.repeat(64), ids: good.cost.map((_, i) => `x${i}`) },
    );
    const comparison = compareRuns(baseline, other, { resamples: 1000, seed: 5, blockMs: 2000 });
    expect(comparison.method).toBe('unpaired-bootstrap');
    expect(comparison.blockMs).toBe(2000);
    const quality = qualityOf(comparison);
    expect(quality?.estimate).toBeCloseTo(-15, 9);
    // A resample of the current run's windows misses all three failed ones with probability
    // (17/20)^20 ≈ 3.9% > 2.5%: the upper end reaches 0.
    expect(quality?.high).toBeCloseTo(0, 9);
    expect((quality?.high ?? 0) - (quality?.low ?? 0)).toBeGreaterThan(24);
  });
});

describe('routesim compare --block (CLI)', () => {
  const directory = mkdtempSync(join(tmpdir(), 'routesim-compare-block-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));
  const baselineDir = writeRunDir(join(directory, 'baseline'), handRun({ router: good }));
  const currentDir = writeRunDir(join(directory, 'current'), handRun({ router: clustered }));

  it('turns a regression seen request by request into "not significant" when it sits in three windows', async () => {
    const perRequest = captureIo();
    const args = ['compare', currentDir, '--baseline', baselineDir, '--resamples', '500'];
    expect(await main(args, perRequest.io)).toBe(99);
    const perWindow = captureIo();
    // (17/20)^20 ≈ 3.9% of window resamples miss all three failed windows: Δ = 0 is inside the interval.
    expect(await main([...args, '--block', '2s'], perWindow.io)).toBe(0);
    expect(perWindow.out.join('')).toContain(
      '500 paired-bootstrap resamples of whole 2s windows of virtual time (block bootstrap)',
    );
  });

  it('refuses a block that is not a positive duration with exit 2 and no stack', async () => {
    const captured = captureIo();
    const code = await main(['compare', currentDir, '--baseline', baselineDir, '--block', '0s'], captured.io);
    expect(code).toBe(2);
    expect(captured.err.join('')).toContain(
      '--block expects a positive duration like "15m" or "1h", got "0s"',
    );
    expect(captured.err.join('')).not.toContain('    at ');
  });
});
