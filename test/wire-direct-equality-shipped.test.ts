/**
 * The wire engine and the direct engine give byte-identical decision logs for the built-in
 * strategies on shipped scenarios (product.md "Two ways to run a call"): clients with
 * maxRetries 0, keyed draws, admission in (time, request index, attempt) order, the clock
 * moving only when idle, whole-ms retry-after. Counted: every HTTP request msw intercepted
 * reached the world exactly once (intercepted = world calls) and is one attempt row of the
 * decision log; answered world calls are the rows carrying a response id plus answers the
 * client timed out on (billed timeout rows).
 */
import { describe, expect, it } from 'vitest';
import { buildStrategy } from '../src/strategies/registry.ts';
import type { EngineRun, Rig } from './wire-support.ts';
import { firstDifference, runDirect, runWire, scenarioRig } from './wire-support.ts';

async function compare(rig: Rig, name: string): Promise<{ direct: EngineRun; wire: EngineRun }> {
  const build = rig.strategies.find((strategy) => strategy.name === name)!.build;
  const direct = await runDirect(rig, build());
  let intercepted = 0;
  let worldCalls = 0;
  let answered = 0;
  const wire = await runWire(rig, build(), {
    onIntercepted: () => intercepted++,
    onWireCall: (event) => {
      worldCalls++;
      if (event.status === 200) answered++;
    },
  });
  expect(wire.decisions.length).toBe(rig.stream.count);
  expect(firstDifference(direct.decisions, wire.decisions)).toBeUndefined();
  expect(JSON.stringify(wire.decisions)).toBe(JSON.stringify(direct.decisions));
  const rows = wire.decisions.flatMap((record) => record.attempts);
  expect(intercepted).toBe(worldCalls);
  expect(worldCalls).toBe(rows.length);
  // An answer that ends after the client's timeout is served and billed but reaches the client
  // as a timeout: deepseek-chat at its measured 19.5 tok/s and 3.1 s TTFT does this to long answers.
  const timedOutAnswers = rows.filter((row) => row.result === 'timeout' && row.costUsd > 0).length;
  expect(answered).toBe(rows.filter((row) => row.responseId !== undefined).length + timedOutAnswers);
  // The columns behind every metric agree too (not only the log).
  expect(Array.from(wire.run.columns.cost)).toEqual(Array.from(direct.run.columns.cost));
  expect(Array.from(wire.run.columns.latency)).toEqual(Array.from(direct.run.columns.latency));
  expect(Array.from(wire.run.columns.status)).toEqual(Array.from(direct.run.columns.status));
  // Token, reasoning and cache totals: the same calls seen in the same order on both engines.
  // Usage counts every answer the world served and billed, the timed-out ones too.
  expect(direct.run.usage?.calls).toBe(
    rows.filter((row) => row.responseId !== undefined).length + timedOutAnswers,
  );
  expect(wire.run.usage).toEqual(direct.run.usage);
  return { direct, wire };
}

describe('wire = direct on test/fixtures/simulate/small.yaml (first 300 requests, a 503 outage at 4m)', () => {
  const rig = scenarioRig('test/fixtures/simulate/small.yaml', 300);
  for (const name of [
    'always-cheapest',
    'always-strongest',
    'random',
    'rules',
    'cascade',
    'domain',
    'availability',
    'learned',
  ]) {
    it(name, async () => {
      await compare(rig, name);
    });
  }
});

describe('wire = direct on scenarios/outage-drill.yaml (first 150 requests)', () => {
  const rig = scenarioRig('scenarios/outage-drill.yaml', 150);
  for (const name of ['always-cheapest', 'rules', 'cascade', 'availability']) {
    it(name, async () => {
      const { wire } = await compare(rig, name);
      expect(wire.decisions.some((record) => record.status === 'answered')).toBe(true);
    });
  }
});

describe('wire = direct on the default scenario, every candidate model (first 300 requests)', () => {
  // Every provider's price fields travel both paths: the direct engine bills from the world's
  // usage, the wire engine from the usage the client read off the wire. deepseek-chat (LiteLLM:
  // cache_creation_input_token_cost 0) once billed a cache miss at nothing on the direct path.
  const base = scenarioRig('scenarios/assistant-day.yaml', 300);
  const rig: Rig = {
    ...base,
    strategies: [
      ...base.strategies,
      ...base.models.map((model) => ({
        name: `always-${model.id}`,
        build: () => buildStrategy({ name: `always-${model.id}`, options: {} }, base.context),
      })),
    ],
  };
  for (const model of base.models) {
    it(`always-${model.id}`, async () => {
      const { direct } = await compare(rig, `always-${model.id}`);
      expect(direct.decisions.some((record) => record.costUsd > 0)).toBe(true);
      // One provider only: no cache hit can be lost to spreading.
      expect(direct.run.usage?.spreadMisses).toBe(0);
    });
  }
  it('domain (routes factual-qa to deepseek-chat)', async () => {
    const { direct } = await compare(rig, 'domain');
    expect(direct.run.usage?.cachedTokens).toBeGreaterThan(0);
  });
});
