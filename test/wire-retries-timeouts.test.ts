/**
 * Unmodified SDK routers on the wire engine: the client's own retries of 429s (after
 * retry-after) and of hung calls (after its timeout), in virtual time. Every request
 * finishes — the naive fake-timers setup left 9 of 300 hanging — and each run repeats
 * exactly (the client's backoff jitter is a keyed draw).
 */
import { describe, expect, it } from 'vitest';
import type { DecisionRecord } from '../src/engine/types.ts';
import { buildStrategy } from '../src/strategies/registry.ts';
import { loadStrategyModule } from '../src/strategies/user-module.ts';
import { repoPath, runWire, scenarioRigWithModules } from './wire-support.ts';

const rig = await scenarioRigWithModules('test/fixtures/wire/storm.yaml', 600);
const retries = rig.strategies.find((strategy) => strategy.name === 'openai-retries')!;

function countBy(records: readonly DecisionRecord[], key: (record: DecisionRecord) => string) {
  const counts: Record<string, number> = {};
  for (const record of records) counts[key(record)] = (counts[key(record)] ?? 0) + 1;
  return counts;
}

describe('openai-retries-router.ts (client retries only, maxRetries 3) through a 429 storm and hangs', () => {
  it('finishes every request, retries on the wire, and repeats exactly', async () => {
    let intercepted = 0;
    const first = await runWire(rig, retries.build(), { onIntercepted: () => intercepted++ });
    expect(first.decisions.map((record) => record.requestIndex).sort((a, b) => a - b)).toEqual(
      Array.from({ length: rig.stream.count }, (_, index) => index),
    );
    // The storm hits gpt-4o for 40 s at ~2 requests/s: the client's retries add requests.
    expect(intercepted).toBeGreaterThan(rig.stream.count + 40);
    // Each retry is a row; a 429 row is followed by a retry ≥ 1.5 s (the retry-after) later.
    const retried = first.decisions.filter((record) => record.attempts[0]?.result === 'rate_limit');
    expect(retried.length).toBeGreaterThan(20);
    for (const record of retried) {
      const [failed, next] = record.attempts;
      if (next !== undefined) expect(next.startMs - failed!.endMs).toBeGreaterThanOrEqual(1500);
    }
    expect(countBy(first.decisions, (record) => record.status)['answered']).toBeGreaterThan(400);

    const second = await runWire(rig, retries.build());
    expect(JSON.stringify(second.decisions)).toBe(JSON.stringify(first.decisions));
  });
});

describe('timers, Date, performance.now and Math.random inside a wire route', () => {
  it('follow the simulation clock and keyed draws', async () => {
    const module = repoPath('test/fixtures/user-strategy/own-timers.ts');
    await loadStrategyModule(module, 'test', ['module']);
    const build = () => buildStrategy({ name: 'own-timers', module, options: {} }, rig.context);
    const small = {
      ...rig,
      stream: { ...rig.stream, count: 40, arrivals: rig.stream.arrivals.subarray(0, 40) },
    };
    const realBefore = Date.now();
    const { decisions } = await runWire(small, build());
    expect(decisions).toHaveLength(40);
    const seen = decisions.map((record) => JSON.parse(record.reason) as Record<string, number>);
    for (const [index, record] of decisions.entries()) {
      const view = seen[index]!;
      expect(view['perfWaited']).toBeGreaterThanOrEqual(2500);
      expect(view['perfAtStart']).toBe(record.arrivalMs);
      // Date is whole ms from 2025-01-01T00:00:00Z + virtual time.
      expect(view['dateAtStart']).toBe(Date.UTC(2025, 0, 1) + Math.floor(record.arrivalMs));
      expect(record.latencyMs).toBeGreaterThan(2500);
      expect(record.attempts[0]!.startMs).toBe(record.arrivalMs + 2500);
    }
    // Outside the run the globals are real again.
    expect(Date.now()).toBeGreaterThanOrEqual(realBefore);
    expect(setTimeout.name).not.toBe('');
    const again = await runWire(small, build());
    expect(again.decisions.map((record) => record.reason)).toEqual(decisions.map((record) => record.reason));
    expect(new Set(seen.map((view) => view['draw'])).size).toBe(40);
  });
});
