/**
 * Anthropic success bodies. Usage follows Anthropic's accounting: `input_tokens` EXCLUDES
 * tokens read from or written to the cache, which are reported on their own.
 */
import type { AnsweredCall } from '../../contracts/index.ts';
import { wireResponseId } from '../../contracts/index.ts';
import {
  type AnswerRequest,
  type AnswerShape,
  shapeAnswer,
  TEXT_ONLY,
  type ToolCall,
} from '../answer-shape.ts';
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

export function stopReason(call: AnsweredCall, shape?: AnswerShape): 'end_turn' | 'max_tokens' | 'tool_use' {
  if (shape?.kind === 'tool') return 'tool_use';
  return call.finishReason === 'length' ? 'max_tokens' : 'end_turn';
}

/** A tool call as a Messages `tool_use` block. */
export function toolUseBlock(call: ToolCall) {
  return { type: 'tool_use' as const, id: `toolu_${call.idSuffix}`, name: call.name, input: call.input };
}

export function messageBody(call: AnsweredCall, model: string, answer: AnswerRequest = TEXT_ONLY) {
  const thinking = thinkingBlock(call);
  const shape = shapeAnswer(answer, call.id, call.text);
  return {
    id: wireResponseId('message', call.id),
    type: 'message' as const,
    role: 'assistant' as const,
    model,
    content: [
      ...(thinking === undefined ? [] : [thinking]),
      shape.kind === 'tool' ? toolUseBlock(shape.call) : { type: 'text' as const, text: shape.text },
    ],
    stop_reason: stopReason(call, shape),
    stop_sequence: null,
    usage: anthropicUsage(call),
  };
}
