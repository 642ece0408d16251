import { latencyOrder, weightedP95, bootstrapDraws } from '../src/metrics/bootstrap.ts';
import { fillWeights, pairedPlan } from '../src/metrics/resample.ts';
const n = Number(process.argv[2] ?? 3_000_000);
const plan = pairedPlan(n, 42, 2000);
let x = 12345;
const rnd = () => { x = (Math.imul(x, 1103515245) + 12345) >>> 0; return x / 4294967296; };
const cols = () => ({ cost: Float64Array.from({length:n}, () => rnd() / 100), score: Float32Array.from({length:n}, () => rnd()), latency: Float32Array.from({length:n}, () => 100 + rnd() * 5000), status: Uint8Array.from({length:n}, () => rnd() < 0.98 ? 0 : 2) });
const runs = Array.from({length: 8}, cols);
let s = performance.now();
const orders = runs.map(latencyOrder);
const setup = performance.now() - s;
const w = new Uint32Array(n);
const R = 4; let fill = 0, p95 = 0;
for (let r = 0; r < R; r++) {
  s = performance.now(); const total = fillWeights(plan, r, w); fill += performance.now() - s;
  s = performance.now(); for (const o of orders) weightedP95(o, w, total); p95 += performance.now() - s;
}
s = performance.now(); bootstrapDraws(plan, runs[0]!, runs.slice(1), 0, R); const whole = performance.now() - s;
console.log(`n=${n}: setup (8 latency orders) ${setup.toFixed(0)} ms; per resample: fill ${(fill/R).toFixed(0)} ms, 8 p95 walks ${(p95/R).toFixed(0)} ms, whole bootstrapDraws ${((whole - setup)/R).toFixed(0)} ms (its setup subtracted)`);
