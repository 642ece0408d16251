/**
 * The price and limit fields of one LiteLLM entry, checked: USD per token (non-negative),
 * whole positive token limits. Missing max_input/max_output fall back to LiteLLM's legacy
 * max_tokens, as its sample_spec says. Pure.
 */
import type { ModelSpec } from '../contracts/index.ts';
import type { PriceFields as WorldPriceFields } from '../world/pricing.ts';

/** The world's price fields (world/pricing.ts) plus the context limits an import checks with them. */
export type PriceFields = WorldPriceFields & Pick<ModelSpec, 'max_input_tokens' | 'max_output_tokens'>;

export function priceFields(
  entry: Record<string, unknown>,
  problem: (path: string[], message: string) => void,
): PriceFields | undefined {
  let ok = true;
  const cost = (name: string, required: boolean): number | undefined => {
    const value = entry[name];
    if (value === undefined || value === null) {
      if (required) {
        problem([name], 'expected a price per token (USD), found none');
        ok = false;
      }
      return undefined;
    }
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      problem([name], `expected a non-negative number (USD per token), got ${JSON.stringify(value)}`);
      ok = false;
      return undefined;
    }
    return value;
  };
  const limit = (name: string): number => {
    // LiteLLM: "if not [specified] default to max_tokens".
    const value = entry[name] ?? entry.max_tokens;
    if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
      problem([name], `expected a positive whole number of tokens, got ${JSON.stringify(value)}`);
      ok = false;
      return 0;
    }
    return value;
  };
  const input = cost('input_cost_per_token', true);
  const output = cost('output_cost_per_token', true);
  const cacheRead = cost('cache_read_input_token_cost', false);
  const cacheCreation = cost('cache_creation_input_token_cost', false);
  const maxInput = limit('max_input_tokens');
  const maxOutput = limit('max_output_tokens');
  if (!ok || input === undefined || output === undefined) return undefined;
  return {
    input_cost_per_token: input,
    output_cost_per_token: output,
    ...(cacheRead === undefined ? {} : { cache_read_input_token_cost: cacheRead }),
    ...(cacheCreation === undefined ? {} : { cache_creation_input_token_cost: cacheCreation }),
    max_input_tokens: maxInput,
    max_output_tokens: maxOutput,
  };
}
