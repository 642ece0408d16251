import { describe, expect, it } from 'vitest';
import type { AnsweredCall, CallInput, CallResult, FaultWindow } from '../src/contracts/index.ts';
import { loadDomainParams } from '../src/world/domains.ts';
import { createQualityModel } from '../src/world/quality.ts';
import { keyedUniform } from '../src/world/random.ts';
import { miniModel, sonnetModel, testCatalog, testHidden, testWorld } from './support/world-fixtures.ts';

// Latency σ > 0 so that the draws actually vary between keys.
const catalog = testCatalog({
  models: [
    miniModel({ ttftSigma: 0.35, decodeSigma: 0.2 }),
    sonnetModel({ ttftSigma: 0.35, decodeSigma: 0.2 }),
  ],
});
const MODELS = ['gpt-4o-mini', 'claude-sonnet-4'];

function answered(result: CallResult): AnsweredCall {
  if (!result.ok) throw new Error(result.error.message);
  return result.call;
}
function drawsOf(call: AnsweredCall) {
  return {
    ttftMs: call.timing.ttftMs,
    decodeMs: call.timing.decodeMs,
    completionTokens: call.usage.completionTokens,
    outcome: call.outcome,
    text: call.text,
    id: call.id,
  };
}

describe('world common random numbers', () => {
  it('the same (request, model, attempt) gets identical draws whatever came before', () => {
    const triples: CallInput[] = [];
    for (let request = 0; request < 60; request++) {
      for (const model of MODELS) {
        triples.push({
          requestIndex: request,
          model,
          startMs: 0,
          attempt: request % 3,
          promptTokens: 100 + request,
          maxTokens: 5000,
        });
      }
    }
    const first = testWorld({ catalog });
    const reference = new Map(
      triples.map((input) => [`${input.requestIndex}|${input.model}`, drawsOf(answered(first.call(input)))]),
    );

    // Another world: a keyed shuffle of the same calls, interleaved with unrelated traffic.
    const shuffled = [...triples].sort(
      (left, right) =>
        keyedUniform(5, 1, left.requestIndex!, left.model.length) -
        keyedUniform(5, 1, right.requestIndex!, right.model.length),
    );
    expect(shuffled.map((input) => input.requestIndex)).not.toEqual(
      triples.map((input) => input.requestIndex),
    );
    const second = testWorld({ catalog });
    shuffled.forEach((input, position) => {
      second.call({ ...input, requestIndex: 10_000 + position }); // noise: other requests
      const draws = drawsOf(answered(second.call(input)));
      expect(draws).toEqual(reference.get(`${input.requestIndex}|${input.model}`));
    });
    // The draws do vary by key (the test would be vacuous otherwise).
    expect(new Set([...reference.values()].map((draws) => draws.ttftMs)).size).toBe(triples.length);
  });

  it('a different attempt draws a different latency but the same answer', () => {
    const world = testWorld({ catalog });
    const base = { requestIndex: 3, model: 'gpt-4o-mini', startMs: 0, promptTokens: 10, maxTokens: 5000 };
    const attempt0 = answered(testWorld({ catalog }).call({ ...base, attempt: 0 }));
    const attempt1 = answered(world.call({ ...base, attempt: 1 }));
    expect(attempt1.timing.ttftMs).not.toBe(attempt0.timing.ttftMs);
    expect(attempt1.outcome).toEqual(attempt0.outcome);
    expect(attempt1.usage.completionTokens).toBe(attempt0.usage.completionTokens);
  });

  it('counts samples by answered calls: a 503 then a success is sample 0, the next success sample 1', () => {
    const fault: FaultWindow = { kind: 'error', provider: 'openai', startMs: 0, endMs: 1000 };
    const world = testWorld({ catalog, faults: [fault] });
    const base = { requestIndex: 5, model: 'gpt-4o-mini', promptTokens: 10, maxTokens: 5000 };
    expect(world.call({ ...base, startMs: 0, attempt: 0 }).ok).toBe(false);
    const first = answered(world.call({ ...base, startMs: 1000, attempt: 1 }));
    const second = answered(world.call({ ...base, startMs: 2000, attempt: 2 }));
    expect([first.sample, second.sample]).toEqual([0, 1]);
    expect(first.id).toMatch(/^rs-5-[0-9a-f]{8}-0$/);
    expect(second.id).toMatch(/^rs-5-[0-9a-f]{8}-1$/);

    const quality = createQualityModel({ seed: 42, domains: loadDomainParams() });
    const spec = catalog.models[0]!;
    expect(first.outcome).toEqual(quality.outcome(5, testHidden(), spec, 0));
    expect(second.outcome).toEqual(quality.outcome(5, testHidden(), spec, 1));
    // Samples are per (request, model): another model starts at 0.
    expect(
      answered(world.call({ ...base, model: 'claude-sonnet-4', startMs: 3000, attempt: 0 })).sample,
    ).toBe(0);
  });

  it('two worlds with the same seed and calls agree call by call; another seed does not', () => {
    const faults: FaultWindow[] = [
      { kind: 'partial', provider: 'openai', startMs: 0, endMs: 1e9, probability: 0.3 },
    ];
    const run = (seed: number) => {
      const world = testWorld({
        seed,
        catalog: testCatalog({ models: catalog.models, openai: { capacity: 3, rpm: 50 } }),
        faults,
      });
      const results: CallResult[] = [];
      for (let index = 0; index < 300; index++) {
        results.push(
          world.call({
            requestIndex: index % 120,
            model: MODELS[index % 2]!,
            startMs: index * 250,
            attempt: 0,
            promptTokens: 50,
            maxTokens: 2000,
          }),
        );
      }
      return results;
    };
    const once = run(11);
    expect(run(11)).toEqual(once);
    expect(run(12)).not.toEqual(once);
    expect(once.some((result) => !result.ok && result.error.status === 429)).toBe(true);
    expect(once.some((result) => !result.ok && result.error.status === 503)).toBe(true);
  });
});
