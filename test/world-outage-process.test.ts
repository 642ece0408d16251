import { describe, expect, it } from 'vitest';
import { outageProcess, resolveFaults } from '../src/world/faults.ts';
import { stringKey } from '../src/world/random.ts';
import { testCatalog } from './support/world-fixtures.ts';

const HOUR = 3_600_000;

describe('MTBF/MTTR outage process', () => {
  it('has mean up-time ≈ mtbf and mean down-time ≈ mttr over a long horizon', () => {
    const mtbfMs = HOUR;
    const mttrMs = 10 * 60_000;
    const durationMs = 20_000 * HOUR;
    const intervals = outageProcess({
      seed: 7,
      providerKey: stringKey('openai'),
      faultIndex: 0,
      mtbfMs,
      mttrMs,
      durationMs,
    });
    const ups: number[] = [];
    const downs: number[] = [];
    let previousEnd = 0;
    for (const [start, end] of intervals.slice(0, -1)) {
      ups.push(start - previousEnd);
      downs.push(end - start);
      previousEnd = end;
    }
    const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
    // ≈ 17,000 cycles: the standard error of an exponential mean is mean/√n ≈ 0.8 %; allow 4 %.
    expect(ups.length).toBeGreaterThan(15_000);
    expect(Math.abs(mean(ups) / mtbfMs - 1)).toBeLessThan(0.04);
    expect(Math.abs(mean(downs) / mttrMs - 1)).toBeLessThan(0.04);
    // Exponential: the standard deviation equals the mean.
    const sd = Math.sqrt(mean(downs.map((value) => (value - mttrMs) ** 2)));
    expect(Math.abs(sd / mttrMs - 1)).toBeLessThan(0.06);
    // Long-run unavailability mttr / (mtbf + mttr) = 1/7.
    const down = intervals.reduce((sum, [start, end]) => sum + (end - start), 0);
    expect(Math.abs(down / durationMs - 1 / 7)).toBeLessThan(0.01);
    for (const [start, end] of intervals) expect(end <= durationMs && start < end).toBe(true);
  });

  it('resolveFaults draws one process per (provider, fault), independent of other providers', () => {
    const fault = { kind: 'error' as const, mtbfMs: HOUR, mttrMs: 300_000 };
    const alone = resolveFaults({ openai: { faults: [fault] } }, testCatalog(), 3, 24 * HOUR);
    const together = resolveFaults(
      { anthropic: { faults: [fault] }, openai: { faults: [fault] } },
      testCatalog(),
      3,
      24 * HOUR,
    );
    expect(alone.length).toBeGreaterThan(5);
    expect(together.filter((window) => window.provider === 'openai')).toEqual(alone);
    const anthropic = together.filter((window) => window.provider === 'anthropic');
    expect(anthropic.map((window) => window.startMs)).not.toEqual(alone.map((window) => window.startMs));
    expect(anthropic.every((window) => window.status === 529)).toBe(true);
  });
});
