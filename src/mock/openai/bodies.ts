/** OpenAI success bodies: chat.completion, the usage block, and the model list. */
import type { AnsweredCall, ModelSpec } from '../../contracts/index.ts';
import { wireResponseId } from '../../contracts/index.ts';
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
}

export function chatCompletionBody(call: AnsweredCall, clock: Clock, options: CompletionOptions) {
  return {
    id: wireResponseId('chatCompletion', call.id),
    object: 'chat.completion' as const,
    created: createdSeconds(clock, call.timing.startMs),
    model: options.model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant' as const, content: call.text, refusal: null },
        logprobs: options.logprobs
          ? {
              content: tokenLogprobs(
                tokenPieces(call.text),
                call.outcome.logprobConfidence,
                options.topLogprobs,
              ),
              refusal: null,
            }
          : null,
        finish_reason: call.finishReason,
      },
    ],
    usage: openAIUsage(call),
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
