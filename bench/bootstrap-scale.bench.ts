/**
 * The paired bootstrap's three per-resample costs at a long run's size, each the way it was and
 * the way it is (issue 14: a month's merge is mostly this bootstrap, 2,000 resamples over every
 * request):
 * - the weights: one increment per draw anywhere in n counts (fillDirect) against the same draws
 *   counted in cache-sized buckets (fillBucketed, what fillWeights does from 2^21 requests);
 * - the latency order of one run's slowest 15 %: a JavaScript comparator against slowestFirst's
 *   native sort of packed keys (made once per run and thread);
 * - the p95 walks of 8 runs over one resample's weights.
 * Synthetic columns (a linear congruential generator, 2 % failed): only their sizes matter here.
 * Medians of tinybench samples; ns per request.
 *
 * Run: `node bench/bootstrap-scale.bench.ts [--requests 3000000,30000000]`
 * (30 M needs ≈ 3 GB; the comparator sort alone takes ≈ 10 s a sample there.)
 */
import { parseArgs } from 'node:util';
import { Bench } from 'tinybench';
import { hashKey } from '../src/contracts/index.ts';
import { Status } from '../src/engine/types.ts';
import { latencyOrder, slowestFirst, weightedP95 } from '../src/metrics/bootstrap.ts';
import { fillBucketed, fillDirect, fillWeights, pairedPlan } from '../src/metrics/resample.ts';
import { medianRows } from './median-table.ts';

function columns(n: number, seed: number) {
  let state = seed;
  const next = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 4294967296;
  };
  const latency = Float32Array.from({ length: n }, () => 100 + next() * 5000);
  const status = Uint8Array.from({ length: n }, () => (next() < 0.98 ? Status.answered : Status.timeout));
  return { cost: new Float64Array(n), score: new Float32Array(n), latency, status };
}

export async function runBootstrapScaleBench(n: number) {
  const start = hashKey(42, 101, 0);
  const weights = new Uint32Array(n);
  const runs = Array.from({ length: 8 }, (_value, index) => columns(n, index + 1));
  const orders = runs.map(latencyOrder);
  const plan = pairedPlan(n, 42, 2000);
  const total = fillWeights(plan, 0, weights);
  const slowest = orders[0]!.slowestFirst.slice().sort();
  const latency = runs[0]!.latency;
  const bench = new Bench({ name: `bootstrap at ${n}`, time: 1000, iterations: 3, warmup: false });
  bench.add('weights: one increment per draw (fillDirect)', () => {
    weights.fill(0);
    fillDirect(start, n, weights);
  });
  bench.add('weights: counted in buckets (fillBucketed)', () => {
    weights.fill(0);
    fillBucketed(start, n, weights);
  });
  bench.add("one run's slowest 15 %: comparator sort", () => {
    Array.from(slowest).sort((a, b) => latency[b]! - latency[a]! || a - b);
  });
  bench.add("one run's slowest 15 %: packed keys (slowestFirst)", () => {
    slowestFirst(slowest, latency);
  });
  bench.add('p95 walks of 8 runs, one resample', () => {
    for (const order of orders) weightedP95(order, weights, total);
  });
  await bench.run();
  console.log(`bootstrap-scale bench: ${n.toLocaleString('en-US')} requests`);
  console.table(medianRows(bench, n, 'ns', 1));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { requests: { type: 'string', default: '3000000,30000000' } } });
  for (const n of values.requests.split(',').map(Number)) await runBootstrapScaleBench(n);
}
