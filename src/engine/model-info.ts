/**
 * Public facts about the candidate models, as a strategy may see them: prices, limits,
 * published latency and benchmarks. Quality targets, confidence dials and everything else
 * the world uses to decide outcomes stay behind.
 */

import type { Catalog, ModelSpec } from '../contracts/index.ts';
import type { ModelInfo } from '../strategies/types.ts';
import { meanAccuracy, typicalReasoningTokens } from '../world/catalog.ts';

export function modelInfo(spec: ModelSpec): ModelInfo {
  return {
    id: spec.id,
    provider: spec.provider,
    inputCostPerToken: spec.input_cost_per_token,
    outputCostPerToken: spec.output_cost_per_token,
    cacheReadCostPerToken: spec.cache_read_input_token_cost,
    maxInputTokens: spec.max_input_tokens,
    maxOutputTokens: spec.max_output_tokens,
    ttftMedianMs: spec.measuredFirstChunkMs ?? spec.ttftMedianMs,
    typicalReasoningTokens: typicalReasoningTokens(spec),
    decodeTokensPerSecond: spec.decodeTokensPerSecond,
    benchmarks: { ...spec.benchmarks },
    leaderboardScore: meanAccuracy(spec),
  };
}

/** ModelInfo of each id, in the order given (the scenario's candidate order). */
export function modelInfos(catalog: Catalog, ids: readonly string[]): ModelInfo[] {
  const byId = new Map(catalog.models.map((spec) => [spec.id, spec]));
  return ids.map((id) => {
    const spec = byId.get(id);
    if (spec === undefined) throw new Error(`candidate model ${id} is not in the catalog`);
    return modelInfo(spec);
  });
}
