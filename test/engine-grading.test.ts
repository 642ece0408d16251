import { describe, expect, it } from 'vitest';
import { StrategyStalledError } from '../src/engine/errors.ts';
import { runUnit } from '../src/engine/run-unit.ts';
import { type DecisionRecord, Flag, Status } from '../src/engine/types.ts';
import type { Strategy } from '../src/strategies/types.ts';
import { fakeStream, scriptedWorld, TEST_MODELS } from './engine-support.ts';

function strategyOf(route: Strategy['route']): Strategy {
  return { name: 'scripted', family: 'custom', route };
}

describe('grading and columns', () => {
  it('rejects another request’s response id, a judge verdict and an unknown id', async () => {
    // Request 0 stays in flight until 1,020 ms, so its answer x/0/0 is still in the ledger at 10.
    const world = scriptedWorld((input) =>
      input.requestIndex === 2 ? { ok: true, latencyMs: 5, judgeOf: 'x/0/0' } : { ok: true, latencyMs: 20 },
    );
    const strategy = strategyOf(async (request, context) => {
      const outcome = await context.call('x');
      if (request.index === 0) await context.sleep(1000);
      const own = outcome.ok ? outcome.responseId : undefined;
      const ids = [own, 'x/0/0', own, 'made-up'];
      return { responseId: ids[request.index], reason: 'picked' };
    });
    const records: DecisionRecord[] = [];
    const run = await runUnit({
      stream: fakeStream([0, 10, 20, 30]),
      world,
      strategy,
      models: TEST_MODELS,
      onDecision: (record) => records.push(record),
    });
    expect([...run.columns.status]).toEqual([Status.answered, Status.other, Status.other, Status.other]);
    // Records arrive as requests finish (request 0 last); sort them by request.
    records.sort((a, b) => a.requestIndex - b.requestIndex);
    expect(records.map((record) => record.reason)).toEqual([
      'picked',
      'picked; rejected: response id x/0/0 belongs to request 0, not request 1',
      "picked; rejected: response id x/2/0 is a judge's verdict on x/0/0, not an answer",
      'picked; rejected: response id made-up is not in the ledger',
    ]);
    expect([...run.columns.score]).toEqual([1, 0, 0, 0]);
    // Every request is released once graded, and nothing is left in the ledger.
    expect(world.released.sort()).toEqual([0, 1, 2, 3]);
    expect(world.ledger.size).toBe(0);
  });

  it('fails a request by the kind of its last attempt, and a throwing route as other', async () => {
    const world = scriptedWorld((input) =>
      input.model === 'x'
        ? { ok: false, kind: 'server_error', afterMs: 30 }
        : { ok: false, kind: 'rate_limit' },
    );
    const strategy = strategyOf(async (request, context) => {
      if (request.index === 1) throw new Error('boom in route');
      await context.call('x');
      await context.call('y', { purpose: 'fallback' });
      return { responseId: undefined, reason: 'all failed' };
    });
    const records: DecisionRecord[] = [];
    const run = await runUnit({
      stream: fakeStream([0, 5, 10]),
      world,
      strategy,
      models: TEST_MODELS,
      onDecision: (record) => records.push(record),
    });
    expect([...run.columns.status]).toEqual([Status.rateLimited, Status.other, Status.rateLimited]);
    records.sort((a, b) => a.requestIndex - b.requestIndex);
    expect(records[1]?.reason).toBe('boom in route');
    expect(
      records[0]?.attempts.map((attempt) => [attempt.model, attempt.result, attempt.startMs, attempt.endMs]),
    ).toEqual([
      ['x', 'server_error', 0, 30],
      ['y', 'rate_limit', 30, 30],
    ]);
    expect(run.columns.flags[0]).toBe(Flag.fallback);
  });

  it('sets the flags from call purposes and the strong model, and keeps shadow cost apart', async () => {
    const world = scriptedWorld((input) => ({
      ok: true,
      latencyMs: 10,
      costUsd: input.model === 'strong' ? 0.5 : 0.01,
    }));
    const strategy = strategyOf(async (request, context) => {
      const first = await context.call('cheap');
      if (request.index === 0) {
        const second = await context.call('strong', { purpose: 'escalation' });
        return { responseId: second.ok ? second.responseId : undefined, reason: '' };
      }
      void context.call('strong', { purpose: 'shadow' });
      return { responseId: first.ok ? first.responseId : undefined, reason: '' };
    });
    const run = await runUnit({
      stream: fakeStream([0, 100]),
      world,
      strategy,
      models: TEST_MODELS,
      strongModel: 'strong',
    });
    expect([...run.columns.flags]).toEqual([Flag.escalated | Flag.strongCalled, Flag.strongCalled]);
    expect(run.columns.cost[0]).toBeCloseTo(0.51, 12);
    expect(run.columns.cost[1]).toBeCloseTo(0.01, 12);
    expect(run.shadowCostUsd).toBeCloseTo(0.5, 12);
    expect([...run.columns.model]).toEqual([2, 0]);
    expect(run.name).toBe('scripted');
  });

  it('draws context.random() from keyed, per-request streams', async () => {
    const draws: number[][] = [];
    const strategy = strategyOf(async (request, context) => {
      draws[request.index] = [context.random(), context.random()];
      return { responseId: undefined, reason: '' };
    });
    await runUnit({
      stream: fakeStream([0, 1]),
      world: scriptedWorld(() => ({ hang: true })),
      strategy,
      models: TEST_MODELS,
    });
    const again: number[][] = [];
    const same = strategyOf(async (request, context) => {
      again[request.index] = [context.random(), context.random()];
      return { responseId: undefined, reason: '' };
    });
    await runUnit({
      stream: fakeStream([0, 1]),
      world: scriptedWorld(() => ({ hang: true })),
      strategy: same,
      models: TEST_MODELS,
    });
    expect(again).toEqual(draws);
    expect(new Set(draws.flat()).size).toBe(4);
  });
});

describe('a strategy that awaits what the engine does not control', () => {
  it('is reported with the strategy and request, not hung (real timer)', async () => {
    const strategy: Strategy = {
      name: 'sleepy',
      family: 'custom',
      async route(request, context) {
        if (request.index === 1) await new Promise((resolve) => setTimeout(resolve, 20));
        const outcome = await context.call('x');
        return { responseId: outcome.ok ? outcome.responseId : undefined, reason: '' };
      },
    };
    const world = scriptedWorld(() => ({ ok: true, latencyMs: 10 }));
    const run = runUnit({ stream: fakeStream([0, 5, 10]), world, strategy, models: TEST_MODELS });
    await expect(run).rejects.toThrow(StrategyStalledError);
    await expect(run).rejects.toThrow(/strategy "sleepy" stalled on request r1 \(index 1\)/);
  });

  it('is reported when the route awaits a promise that never settles after a call', async () => {
    const strategy: Strategy = {
      name: 'forever',
      family: 'custom',
      async route(_request, context) {
        await context.call('x');
        await new Promise(() => {});
        return { responseId: undefined, reason: '' };
      },
    };
    const world = scriptedWorld(() => ({ ok: true, latencyMs: 10 }));
    await expect(runUnit({ stream: fakeStream([0]), world, strategy, models: TEST_MODELS })).rejects.toThrow(
      /strategy "forever" stalled on request r0/,
    );
  });
});
