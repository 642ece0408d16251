/**
 * The blended price per token: one public figure — what price comparison sites print — that the
 * world's catalog (cheapest model) and the strategies' model orderings must compute alike. Pure
 * arithmetic over published prices, so it sits in the vocabulary every layer imports: a strategy
 * reads prices from its ModelInfo and blends them here, never through the world's catalog.
 */

/**
 * Visible output tokens of a typical request, for pricing hidden reasoning against. **Assumption**:
 * the default traffic's task templates answer with medians of 40–450 tokens (fixtures/tasks), most
 * near 150–250.
 */
export const TYPICAL_VISIBLE_OUTPUT_TOKENS = 200;

/**
 * Blended price per token, USD, weighting input 3 : output 1 (the usual ratio of prompt to
 * completion tokens in chat traffic, as price comparison sites blend it), with a reasoning
 * model's hidden tokens billed at the output rate on top of the visible output:
 * (3·input + output·(1 + reasoningTokens / TYPICAL_VISIBLE_OUTPUT_TOKENS)) / 4. Per-token prices
 * alone rank o3-mini below Claude Sonnet; per request it costs more.
 *
 * @param inputPerToken USD per input token
 * @param outputPerToken USD per output token
 * @param reasoningTokens hidden reasoning tokens of a typical request (0: the model does not reason)
 */
export function blendPrices(inputPerToken: number, outputPerToken: number, reasoningTokens: number): number {
  return (3 * inputPerToken + outputPerToken * (1 + reasoningTokens / TYPICAL_VISIBLE_OUTPUT_TOKENS)) / 4;
}
