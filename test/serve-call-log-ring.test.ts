/**
 * The call log behind `GET /_routesim/calls` is a ring: it keeps the last `capacity` calls, so a
 * server under sustained load keeps a bounded log, while `seq` keeps counting so a reader paging
 * with `since` can tell what it missed; clearing it empties the ring, not the count.
 */
import { describe, expect, it } from 'vitest';
import { instantClock } from '../src/mock/clock.ts';
import type { CallRecord } from '../src/mock/context.ts';
import { createCallLog } from '../src/mock/control/call-log.ts';

const record = (startMs: number): CallRecord => ({
  provider: 'openai',
  model: 'gpt-4o-mini',
  requestIndex: undefined,
  attempt: 0,
  startMs,
  status: 200,
  stream: false,
});

describe('call log ring', () => {
  it('keeps the last calls, pages by seq, and clears without resetting the count', () => {
    const log = createCallLog(instantClock(), 3);
    for (let index = 0; index < 5; index++) log.add(record(index * 1000), null);
    expect(log.total).toBe(5);
    expect(log.since(0).map((entry) => entry.seq)).toEqual([3, 4, 5]);
    expect(log.since(4).map((entry) => entry.seq)).toEqual([5]);
    expect(log.since(0)[0]).toMatchObject({
      time: '2025-01-01T00:00:02.000Z',
      virtualMs: 2000,
      latencyMs: null,
    });
    log.clear();
    expect(log.since(0)).toEqual([]);
    log.add(record(6000), 'forced:429');
    expect(log.since(0).map((entry) => [entry.seq, entry.fault])).toEqual([[6, 'forced:429']]);
  });
});
