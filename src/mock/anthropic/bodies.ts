/**
 * Anthropic success bodies. Usage follows Anthropic's accounting: `input_tokens` EXCLUDES
 * tokens read from or written to the cache, which are reported on their own.
 */
import type { AnsweredCall } from '../../contracts/index.ts';
import { wireResponseId } from '../../contracts/index.ts';
import { thinkingBlock } from './thinking.ts';

export interface AnthropicUsage {
  input_tokens: number;
  output_tokens: number;
  cache_read_input_tokens: number;
  cache_creation_input_tokens: number;
}

export function anthropicUsage(call: AnsweredCall): AnthropicUsage {
  const { promptTokens, completionTokens, cachedTokens, cacheCreationTokens } = call.usage;
  return {
    input_tokens: Math.max(0, promptTokens - cachedTokens - cacheCreationTokens),
    output_tokens: completionTokens,
    cache_read_input_tokens: cachedTokens,
    cache_creation_input_tokens: cacheCreationTokens,
  };
}

export function stopReason(call: AnsweredCall): 'end_turn' | 'max_tokens' {
  return call.finishReason === 'length' ? 'max_tokens' : 'end_turn';
}

export function messageBody(call: AnsweredCall, model: string) {
  const thinking = thinkingBlock(call);
  return {
    id: wireResponseId('message', call.id),
    type: 'message' as const,
    role: 'assistant' as const,
    model,
    content: [...(thinking === undefined ? [] : [thinking]), { type: 'text' as const, text: call.text }],
    stop_reason: stopReason(call),
    stop_sequence: null,
    usage: anthropicUsage(call),
  };
}
