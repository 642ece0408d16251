/**
 * The fault schedule `serve` gives its world (world/fault-schedule.ts): scheduled windows,
 * repeated every loop period with --loop and not after the scenario without it; windows
 * injected at run time win over scheduled ones, end on time, and clear by id or all at once.
 */
import { describe, expect, it } from 'vitest';
import type { FaultWindow } from '../src/contracts/index.ts';
import { createFaultSchedule } from '../src/world/fault-schedule.ts';

const outage: FaultWindow = {
  kind: 'error',
  provider: 'openai',
  startMs: 10_000,
  endMs: 20_000,
  status: 503,
};

describe('fault schedule', () => {
  it('without a loop, the schedule ends with the scenario', () => {
    const schedule = createFaultSchedule([outage]);
    expect(schedule.active('openai', 'gpt-4o-mini', 15_000)).toEqual([outage]);
    expect(schedule.active('openai', 'gpt-4o-mini', 75_000)).toEqual([]);
  });

  it('with a loop of the scenario’s duration, the outage comes back every period', () => {
    const schedule = createFaultSchedule([outage], { loopMs: 60_000 });
    expect(schedule.active('openai', 'gpt-4o-mini', 75_000)).toEqual([outage]);
    expect(schedule.active('openai', 'gpt-4o-mini', 125_000)).toEqual([]);
    expect(schedule.active('openai', 'gpt-4o-mini', 130_000)).toEqual([outage]);
    schedule.setLoop(undefined);
    expect(schedule.active('openai', 'gpt-4o-mini', 135_000)).toEqual([]);
  });

  it('injected windows come first, cover their model only, end on time and clear by id', () => {
    const schedule = createFaultSchedule([outage]);
    const limited = schedule.inject({
      kind: 'rate_limit',
      provider: 'openai',
      model: 'gpt-4o-mini',
      startMs: 12_000,
      endMs: 14_000,
      retryAfterMs: 500,
    });
    const slow = schedule.inject({
      kind: 'slow',
      provider: 'openai',
      startMs: 12_000,
      endMs: Number.POSITIVE_INFINITY,
    });
    expect(schedule.active('openai', 'gpt-4o-mini', 13_000).map((window) => window.kind)).toEqual([
      'rate_limit',
      'slow',
      'error',
    ]);
    expect(schedule.active('openai', 'gpt-4o', 13_000).map((window) => window.kind)).toEqual([
      'slow',
      'error',
    ]);
    expect(schedule.active('openai', 'gpt-4o-mini', 14_000).map((window) => window.kind)).toEqual([
      'slow',
      'error',
    ]);
    expect(schedule.injected().map((window) => window.id)).toEqual([slow.id]);
    expect(limited.id).not.toBe(slow.id);
    expect(schedule.clear(slow.id)).toBe(1);
    expect(schedule.clear()).toBe(0);
    expect(schedule.active('openai', 'gpt-4o-mini', 30_000)).toEqual([]);
  });
});
