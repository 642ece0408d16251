/**
 * The OpenAI client half: the official `openai` SDK as the wire engine uses it — Chat
 * Completions at the provider's base URL, the scenario's reasoning setting sent as
 * `reasoning_effort`, usage read back from `usage` (reasoning tokens included in
 * completion_tokens and split out in completion_tokens_details).
 */
import OpenAI from 'openai';
import type { CallErrorKind } from '../../contracts/index.ts';
import { worldResponseId } from '../../contracts/index.ts';
import { errorKindOfStatus, httpFailure, type WireClientFormat } from '../wire-format.ts';

export const openAIClient: WireClientFormat = {
  create(baseUrl, apiKey) {
    const client = new OpenAI({ apiKey, baseURL: baseUrl, maxRetries: 0 });
    return {
      async send({ model, spec, request, maxTokens, timeoutMs, headers }) {
        const reasoning = spec?.reasoning;
        const effort = reasoning?.control === 'budget' ? undefined : reasoning?.setting.effort;
        const body = await client.chat.completions.create(
          {
            model,
            // OpenAI's o-series takes max_completion_tokens (reasoning + answer), not max_tokens.
            ...(reasoning?.control === 'effort'
              ? { max_completion_tokens: maxTokens }
              : { max_tokens: maxTokens }),
            messages: request.messages,
            ...(effort === undefined ? {} : { reasoning_effort: effort }),
          },
          headers === undefined ? { timeout: timeoutMs } : { timeout: timeoutMs, headers },
        );
        const choice = body.choices[0];
        return {
          // The world's id (the wire shows it as chatcmpl-…): the engine's records name the answer.
          id: worldResponseId(body.id),
          model: body.model,
          text: choice?.message.content ?? '',
          usage: {
            promptTokens: body.usage?.prompt_tokens ?? 0,
            completionTokens: body.usage?.completion_tokens ?? 0,
            cachedTokens: body.usage?.prompt_tokens_details?.cached_tokens ?? 0,
            cacheCreationTokens: 0,
            reasoningTokens: body.usage?.completion_tokens_details?.reasoning_tokens ?? 0,
          },
          finishReason: choice?.finish_reason === 'length' ? 'length' : 'stop',
          thinkingFromRecord: false,
        };
      },
    };
  },
  readError(error) {
    if (error instanceof OpenAI.APIConnectionTimeoutError) return { kind: 'timeout' };
    if (!(error instanceof OpenAI.APIError)) return undefined;
    const status = error.status ?? 0;
    return httpFailure(status, openAIErrorKind(status, error.code), error.message, error.headers);
  },
};

/** OpenAI's error body refines the status: a final quota 429, a context-length 400. */
function openAIErrorKind(status: number, code: unknown): CallErrorKind {
  if (status === 429 && code === 'insufficient_quota') return 'insufficient_quota';
  if (status === 400 && code === 'context_length_exceeded') return 'context_length';
  return errorKindOfStatus(status);
}
