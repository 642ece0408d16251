/**
 * Progress on stderr: off a terminal (a CI log) whole lines at the start, every few seconds of
 * wall time and at the end; on a terminal one redrawn line whose count reaches the whole plan
 * and which is cleared before the summary. Wall time is injected (a fake clock), never read.
 */
import { describe, expect, it } from 'vitest';
import { LOG_EVERY_MS, type ProgressMode, progressReporter } from '../src/report/progress-reporter.ts';
import type { RunProgress, RunStartContext, UnitEnd } from '../src/run/reporter.ts';

function drive(mode: ProgressMode) {
  let now = 0;
  let output = '';
  const reporter = progressReporter((text) => {
    output += text;
  }, mode);
  const units = [{ label: 'always-cheapest' }, { label: 'cascade' }, { label: 'learned' }];
  reporter.onRunStart?.({
    scenario: { name: 'Small day' },
    units,
    requestCount: 1000,
    wallClock: () => now,
  } as unknown as RunStartContext);
  const at = (unitIndex: number, requestsDone: number): RunProgress => ({
    unitIndex,
    unitCount: 3,
    label: units[unitIndex]!.label,
    virtualMs: 3_600_000,
    durationMs: 7_200_000,
    requestsDone,
    requestsTotal: 3000,
  });
  // Unit 1 runs for 12 s of wall time, reporting every second; units 2 and 3 end 0.1 s apart,
  // the last between two progress updates (the case that used to stop at [2/3]).
  for (let second = 1; second <= 12; second++) {
    now = second * 1000;
    reporter.onProgress?.(at(0, second * 80));
  }
  reporter.onUnitEnd?.({ index: 0 } as UnitEnd);
  now += 100;
  reporter.onProgress?.(at(2, 2_900));
  reporter.onUnitEnd?.({ index: 1 } as UnitEnd);
  reporter.onUnitEnd?.({ index: 2 } as UnitEnd);
  now = 14_000;
  reporter.onRunEnd?.({} as never);
  return output;
}

describe('progress reporter', () => {
  it('off a terminal: plain lines at the start, every few seconds and at the end', () => {
    const lines = drive('lines')
      .split('\n')
      .filter((line) => line !== '');
    expect(LOG_EVERY_MS).toBe(5_000);
    expect(lines).toEqual([
      'routesim: 3 units × 1,000 requests: Small day',
      'routesim: [1/3] always-cheapest · virtual 01:00 of 02:00 · 400/3,000 requests · ETA 33s',
      'routesim: [1/3] always-cheapest · virtual 01:00 of 02:00 · 800/3,000 requests · ETA 28s',
      'routesim: [3/3] done · 3,000 requests · 14s',
    ]);
    expect(drive('lines')).not.toContain('\x1b');
  });

  it('on a terminal: redrawn in place, the count reaches the whole plan, cleared at the end', () => {
    const output = drive('terminal');
    const draws = output.split('\r\x1b[K').filter((draw) => draw !== '');
    expect(draws.at(-1)).toBe('[3/3] learned · virtual 01:00 of 02:00 · 3,000/3,000 requests · ETA 0s');
    expect(output.endsWith('\r\x1b[K')).toBe(true);
    expect(output).not.toContain('\n');
  });
});
