/**
 * The naive baseline of bench/naive-fake-timers.bench.ts does what bench/README.md says it does,
 * on the first 40 requests of the default scenario:
 * - without faults every request is answered, at the virtual latency the direct engine gives the
 *   same call (always-cheapest), up to fake-timers' whole-ms truncation of each delay;
 * - with 429s retried by the client, it finishes every request on routesim's in-process mocks,
 *   and on msw's setupServer as-is the retried requests hang — which the loop's guard ends
 *   instead of hanging the test;
 * - that hang is msw's, not the fake clock's: with real timers, a retried 429 on setupServer as-is
 *   never settles either, while startInProcessMocks (which cancels msw's unread response copy) settles it.
 */
import { setupServer } from 'msw/node';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { loadPrefix, runNaive, stormScenario } from '../bench/naive-fake-timers-loop.ts';
import { runUnit } from '../src/engine/run-unit.ts';
import type { DecisionRecord } from '../src/engine/types.ts';
import { instantClock } from '../src/mock/clock.ts';
import { createProviderHandlers } from '../src/mock/handlers.ts';
import { startInProcessMocks } from '../src/mock/in-process.ts';
import { emptyDirectory } from '../src/mock/request-directory.ts';
import { buildStrategy } from '../src/strategies/registry.ts';
import { loadCatalog } from '../src/world/catalog.ts';
import { loadDomainParams } from '../src/world/domains.ts';
import { createWorld } from '../src/world/world.ts';
import { repoPath } from './wire-support.ts';

const REQUESTS = 40;
const prefix = loadPrefix(repoPath('scenarios/assistant-day.yaml'), REQUESTS);

describe('naive fake-timers loop (bench baseline)', () => {
  it('answers every request of the 429-free case at the direct engine’s latencies (± 2 ms)', async () => {
    const naive = await runNaive(prefix, prefix.scenario, 0);
    expect(naive.stoppedBy).toBe('done');
    expect(naive.answered).toBe(REQUESTS);
    expect(naive.unfinished).toBe(0);
    expect(naive.calls).toBe(REQUESTS);

    const decisions: DecisionRecord[] = [];
    await runUnit({
      stream: prefix.stream,
      world: prefix.world(prefix.scenario),
      strategy: buildStrategy(
        { name: 'always-cheapest', options: {} },
        { models: prefix.models, seed: 0, baseDir: '.' },
      ),
      models: prefix.models,
      onDecision: (record) => decisions.push(record),
    });
    expect(decisions.every((record) => record.model === prefix.model)).toBe(true);
    for (const record of decisions) {
      // Two fake timers per request (arrival, answer), each delay truncated to whole ms.
      expect(Math.abs(naive.latencyMs[record.requestIndex]! - record.latencyMs)).toBeLessThanOrEqual(2);
    }
  });

  it('finishes every retried 429 on startInProcessMocks; on bare setupServer the guard ends the hang', async () => {
    const storm = stormScenario(prefix);
    const routesim = await runNaive(prefix, storm, 2);
    expect(routesim.rateLimited).toBeGreaterThan(0);
    expect(routesim.calls).toBeGreaterThan(REQUESTS); // the client did retry
    expect(routesim.unfinished).toBe(0);
    expect(routesim.stoppedBy).toBe('done');

    const bare = await runNaive(prefix, storm, 2, { idleIterations: 200 }, { mocks: 'setupServer' });
    expect(bare.stoppedBy).toBe('no timer left');
    // Every request whose first call was a 429 never got its retry out.
    expect(bare.unfinished).toBe(bare.rateLimited);
    expect(bare.unfinished).toBeGreaterThan(0);
    expect(bare.calls).toBe(REQUESTS);
  });

  it('the hang is msw’s: with real timers a retried 429 settles on startInProcessMocks only', async () => {
    const settles = async (mocks: 'startInProcessMocks' | 'setupServer'): Promise<boolean> => {
      const world = createWorld({
        seed: 1,
        catalog: loadCatalog(),
        domains: loadDomainParams(),
        hidden: () => undefined,
        faults: [
          {
            kind: 'rate_limit',
            provider: 'openai',
            model: 'gpt-4o-mini',
            startMs: 0,
            endMs: 10,
            retryAfterMs: 20,
          },
        ],
      });
      const options = { world, clock: instantClock(), directory: emptyDirectory };
      const server = mocks === 'setupServer' ? setupServer(...createProviderHandlers(options)) : undefined;
      server?.listen({ onUnhandledRequest: 'error' });
      const started = server === undefined ? startInProcessMocks(options) : undefined;
      try {
        const client = new OpenAI({
          apiKey: 'test',
          baseURL: world.catalog.providers['openai']!.baseUrl,
          maxRetries: 1,
        });
        const call = client.chat.completions
          .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], max_tokens: 8 })
          .then(
            () => true,
            () => true,
          );
        // A bound, not a timing assertion: a 20 ms retry-after settles long before it, or never.
        const bound = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 2_000));
        return await Promise.race([call, bound]);
      } finally {
        server?.close();
        started?.close();
      }
    };
    expect(await settles('startInProcessMocks')).toBe(true);
    expect(await settles('setupServer')).toBe(false);
  });
});
