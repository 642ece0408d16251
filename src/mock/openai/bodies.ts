/** OpenAI success bodies: chat.completion, the usage block, and the model list. */
import type { AnsweredCall, ModelSpec } from '../../contracts/index.ts';
import { wireResponseId } from '../../contracts/index.ts';
import { type AnswerRequest, shapeAnswer, TEXT_ONLY, type ToolCall } from '../answer-shape.ts';
import type { Clock } from '../clock.ts';
import { toDate } from '../clock.ts';
import { tokenLogprobs, tokenPieces } from './logprobs.ts';

export interface OpenAIUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: { cached_tokens: number };
  /** Hidden reasoning tokens, already inside completion_tokens (0 for a model that does not reason). */
  completion_tokens_details: { reasoning_tokens: number };
}

export function openAIUsage(call: AnsweredCall): OpenAIUsage {
  const { promptTokens, completionTokens, cachedTokens, reasoningTokens } = call.usage;
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    prompt_tokens_details: { cached_tokens: cachedTokens },
    completion_tokens_details: { reasoning_tokens: reasoningTokens },
  };
}

/** `created`: Unix seconds of a virtual time. */
export function createdSeconds(clock: Clock, virtualMs: number): number {
  return Math.floor(toDate(clock, virtualMs).getTime() / 1000);
}

export interface CompletionOptions {
  /** Model name echoed back (as the client sent it). */
  model: string;
  logprobs: boolean;
  topLogprobs: number;
  /** Tools and JSON mode: the shape of each choice. @default text */
  answer?: AnswerRequest;
}

/** Usage of `n` choices: the prompt once, the completions summed (as OpenAI bills `n`). */
export function choicesUsage(calls: readonly AnsweredCall[]): OpenAIUsage {
  const usage = openAIUsage(calls[0]!);
  for (const call of calls.slice(1)) {
    usage.completion_tokens += call.usage.completionTokens;
    usage.completion_tokens_details.reasoning_tokens += call.usage.reasoningTokens;
  }
  usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;
  return usage;
}

/** A tool call as Chat Completions writes it. */
export function chatToolCall(call: ToolCall) {
  return {
    id: `call_${call.idSuffix}`,
    type: 'function' as const,
    function: { name: call.name, arguments: call.arguments },
  };
}

export function chatCompletionBody(calls: readonly AnsweredCall[], clock: Clock, options: CompletionOptions) {
  const first = calls[0]!;
  return {
    id: wireResponseId('chatCompletion', first.id),
    object: 'chat.completion' as const,
    created: createdSeconds(clock, first.timing.startMs),
    model: options.model,
    choices: calls.map((call, index) => {
      const shape = shapeAnswer(options.answer ?? TEXT_ONLY, call.id, call.text);
      if (shape.kind === 'tool') {
        return {
          index,
          message: {
            role: 'assistant' as const,
            content: null,
            tool_calls: [chatToolCall(shape.call)],
            refusal: null,
          },
          logprobs: null,
          finish_reason: 'tool_calls',
        };
      }
      return {
        index,
        message: { role: 'assistant' as const, content: shape.text, refusal: null },
        logprobs: options.logprobs
          ? {
              content: tokenLogprobs(
                tokenPieces(shape.text),
                call.outcome.logprobConfidence,
                options.topLogprobs,
              ),
              refusal: null,
            }
          : null,
        finish_reason: call.finishReason,
      };
    }),
    usage: choicesUsage(calls),
    system_fingerprint: 'fp_routesim',
  };
}

/** GET /models: the provider's catalog models. */
export function modelListBody(models: readonly ModelSpec[], provider: string, created: number) {
  return {
    object: 'list' as const,
    data: models
      .filter((model) => model.provider === provider)
      .map((model) => ({ id: model.id, object: 'model' as const, created, owned_by: provider })),
  };
}
