import { describe, expect, it } from 'vitest';
import { resolveLatency } from '../src/world/catalog-latency.ts';
import { parseModelFacts } from '../src/world/model-facts.ts';

const header =
  'provider,model_id,model_name,input_usd_cents_per_mtok,output_usd_cents_per_mtok,max_input_tokens,max_output_tokens,throughput_tok_s,ttft_s,mmlu,mmlu-pro,gsm8k,math,humaneval,mbpp,gpqa,arena-hard';
const table = parseModelFacts(
  [
    header,
    'alpha,m1,M1,1,1,1000,1000,100.0,0.5,,,,,,,,',
    'beta,m1,M1,1,1,1000,1000,60.0,0.5,,,,,,,,',
    'gamma,m1,M1,1,1,1000,1000,90.0,0.7,,,,,,,,',
    'alpha,m2,M2,1,1,1000,1000,0.1,0.5,,,,,,,,',
    'alpha,f1,F1,1,1,1000,1000,30.0,0.3,,,,,,,,',
    'beta,f1,F1,1,1,1000,1000,50.0,0.9,,,,,,,,',
    'alpha,m3,M3,1,1,1000,1000,120.0,0.25,,,,,,,,',
  ].join('\n'),
  'facts.csv',
);
const row = (provider: string, model: string) => {
  const found = table.rows.find((entry) => entry.provider === provider && entry.model === model);
  if (found === undefined) throw new Error('missing row');
  return found;
};

describe('latency placeholders', () => {
  it('keeps real figures', () => {
    expect(resolveLatency(table, row('alpha', 'm3'))).toMatchObject({
      ttftMedianMs: 250,
      decodeTokensPerSecond: 120,
    });
  });

  it('replaces 100 tok/s and 0.5 s by the median of the same model elsewhere', () => {
    // other rows of m1: tok/s {60, 90} → 75; TTFT {0.7} (0.5 is a placeholder) → 700 ms
    const latency = resolveLatency(table, row('alpha', 'm1'));
    expect(latency).toMatchObject({ ttftMedianMs: 700, decodeTokensPerSecond: 75 });
    expect(latency.notes.join(' ')).toMatch(/100 tok\/s, a placeholder/);
  });

  it('falls back to the family at the same provider, then at any provider', () => {
    // m2 has no other rows; family f1 at alpha: 30 tok/s, 0.3 s
    expect(resolveLatency(table, row('alpha', 'm2'), ['f1'])).toMatchObject({
      ttftMedianMs: 300,
      decodeTokensPerSecond: 30,
    });
    // without a family the placeholder is kept and said so
    const kept = resolveLatency(table, row('alpha', 'm2'));
    expect(kept.decodeTokensPerSecond).toBe(0.1);
    expect(kept.notes.join(' ')).toMatch(/placeholder kept/);
  });
});
