/**
 * A pooled run generates its stream once, whatever its size, and every thread decodes requests
 * on demand from the shared chunks in a bounded window (stream-window.ts). Before, a stream above
 * the memo budget was not shared: each worker kept a window of requests and generated every
 * evicted one again, so every unit generated every request (3× the traffic cost 12–13× the CPU).
 * Here the window is made tiny (32 requests against ≈ 1,200) so any regeneration would show. A
 * shard generates its stream on its own thread (spilled, above the budget) and hands the chunks
 * to its pool's workers.
 */
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../src/engine/types.ts';
import { type ShardRunOptions, simulateShard } from '../src/run/shard-run.ts';
import { simulate } from '../src/run/simulate.ts';
import { loadSimulationScenario, preparedFrom } from '../src/run/simulate-inputs.ts';
import { encodeRequests, sliceRanges } from '../src/run/stream-share.ts';
import { sharedStream } from '../src/run/stream-window.ts';
import type { RequestStream } from '../src/traffic/index.ts';
import { requestStreamFromScenario } from '../src/traffic/index.ts';

const SMALL = new URL('./fixtures/simulate/small.yaml', import.meta.url).pathname;
const wallClock = () => performance.now();
const serialised = (value: unknown) => JSON.stringify(value);

describe('sharedStream', () => {
  it('replays the generator exactly, pass after pass, from a 32-request window, never generating', () => {
    const generator = requestStreamFromScenario(loadSimulationScenario(SMALL).scenario);
    const calls = { count: 0 };
    const source: RequestStream = {
      ...generator,
      get: (index) => {
        calls.count++;
        return generator.get(index);
      },
    };
    const chunks = sliceRanges(source.count, 3).map(({ from, to }) => encodeRequests(source, from, to)!);
    expect(calls.count).toBe(source.count);
    const stream = sharedStream(chunks, source.arrivals, { windowRequests: 32 });
    for (let pass = 0; pass < 2; pass++) {
      for (let index = 0; index < stream.count; index++) {
        expect(serialised(stream.get(index))).toBe(serialised(generator.get(index)));
        // The world's lookups of requests still in flight: within the window.
        if (index >= 20) expect(stream.hidden(index - 20)).toEqual(generator.get(index - 20).hidden);
      }
    }
    expect(calls.count).toBe(source.count);
    expect(stream.hidden(stream.count)).toBeUndefined();
    expect(() => stream.get(-1)).toThrow(RangeError);
  });
});

describe('a pooled run above the window', () => {
  it('generates each request once on the pool and matches the in-process run', async () => {
    const loaded = loadSimulationScenario(SMALL);
    const options = { scenario: loaded, strategies: ['cascade'], robustness: false, wallClock } as const;
    const generated = new Int32Array(new SharedArrayBuffer(4));
    const pooled = await simulate({
      ...options,
      workers: 2,
      streamProbe: { windowRequests: 32, generated },
    });
    const requests = pooled.requests.arrival.length;
    // Units, sweep points and the oracle all replayed the stream; it was generated once.
    expect(pooled.runs.length).toBeGreaterThan(3);
    expect(Atomics.load(generated, 0)).toBe(requests);
    const inProcess = await simulate({ ...options, workers: 1 });
    expect(pooled.metrics).toEqual(inProcess.metrics);
    expect(pooled.provenance).toEqual(inProcess.provenance);
  });
});

describe('a pooled shard of a stream above the budget', () => {
  it("replays this thread's spilled chunks on its workers, which generate nothing, and runs as on one thread", async () => {
    const scenario = loadSimulationScenario(SMALL);
    const shardRuns = async (workers: number, streamProbe: NonNullable<ShardRunOptions['streamProbe']>) => {
      const runs = new Map<string, RunResult>();
      await simulateShard({
        scenario,
        shard: { index: 1, count: 1 },
        strategies: ['cascade'],
        decisions: 'none',
        robustness: false,
        workers,
        wallClock,
        streamProbe,
        results: {
          requests() {},
          unit: ({ label, run }) => runs.set(label, run),
          oracle: (run) => runs.set('oracle', run),
          judgeEpsilon() {},
          perturbed() {},
        },
      });
      return runs;
    };
    const generated = new Int32Array(new SharedArrayBuffer(4));
    // Above 100 requests the shard's own thread spills the stream (≈ 1,200 requests) in chunks.
    const pooled = await shardRuns(2, { maxRequests: 100, windowRequests: 32, generated });
    expect(pooled.size).toBeGreaterThan(3);
    // Every unit replayed the spilled chunks: no worker generated a request (each generated every
    // one again, in every unit, before the workers were handed the chunks).
    expect(Atomics.load(generated, 0)).toBe(0);
    const alone = await shardRuns(1, { maxRequests: 100 });
    // (A pool reports runs as they finish: compared by label.)
    expect([...pooled.keys()].sort()).toEqual([...alone.keys()].sort());
    for (const [label, run] of alone) expect(pooled.get(label)?.columns, label).toEqual(run.columns);
  });
});

describe('an in-process stream above the budget', () => {
  it('is generated once into a chunk and replayed from it, with the same facts', () => {
    const scenario = loadSimulationScenario(SMALL).scenario;
    const generator = requestStreamFromScenario(scenario);
    const calls = { count: 0 };
    const source = {
      ...generator,
      get: (index: number) => {
        calls.count++;
        return generator.get(index);
      },
    };
    const prepared = preparedFrom(source, undefined, { maxRequests: 100, windowRequests: 32 });
    for (let pass = 0; pass < 3; pass++) {
      for (let index = 0; index < source.count; index++) prepared.stream.get(index);
    }
    expect(calls.count).toBe(source.count);
    const tiers = scenario.traffic.tiers.map((tier) => tier.name);
    const whole = preparedFrom(requestStreamFromScenario(scenario), undefined);
    expect(prepared.facts(tiers)).toEqual(whole.facts(tiers));
  });
});
