/**
 * Per-call cost from LiteLLM-style per-token prices. Pure arithmetic, no rounding:
 * reports round at output time, so sums over a day of traffic do not drift.
 */
import type { ModelSpec, Usage } from '../contracts/index.ts';

/** The price fields of a model (LiteLLM names, USD per token). */
export type PriceFields = Pick<
  ModelSpec,
  | 'input_cost_per_token'
  | 'output_cost_per_token'
  | 'cache_read_input_token_cost'
  | 'cache_creation_input_token_cost'
>;

/**
 * Cost of one call in USD:
 *
 *     (prompt − cached − creation)·input + cached·(cache_read ?? input)
 *       + creation·(cache_creation ?? input) + completion·output
 *
 * A model without a cache-read price bills cached tokens at the input rate (no discount),
 * and one without a cache-creation price bills cache writes at the input rate (OpenAI
 * style: writing the cache is free). Token counts below zero, or cached + creation above
 * the prompt, are caller bugs; they are clamped so a cost is never negative.
 */
export function callCost(prices: PriceFields, usage: Usage): number {
  const cached = Math.max(0, usage.cachedTokens);
  const creation = Math.max(0, usage.cacheCreationTokens);
  const uncached = Math.max(0, usage.promptTokens - cached - creation);
  const input = prices.input_cost_per_token;
  return (
    uncached * input +
    cached * (prices.cache_read_input_token_cost ?? input) +
    creation * (prices.cache_creation_input_token_cost ?? input) +
    Math.max(0, usage.completionTokens) * prices.output_cost_per_token
  );
}
