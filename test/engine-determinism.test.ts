import { describe, expect, it } from 'vitest';
import { modelInfos } from '../src/engine/model-info.ts';
import { runUnit } from '../src/engine/run-unit.ts';
import { memoizeStream } from '../src/run/stream-cache.ts';
import { loadScenarioFile } from '../src/scenario/load.ts';
import { worldFromScenario } from '../src/scenario/scenario-world.ts';
import type { Strategy } from '../src/strategies/types.ts';
import type { RequestStream } from '../src/traffic/index.ts';
import { requestStreamFromScenario } from '../src/traffic/index.ts';
import { loadCatalog } from '../src/world/catalog.ts';

const REQUESTS = 3000;

/** The first `count` requests of a stream. */
function prefix(stream: RequestStream, count: number): RequestStream {
  return { ...stream, count, arrivals: stream.arrivals.subarray(0, count) };
}

/** Cheap first; escalate on low confidence; retry with jittered backoff on errors. */
const cascade: Strategy = {
  name: 'test-cascade',
  family: 'cascade',
  async route(_request, context) {
    const first = await context.call('gpt-4o-mini');
    if (first.ok && first.logprobConfidence > 0.7)
      return { responseId: first.responseId, reason: 'confident' };
    if (!first.ok) await context.sleep(first.retryAfterMs ?? 200 * (1 + context.random()));
    const second = await context.call('gpt-4o', { purpose: first.ok ? 'escalation' : 'fallback' });
    return { responseId: second.ok ? second.responseId : undefined, reason: 'second' };
  },
};

describe('engine on the default scenario', () => {
  const scenario = loadScenarioFile('scenarios/assistant-day.yaml');
  const catalog = loadCatalog();
  const stream = memoizeStream(requestStreamFromScenario(scenario));
  const models = modelInfos(catalog, scenario.models);

  async function run() {
    const world = worldFromScenario(scenario, catalog, stream.hidden);
    let peakLedger = 0;
    const result = await runUnit({
      stream: prefix(stream, REQUESTS),
      world,
      strategy: cascade,
      models,
      strongModel: 'gpt-4o',
      onDecision: () => {
        peakLedger = Math.max(peakLedger, world.ledger.size);
      },
    });
    return { result, peakLedger, finalLedger: world.ledger.size };
  }

  it('gives identical columns on two runs and keeps only in-flight calls in the ledger', async () => {
    const first = await run();
    const second = await run();
    for (const key of ['cost', 'score', 'latency', 'ttft', 'status', 'model', 'flags'] as const) {
      expect(Buffer.from(second.result.columns[key].buffer)).toEqual(
        Buffer.from(first.result.columns[key].buffer),
      );
    }
    const answered = first.result.columns.status.filter((status) => status === 0).length;
    expect(answered).toBeGreaterThan(REQUESTS * 0.9);
    const escalated = first.result.columns.flags.filter((flags) => (flags & 1) !== 0).length;
    expect(escalated).toBeGreaterThan(0);
    // ~1.3 requests/s with answers of a few seconds: a handful in flight, never thousands.
    expect(first.peakLedger).toBeLessThan(100);
    expect(first.finalLedger).toBe(0);
  });
});
