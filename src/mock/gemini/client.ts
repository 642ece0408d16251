/**
 * The Gemini client half: the official `@google/genai` SDK as the wire engine uses it —
 * `models.generateContent` at the provider's base URL (the SDK adds /v1beta), system messages
 * as `systemInstruction`, the scenario's reasoning setting as `thinkingConfig.thinkingBudget`
 * (thinking.ts), usage read back from `usageMetadata` (thinking split out in
 * thoughtsTokenCount, so nothing comes from the provider's record). The SDK retries only when
 * given retryOptions, so it never does here; a timeout aborts its fetch.
 */
import { ApiError, GoogleGenAI } from '@google/genai';
import type { CallErrorKind } from '../../contracts/index.ts';
import { isRecord } from '../parse.ts';
import { errorKindOfStatus, type WireClientFormat } from '../wire-format.ts';
import { RETRY_INFO_TYPE } from './errors.ts';
import { thinkingBudgetOf } from './thinking.ts';

export const geminiClient: WireClientFormat = {
  create(baseUrl, apiKey) {
    const client = new GoogleGenAI({ apiKey, httpOptions: { baseUrl } });
    return {
      async send({ model, spec, request, maxTokens, timeoutMs, headers }) {
        const system = request.messages.filter((message) => message.role === 'system');
        const thinkingBudget = thinkingBudgetOf(spec);
        const response = await client.models.generateContent({
          model,
          contents: request.messages
            .filter((message) => message.role !== 'system')
            .map((message) => ({
              role: message.role === 'assistant' ? 'model' : 'user',
              parts: [{ text: message.content }],
            })),
          config: {
            maxOutputTokens: maxTokens,
            ...(system.length > 0
              ? { systemInstruction: system.map((message) => message.content).join('\n\n') }
              : {}),
            ...(thinkingBudget === undefined ? {} : { thinkingConfig: { thinkingBudget } }),
            httpOptions: { timeout: timeoutMs, ...(headers === undefined ? {} : { headers }) },
          },
        });
        const usage = response.usageMetadata;
        const candidate = response.candidates?.[0];
        const thoughts = usage?.thoughtsTokenCount ?? 0;
        return {
          id: response.responseId ?? '',
          model: response.modelVersion ?? model,
          text: (candidate?.content?.parts ?? [])
            .map((part) => (part.thought === true ? '' : (part.text ?? '')))
            .join(''),
          usage: {
            promptTokens: usage?.promptTokenCount ?? 0,
            completionTokens: (usage?.candidatesTokenCount ?? 0) + thoughts,
            cachedTokens: usage?.cachedContentTokenCount ?? 0,
            cacheCreationTokens: 0,
            reasoningTokens: thoughts,
          },
          finishReason: candidate?.finishReason === 'MAX_TOKENS' ? 'length' : 'stop',
          thinkingFromRecord: false,
        };
      },
    };
  },
  readError(error) {
    // The SDK's timeout aborts its fetch: an AbortError, not an ApiError.
    if (error instanceof Error && error.name === 'AbortError') return { kind: 'timeout' };
    if (!(error instanceof ApiError)) return undefined;
    const body = readErrorBody(error.message);
    const retryDelay = body.details
      .map((detail) => (detail['@type'] === RETRY_INFO_TYPE ? detail['retryDelay'] : undefined))
      .find((delay) => typeof delay === 'string');
    const kind = geminiErrorKind(error.status, body.message, retryDelay !== undefined);
    return {
      kind,
      status: error.status,
      message: body.message,
      retryAfterMs: kind === 'rate_limit' && retryDelay !== undefined ? durationMs(retryDelay) : undefined,
    };
  },
};

/** A 429 with a retry hint is a rate limit, without one an exhausted balance; a 400 names an overflow. */
function geminiErrorKind(status: number, message: string, retryHint: boolean): CallErrorKind {
  if (status === 429) return retryHint ? 'rate_limit' : 'insufficient_quota';
  if (status === 400 && message.includes('exceeds the maximum number of tokens')) return 'context_length';
  return errorKindOfStatus(status);
}

/** ApiError's message is the error body as JSON text. */
function readErrorBody(text: string): { message: string; details: Record<string, unknown>[] } {
  try {
    const parsed: unknown = JSON.parse(text);
    const error = isRecord(parsed) && isRecord(parsed['error']) ? parsed['error'] : {};
    return {
      message: typeof error['message'] === 'string' ? error['message'] : text,
      details: Array.isArray(error['details']) ? error['details'].filter(isRecord) : [],
    };
  } catch {
    return { message: text, details: [] };
  }
}

/** A protobuf Duration ("1.200s") as whole ms. */
export function durationMs(text: string): number {
  return Math.round(Number.parseFloat(text) * 1000);
}
