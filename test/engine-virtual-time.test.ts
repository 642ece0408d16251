import { describe, expect, it } from 'vitest';
import { runUnit } from '../src/engine/run-unit.ts';
import type { Strategy } from '../src/strategies/types.ts';
import { always, fakeStream, scriptedWorld, TEST_MODELS } from './engine-support.ts';

const at = (world: {
  inputs: { requestIndex: number | undefined; model: string; startMs: number; attempt: number }[];
}) => world.inputs.map((input) => [input.requestIndex, input.model, input.startMs, input.attempt]);

describe('virtual time', () => {
  it('starts every request at its arrival, whatever is still in flight (open loop)', async () => {
    // Request 0 takes 1,000 ms; requests 1 and 2 arrive at 100 and 200 and must not wait for it.
    const world = scriptedWorld((input) => ({ ok: true, latencyMs: input.requestIndex === 0 ? 1000 : 50 }));
    const run = await runUnit({
      stream: fakeStream([0, 100, 200]),
      world,
      strategy: always('mid'),
      models: TEST_MODELS,
    });
    expect(at(world)).toEqual([
      [0, 'mid', 0, 0],
      [1, 'mid', 100, 0],
      [2, 'mid', 200, 0],
    ]);
    expect([...run.columns.latency]).toEqual([1000, 50, 50]);
    // ttft = call start + ttft (min(latency, 100) in the fake) − arrival.
    expect([...run.columns.ttft]).toEqual([100, 50, 50]);
    expect([...run.columns.model]).toEqual([1, 1, 1]);
  });

  it('runs two concurrent calls of one request and finishes when both are back', async () => {
    const world = scriptedWorld((input) => ({ ok: true, latencyMs: input.model === 'cheap' ? 300 : 200 }));
    const strategy: Strategy = {
      name: 'both',
      family: 'custom',
      async route(_request, context) {
        const [cheap, mid] = await Promise.all([context.call('cheap'), context.call('mid')]);
        return { responseId: cheap.ok && mid.ok ? mid.responseId : undefined, reason: 'both' };
      },
    };
    const run = await runUnit({ stream: fakeStream([40]), world, strategy, models: TEST_MODELS });
    expect(at(world)).toEqual([
      [0, 'cheap', 40, 0],
      [0, 'mid', 40, 0],
    ]);
    expect(run.columns.latency[0]).toBe(300);
    expect(run.columns.cost[0]).toBeCloseTo(0.002, 12);
    expect(run.columns.model[0]).toBe(1);
  });

  it('admits calls of one instant in (request index, attempt) order, not in the order they were made', async () => {
    // At t = 15: request 0's first call returns, request 1's sleep ends, request 2 arrives.
    // Request 2's route starts synchronously, so its call is made first; 0 and 1 resume after.
    const world = scriptedWorld((input) => ({ ok: true, latencyMs: input.startMs === 0 ? 15 : 100 }));
    const strategy: Strategy = {
      name: 'ordering',
      family: 'custom',
      async route(request, context) {
        if (request.index === 0) {
          await context.call('x');
          const [x, y] = await Promise.all([context.call('x'), context.call('y')]);
          return { responseId: x.ok && y.ok ? x.responseId : undefined, reason: '' };
        }
        if (request.index === 1) await context.sleep(5);
        const outcome = await context.call('x');
        return { responseId: outcome.ok ? outcome.responseId : undefined, reason: '' };
      },
    };
    await runUnit({ stream: fakeStream([0, 10, 15]), world, strategy, models: TEST_MODELS });
    expect(at(world)).toEqual([
      [0, 'x', 0, 0],
      [0, 'y', 15, 0],
      [0, 'x', 15, 1],
      [1, 'x', 15, 0],
      [2, 'x', 15, 0],
    ]);
  });

  it('lands a retry after a 429 exactly retry-after later', async () => {
    // Arrival 1,000; 429 at once with retry-after 1,574 ms → retry starts at 2,574, answers
    // 200 ms later at 2,774: latency 1,774 ms.
    const world = scriptedWorld((_input, n) =>
      n === 0 ? { ok: false, kind: 'rate_limit', retryAfterMs: 1574 } : { ok: true, latencyMs: 200 },
    );
    const strategy: Strategy = {
      name: 'retrying',
      family: 'custom',
      async route(_request, context) {
        let outcome = await context.call('mid');
        if (!outcome.ok && outcome.retryAfterMs !== undefined) {
          await context.sleep(outcome.retryAfterMs);
          outcome = await context.call('mid', { purpose: 'retry' });
        }
        return { responseId: outcome.ok ? outcome.responseId : undefined, reason: '' };
      },
    };
    const run = await runUnit({ stream: fakeStream([1000]), world, strategy, models: TEST_MODELS });
    expect(at(world)).toEqual([
      [0, 'mid', 1000, 0],
      [0, 'mid', 2574, 1],
    ]);
    expect(run.columns.latency[0]).toBe(1774);
    expect(run.columns.flags[0]).toBe(0);
  });

  it('turns a hang into a client timeout at start + timeout', async () => {
    const world = scriptedWorld(() => ({ hang: true }));
    const seen: number[] = [];
    const strategy: Strategy = {
      name: 'patient',
      family: 'custom',
      async route(request, context) {
        const outcome = await context.call('mid', request.index === 0 ? { timeoutMs: 2500 } : {});
        seen.push(context.now());
        expect(outcome).toMatchObject({ ok: false, kind: 'timeout', status: 0 });
        return { responseId: undefined, reason: 'gave up' };
      },
    };
    const records: { status: string; latencyMs: number; attempts: { endMs: number }[] }[] = [];
    const run = await runUnit({
      stream: fakeStream([100, 200]),
      world,
      strategy,
      models: TEST_MODELS,
      clientTimeoutMs: 4000,
      onDecision: (record) => records.push(record),
    });
    // Request 0: its own 2,500 ms timeout from 100; request 1: the run's 4,000 ms from 200.
    expect(seen).toEqual([2600, 4200]);
    expect(records.map((record) => [record.status, record.latencyMs, record.attempts[0]?.endMs])).toEqual([
      ['timeout', 2500, 2600],
      ['timeout', 4000, 4200],
    ]);
    expect(Number.isNaN(run.columns.latency[0])).toBe(true);
    expect(run.columns.model[0]).toBe(255);
  });

  it('times out an answer slower than the client timeout, and still bills it', async () => {
    const world = scriptedWorld(() => ({ ok: true, latencyMs: 9000, costUsd: 0.25 }));
    const run = await runUnit({
      stream: fakeStream([0]),
      world,
      strategy: always('mid'),
      models: TEST_MODELS,
      clientTimeoutMs: 5000,
    });
    expect(run.columns.status[0]).toBe(3); // timeout
    expect(run.columns.cost[0]).toBe(0.25);
  });

  it('hedges: a second call after a virtual delay, the first answer wins', async () => {
    // strong answers after 5,000 ms; the hedge fires at 1,000 and mid answers 500 ms later.
    const world = scriptedWorld((input) => ({ ok: true, latencyMs: input.model === 'strong' ? 5000 : 500 }));
    const strategy: Strategy = {
      name: 'hedger',
      family: 'availability',
      async route(_request, context) {
        const primary = context.call('strong');
        const first = await Promise.race([primary, context.sleep(1000).then(() => undefined)]);
        const outcome = first ?? (await Promise.race([primary, context.call('mid', { purpose: 'hedge' })]));
        return { responseId: outcome.ok ? outcome.responseId : undefined, reason: '' };
      },
    };
    const run = await runUnit({
      stream: fakeStream([0]),
      world,
      strategy,
      models: TEST_MODELS,
      strongModel: 'strong',
    });
    expect(at(world)).toEqual([
      [0, 'strong', 0, 0],
      [0, 'mid', 1000, 0],
    ]);
    expect(run.columns.latency[0]).toBe(1500);
    expect(run.columns.model[0]).toBe(1);
    expect(run.columns.cost[0]).toBeCloseTo(0.002, 12);
    expect(run.columns.flags[0]).toBe(4 | 8); // strongCalled | hedged
  });
});
