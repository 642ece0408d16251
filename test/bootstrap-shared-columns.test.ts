/**
 * The bootstrap without its arrays of differences, and the merge's columns in shared memory:
 * both must give the very numbers of the plain computation.
 */
import { describe, expect, it } from 'vitest';
import { createRunColumns } from '../src/engine/columns.ts';
import { Status } from '../src/engine/types.ts';
import { type BootstrapColumns, bootstrapDraws } from '../src/metrics/bootstrap.ts';
import { fillWeights, pairedPlan } from '../src/metrics/resample.ts';
import { withSharedBootstrapColumns } from '../src/run/merge-bootstrap.ts';

function run(n: number, shift: number): BootstrapColumns {
  const latency = Float32Array.from({ length: n }, (_value, index) =>
    index % 7 === 3 ? Number.NaN : 50 + ((index * 41 + shift * 7) % 900),
  );
  return {
    cost: Float64Array.from({ length: n }, (_value, index) => ((index * 29 + shift) % 23) / 997),
    score: Float32Array.from({ length: n }, (_value, index) => ((index * 3 + shift) % 5) / 4),
    latency,
    status: Uint8Array.from(latency, (value) => (Number.isNaN(value) ? Status.timeout : Status.answered)),
  };
}

describe('bootstrapDraws', () => {
  it('equals Σ weight × (run − reference) / Σ weight per resample, the differences summed in request order', () => {
    const n = 301;
    const plan = pairedPlan(n, 11, 40);
    const reference = run(n, 0);
    const compared = [run(n, 1), run(n, 2), run(n, 5)];
    const draws = bootstrapDraws(plan, reference, compared);
    const weights = new Uint32Array(n);
    for (let resample = 0; resample < plan.resamples; resample++) {
      const total = fillWeights(plan, resample, weights);
      compared.forEach((columns, position) => {
        let cost = 0;
        let score = 0;
        for (let index = 0; index < n; index++) {
          cost += weights[index]! * (columns.cost[index]! - reference.cost[index]!);
          score += weights[index]! * (columns.score[index]! - reference.score[index]!);
        }
        expect(draws.cost[position]![resample]).toBe(cost / total);
        expect(draws.quality[position]![resample]).toBe((100 * score) / total);
      });
    }
  });
});

describe('withSharedBootstrapColumns', () => {
  it('moves cost, score, latency and status into shared memory, values unchanged, and keeps the rest', () => {
    const columns = createRunColumns(5);
    columns.cost.set([0.1, 0.2, 0.3, 0.4, 0.5]);
    columns.score.set([1, 0, 0.5, 1, 0]);
    columns.latency.set([10, 20, 30, 40, 50]);
    columns.status.set([Status.answered, Status.timeout, 0, 0, 0]);
    const shared = withSharedBootstrapColumns(columns);
    for (const name of ['cost', 'score', 'latency', 'status'] as const) {
      expect(shared[name].buffer).toBeInstanceOf(SharedArrayBuffer);
      expect(shared[name].constructor).toBe(columns[name].constructor);
      expect(Array.from(shared[name])).toEqual(Array.from(columns[name]));
    }
    expect(shared.ttft).toBe(columns.ttft);
    expect(shared.model).toBe(columns.model);
    expect(shared.flags).toBe(columns.flags);
    // Already shared: not copied again.
    expect(withSharedBootstrapColumns(shared).cost).toBe(shared.cost);
  });

  it('is shared with a thread it is posted to, not copied', async () => {
    const shared = withSharedBootstrapColumns(createRunColumns(3));
    const { Worker } = await import('node:worker_threads');
    const worker = new Worker(
      'require("node:worker_threads").parentPort.once("message", (cost) => { cost[1] = 42; require("node:worker_threads").parentPort.postMessage("done"); });',
      { eval: true },
    );
    await new Promise((resolve) => {
      worker.once('message', resolve);
      worker.postMessage(shared.cost);
    });
    await worker.terminate();
    expect(shared.cost[1]).toBe(42);
  });
});
