import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveLatency } from '../src/catalog-import/catalog-latency.ts';
import {
  PLACEHOLDER_MIN_MODELS,
  placeholderPairs,
} from '../src/catalog-import/catalog-latency-placeholders.ts';
import { parseModelFacts } from '../src/catalog-import/model-facts.ts';

const header =
  'provider,model_id,model_name,input_usd_cents_per_mtok,output_usd_cents_per_mtok,max_input_tokens,max_output_tokens,throughput_tok_s,ttft_s,mmlu,mmlu-pro,gsm8k,math,humaneval,mbpp,gpqa,arena-hard';
const facts = (rows: string[]) =>
  parseModelFacts([header, ...rows.map((row) => `${row},,,,,,,,`)].join('\n'), 'facts.csv');
const table = facts([
  'alpha,m1,M1,1,1,1000,1000,100.0,0.5',
  'beta,m1,M1,1,1,1000,1000,60.0,0.5',
  'gamma,m1,M1,1,1,1000,1000,90.0,0.7',
  'alpha,m2,M2,1,1,1000,1000,0.1,0.5',
  'alpha,f1,F1,1,1,1000,1000,30.0,0.3',
  'beta,f1,F1,1,1,1000,1000,50.0,0.9',
  'alpha,m3,M3,1,1,1000,1000,120.0,0.25',
]);
const rowOf = (source: typeof table, provider: string, model: string) => {
  const found = source.rows.find((entry) => entry.provider === provider && entry.model === model);
  if (found === undefined) throw new Error('missing row');
  return found;
};
const row = (provider: string, model: string) => rowOf(table, provider, model);

describe('latency placeholders: fill values', () => {
  it('keeps real figures, naming the row as the source and warning nothing', () => {
    const latency = resolveLatency(table, row('alpha', 'm3'));
    expect(latency).toMatchObject({ ttftMedianMs: 250, decodeTokensPerSecond: 120 });
    expect(latency.source).toMatch(/row alpha\/m3/);
    expect(latency.warning).toBeUndefined();
  });

  it('replaces 100 tok/s and 0.5 s by the median of the same model elsewhere, and warns', () => {
    // other rows of m1: tok/s {60, 90} → 75; TTFT {0.7} (0.5 is a placeholder) → 700 ms
    const latency = resolveLatency(table, row('alpha', 'm1'));
    expect(latency).toMatchObject({ ttftMedianMs: 700, decodeTokensPerSecond: 75 });
    expect(latency.notes.join(' ')).toMatch(/100 tok\/s, a placeholder/);
    expect(latency.warning).toMatch(/alpha\/m1 has placeholder latency; using 75 tok\/s/);
  });

  it('falls back to the family, then to the documented default, and warns', () => {
    // m2 has no other rows; family f1 at alpha: 30 tok/s, 0.3 s
    expect(resolveLatency(table, row('alpha', 'm2'), ['f1'])).toMatchObject({
      ttftMedianMs: 300,
      decodeTokensPerSecond: 30,
    });
    // without a family no figure is usable: the routesim default, never the placeholder
    const fallback = resolveLatency(table, row('alpha', 'm2'));
    expect(fallback).toMatchObject({ ttftMedianMs: 600, decodeTokensPerSecond: 80 });
    expect(fallback.notes.join(' ')).toMatch(/routesim default \(assumption/);
    expect(fallback.warning).toMatch(/routesim default, an assumption/);
  });
});

describe('latency placeholders: a pair repeated across models', () => {
  // (42, 0.4) on three different models is a placeholder; (55, 0.35) on one model at two
  // providers is that model's own figure listed twice; (70, 0.6) on two models is not enough.
  const repeated = facts([
    'alpha,a,A,1,1,1000,1000,42.0,0.4',
    'alpha,b,B,1,1,1000,1000,42,0.4',
    'beta,c,C,1,1,1000,1000,42.0,0.40',
    'alpha,d,D,1,1,1000,1000,55.0,0.35',
    'beta,d,D,1,1,1000,1000,55.0,0.35',
    'gamma,d,D,1,1,1000,1000,55.0,0.35',
    'alpha,e,E,1,1,1000,1000,70.0,0.6',
    'beta,f,F,1,1,1000,1000,70.0,0.6',
    'gamma,a,A,1,1,1000,1000,64.0,0.8',
  ]);

  it(`flags a pair carried by ${PLACEHOLDER_MIN_MODELS} distinct models, not one model repeated or two models`, () => {
    const pairs = placeholderPairs(repeated);
    expect([...pairs.keys()]).toEqual(['42|0.4']);
    expect(pairs.get('42|0.4')).toMatchObject({ rows: 3, models: 3 });
  });

  it('replaces both figures of a repeated pair, though neither is a fill value, and warns', () => {
    const latency = resolveLatency(repeated, rowOf(repeated, 'alpha', 'a'));
    // the same model at gamma: 64 tok/s, 0.8 s
    expect(latency).toMatchObject({ ttftMedianMs: 800, decodeTokensPerSecond: 64 });
    expect(latency.notes[0]).toMatch(/repeated placeholder pair \(42 tok\/s, 0.4 s\) on 3 rows of 3 models/);
    expect(latency.warning).toMatch(/alpha\/a carries \(42 tok\/s, 0.4 s\)/);
    // a model's own figure listed at several providers stays
    expect(resolveLatency(repeated, rowOf(repeated, 'alpha', 'd')).warning).toBeUndefined();
  });

  it('never takes a stand-in from another row that carries a repeated pair', () => {
    // b's only other candidates are placeholder rows: the default, not 42 tok/s
    const latency = resolveLatency(repeated, rowOf(repeated, 'alpha', 'b'), ['c']);
    expect(latency).toMatchObject({ ttftMedianMs: 600, decodeTokensPerSecond: 80 });
  });

  const csv = resolve(import.meta.dirname, '../../shared/data/model-facts.csv');
  it.skipIf(!existsSync(csv))(
    'finds the placeholder pairs realism-anchors.md §3 lists in the real model-facts.csv, and no pair of two rows',
    () => {
      const pairs = placeholderPairs(parseModelFacts(readFileSync(csv, 'utf8'), csv));
      const rows = Object.fromEntries([...pairs].map(([key, pair]) => [key, pair.rows]));
      // realism-anchors.md §3: (100, 0.5) × 31, (42, 0.4) × 21, (85, 0.7) × 12, (115, 5.2) × 6, (0.1, 0.5) × 5
      expect(rows).toMatchObject({ '100|0.5': 31, '42|0.4': 21, '85|0.7': 12, '115|5.2': 6, '0.1|0.5': 5 });
      expect(pairs.size).toBe(13);
      for (const pair of pairs.values()) expect(pair.models).toBeGreaterThanOrEqual(3);
      // a real figure shared by one model's two releases is not flagged: deepseek-r1 / r1-0528
      expect(pairs.has('9|0.3')).toBe(false);
      expect(pairs.has('183|0.4')).toBe(false);
    },
  );
});
