import { hashKey } from '../src/contracts/index.ts';
import { fillWeights, pairedPlan } from '../src/metrics/resample.ts';
const BOOTSTRAP_STREAM = 101;
const n = Number(process.argv[2] ?? 3_000_000);
const plan = pairedPlan(n, 42, 2000);
const SHIFT = 15;
let low = new Uint16Array(0);
function bucketed(seed: number, resample: number, weights: Uint32Array): number {
  const buckets = (n >>> SHIFT) + 1;
  const counts = new Uint32Array(buckets + 1);
  const start = hashKey(seed, BOOTSTRAP_STREAM, resample);
  let state = start;
  for (let draw = 0; draw < n; draw++) {
    state = (state + 0x6d2b79f5) | 0;
    let mixed = Math.imul(state ^ (state >>> 15), state | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    counts[(Math.floor((((mixed ^ (mixed >>> 14)) >>> 0) * n) / 4294967296) >>> SHIFT) + 1]!++;
  }
  for (let b = 1; b <= buckets; b++) counts[b]! += counts[b - 1]!;
  if (low.length < n) low = new Uint16Array(n);
  state = start;
  for (let draw = 0; draw < n; draw++) {
    state = (state + 0x6d2b79f5) | 0;
    let mixed = Math.imul(state ^ (state >>> 15), state | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    const index = Math.floor((((mixed ^ (mixed >>> 14)) >>> 0) * n) / 4294967296);
    low[counts[index >>> SHIFT]!++] = index & ((1 << SHIFT) - 1);
  }
  weights.fill(0);
  let at = 0;
  for (let b = 0; b < buckets; b++) {
    const base = b << SHIFT;
    const end = counts[b]!;
    for (; at < end; at++) weights[base + low[at]!]!++;
  }
  return n;
}
const a = new Uint32Array(n), b = new Uint32Array(n);
fillWeights(plan, 3, a); bucketed(42, 3, b);
let same = true; for (let i = 0; i < n; i++) if (a[i] !== b[i]) { same = false; break; }
console.log('identical', same);
const R = 8; const t = { plain: [] as number[], bucketed: [] as number[] };
for (let r = 0; r < R; r++) {
  let s = performance.now(); fillWeights(plan, r, a); t.plain.push(performance.now() - s);
  s = performance.now(); bucketed(42, r, b); t.bucketed.push(performance.now() - s);
}
const med = (x: number[]) => x.sort((p, q) => p - q)[x.length >> 1]!;
console.log(`n=${n}: plain ${(med(t.plain) * 1e6 / n).toFixed(1)} ns/draw, bucketed ${(med(t.bucketed) * 1e6 / n).toFixed(1)} ns/draw`);
