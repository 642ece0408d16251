/**
 * max_tokens as both engines send it: the visible-answer limit a strategy (or the request)
 * asks for, plus the reasoning headroom of a reasoning model — providers count hidden
 * reasoning against max_tokens, so an application routing to o3-mini or Gemini 2.5 Pro
 * reserves room for it (src/world/reasoning.ts, reasoningHeadroom). One function for the
 * direct and the wire engine keeps their calls, and so their results, identical.
 */

import type { World } from '../contracts/index.ts';
import { maxTokensWithReasoning } from '../world/reasoning.ts';

export function sentMaxTokens(world: World, model: string, visibleMaxTokens: number): number {
  const spec = world.model(model);
  return spec === undefined ? visibleMaxTokens : maxTokensWithReasoning(spec, visibleMaxTokens);
}
