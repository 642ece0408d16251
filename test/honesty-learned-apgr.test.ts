/**
 * The learned router has real skill on traffic it was not trained on: through the engine, with
 * the knob sweep simulate runs (planUnits → knob.at per value, always-<weak>, always-<strong>) and
 * APGR from src/metrics (researchMetrics → knobMetrics), its APGR is above the random router's
 * for the SAME weak/strong pair: llama-3.1-8b-instant / claude-sonnet-4-20250514 (the cheapest and
 * the most expensive candidate of the default scenario, the pair both knobs name).
 *
 * Held out: the shipped model was trained on the seed-7 day (training.seed in the file) with one
 * template per domain left out; this runs the scenario's own seed 42, first 20,000 requests.
 *
 * Margin: random's APGR is 0.5 in expectation. Over 8 independent draw sets (random routers under
 * different names) on the first 25,000 requests it measured 0.5007 ± 0.0007 (sd), range
 * [0.4996, 0.5017]; on 20,000 the test's 3 sets give 0.4985–0.5024. MARGIN = 0.05 is > 10× that
 * range (asserted). Measured (20,000 requests): learned over the pair 0.586; on the 4,258
 * held-out-template requests alone 0.535 vs random 0.500–0.502. Learned over all 13 candidates
 * is measured against ITS default pair, the cheapest and the strongest candidate (metrics.md; it
 * once used the most expensive, claude-sonnet-4, and scored APGR 1.084 because mid-priced models
 * beat that "strong" model — not skill; against its real pair it measures 0.922 on these 20,000
 * requests, random 0.502).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { KnobbedMetrics } from '../src/metrics/types.ts';
import { random } from '../src/strategies/baselines.ts';
import { learned } from '../src/strategies/learned.ts';
import { type HonestyDay, honestyDay, knobbedMetricsOf, renamed } from './honesty-support.ts';

const REQUESTS = 20_000;
const WEAK = 'llama-3.1-8b-instant';
const STRONG = 'claude-sonnet-4-20250514';
/** The strongest candidate (always-strongest's model): every default knob's strong model. */
const REFERENCE = 'gemini-2.5-pro';
/** Required lead of learned's APGR over random's mean APGR (see the file comment). */
const MARGIN = 0.05;
/** Random's APGR must be this close to 0.5 (its expectation) for the metric pipeline to be trusted. */
const RANDOM_TOLERANCE = 0.01;
/**
 * Required lead on the held-out templates alone (≈ 5,300 requests, so random's spread is ≈ 2×
 * larger; learned generalises less there, as the fixture's held-out AUCs say): asserted ≥ 5×
 * random's measured range on that subset.
 */
const HELD_OUT_MARGIN = 0.02;

const shippedModel = JSON.parse(
  readFileSync(new URL('../fixtures/learned/assistant-day.json', import.meta.url), 'utf8'),
) as { training: { seed: number; heldOut: { templates: string[] } } };

let day: HonestyDay;
/** Requests generated from the templates the model was trained without. */
let heldOut: Uint32Array;
/** Random's metrics per draw set, over every request and over the held-out templates. */
let randoms: KnobbedMetrics[];
let heldOutRandoms: KnobbedMetrics[];

beforeAll(async () => {
  day = honestyDay(REQUESTS);
  const templates = new Set(shippedModel.training.heldOut.templates);
  const indices: number[] = [];
  for (let index = 0; index < day.stream.count; index++) {
    if (templates.has(day.stream.hidden(index)?.template ?? '')) indices.push(index);
  }
  heldOut = Uint32Array.from(indices);
  randoms = [];
  heldOutRandoms = [];
  for (const name of ['random', 'random-b', 'random-c']) {
    const [all, held] = await knobbedMetricsOf(
      day,
      name,
      () => renamed(random({ weak: WEAK, strong: STRONG }, day.buildContext), name),
      [undefined, heldOut],
    );
    randoms.push(all!);
    heldOutRandoms.push(held!);
  }
}, 60_000);

const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
const range = (values: readonly number[]) => Math.max(...values) - Math.min(...values);

function apgrOf(metrics: KnobbedMetrics): number {
  expect(metrics.nullReason).toBeNull();
  expect(metrics.apgr).not.toBeNull();
  return metrics.apgr as number;
}

function describeSweep(label: string, metrics: KnobbedMetrics): string {
  const points = metrics.points.map(
    (point) => `${point.value}:(${point.c.toFixed(3)}, ${point.r.toFixed(3)})`,
  );
  return `${label}: APGR ${metrics.apgr?.toFixed(4)} rWeak ${metrics.rWeak?.toFixed(4)} rStrong ${metrics.rStrong?.toFixed(4)} ${points.join(' ')}`;
}

describe('learned router APGR vs random on held-out traffic', () => {
  it('is evaluated on another seed than it was trained on', () => {
    expect(day.scenario.seed).toBe(42);
    expect(shippedModel.training.seed).toBe(7);
    expect(shippedModel.training.heldOut.templates.length).toBeGreaterThanOrEqual(8);
  });

  it('random’s APGR is ≈ 0.5 for the pair, with a small spread between draw sets', () => {
    const values = randoms.map(apgrOf);
    for (const metrics of randoms) {
      expect(metrics.weak).toBe(WEAK);
      expect(metrics.strong).toBe(STRONG);
      expect(metrics.rStrong! - metrics.rWeak!).toBeGreaterThan(0.1);
    }
    console.log(`random APGR over 3 draw sets: ${values.map((value) => value.toFixed(4)).join(', ')}`);
    for (const value of values) expect(Math.abs(value - 0.5)).toBeLessThan(RANDOM_TOLERANCE);
    // Independent draws really were made (a renamed router is not the same run again).
    expect(new Set(values).size).toBeGreaterThan(1);
  });

  it('learned over the same two models beats random by the margin, also on held-out templates', async () => {
    const [all, held] = await knobbedMetricsOf(
      day,
      'learned',
      () => learned({ candidates: [WEAK, STRONG] }, day.buildContext),
      [undefined, heldOut],
    );
    console.log(describeSweep('learned {weak, strong}', all!));
    expect(all!.weak).toBe(WEAK);
    expect(all!.strong).toBe(STRONG);
    expect(MARGIN).toBeGreaterThan(10 * range(randoms.map(apgrOf)));
    expect(apgrOf(all!)).toBeGreaterThan(mean(randoms.map(apgrOf)) + MARGIN);
    // Its sweep covers the c axis (else APGR would be mostly the interpolated endpoints).
    const shares = all!.points.map((point) => point.c);
    expect(Math.min(...shares)).toBeLessThan(0.1);
    expect(Math.max(...shares)).toBeGreaterThan(0.9);

    const heldOutApgrs = heldOutRandoms.map(apgrOf);
    console.log(
      `${heldOut.length} held-out-template requests: random APGR ${heldOutApgrs.map((value) => value.toFixed(4)).join(', ')}; ` +
        describeSweep('learned {weak, strong}', held!),
    );
    expect(heldOut.length).toBeGreaterThan(1000);
    expect(HELD_OUT_MARGIN).toBeGreaterThan(5 * range(heldOutApgrs));
    expect(apgrOf(held!)).toBeGreaterThan(mean(heldOutApgrs) + HELD_OUT_MARGIN);
  }, 30_000);

  it('learned over all 13 candidates, as the scenario runs it, also beats random over its pair', async () => {
    const [metrics] = await knobbedMetricsOf(day, 'learned', () => learned({}, day.buildContext));
    if (metrics === undefined) throw new Error('no metrics');
    console.log(describeSweep('learned (13 candidates)', metrics));
    // Its knob pair is the cheapest and the STRONGEST candidate (metrics.md), as random's default.
    expect(metrics.weak).toBe(WEAK);
    expect(metrics.strong).toBe(REFERENCE);
    const [randomPair] = await knobbedMetricsOf(day, 'random', () => random({}, day.buildContext));
    expect(randomPair!.strong).toBe(REFERENCE);
    console.log(describeSweep('random (default pair)', randomPair!));
    expect(Math.abs(apgrOf(randomPair!) - 0.5)).toBeLessThan(RANDOM_TOLERANCE);
    expect(apgrOf(metrics)).toBeGreaterThan(apgrOf(randomPair!) + MARGIN);
  }, 60_000);
});
