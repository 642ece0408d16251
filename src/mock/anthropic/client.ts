/**
 * The Anthropic client half: the official `@anthropic-ai/sdk` as the wire engine uses it —
 * Messages at the provider's base URL, system messages as `system`, the scenario's thinking
 * budget as `thinking: { type: "enabled", budget_tokens }`. Anthropic bills thinking inside
 * output_tokens without splitting it out (and Claude 4's thinking block is a summary), so an
 * answer with a thinking block takes its thinking count from the provider's record.
 */
import Anthropic from '@anthropic-ai/sdk';
import type { CallErrorKind } from '../../contracts/index.ts';
import { worldResponseId } from '../../contracts/index.ts';
import { MIN_THINKING_BUDGET } from '../../world/reasoning.ts';
import { errorKindOfStatus, httpFailure, type WireClientFormat } from '../wire-format.ts';

export const anthropicClient: WireClientFormat = {
  create(baseUrl, apiKey) {
    const client = new Anthropic({ apiKey, baseURL: baseUrl, maxRetries: 0 });
    return {
      async send({ model, spec, request, maxTokens, timeoutMs, headers }) {
        const reasoning = spec?.reasoning;
        const system = request.messages.filter((message) => message.role === 'system');
        const budget = reasoning?.control === 'budget' ? (reasoning.setting.budgetTokens ?? 0) : 0;
        const body = await client.messages.create(
          {
            model,
            max_tokens: maxTokens,
            // The scenario's thinking budget, sent as Anthropic takes it (off unless ≥ 1,024).
            ...(budget >= MIN_THINKING_BUDGET
              ? { thinking: { type: 'enabled' as const, budget_tokens: budget } }
              : {}),
            ...(system.length > 0 ? { system: system.map((message) => message.content).join('\n\n') } : {}),
            messages: request.messages
              .filter((message) => message.role !== 'system')
              .map((message) => ({ role: message.role as 'user' | 'assistant', content: message.content })),
          },
          headers === undefined ? { timeout: timeoutMs } : { timeout: timeoutMs, headers },
        );
        const cached = body.usage.cache_read_input_tokens ?? 0;
        const creation = body.usage.cache_creation_input_tokens ?? 0;
        return {
          // The world's id (the wire shows it as msg_…): the engine's records name the answer.
          id: worldResponseId(body.id),
          model: body.model,
          text: body.content.map((block) => (block.type === 'text' ? block.text : '')).join(''),
          usage: {
            // Anthropic's input_tokens excludes cache reads and writes.
            promptTokens: body.usage.input_tokens + cached + creation,
            completionTokens: body.usage.output_tokens,
            cachedTokens: cached,
            cacheCreationTokens: creation,
            reasoningTokens: 0,
          },
          finishReason: body.stop_reason === 'max_tokens' ? 'length' : 'stop',
          thinkingFromRecord: body.content.some((block) => block.type === 'thinking'),
        };
      },
    };
  },
  readError(error) {
    if (error instanceof Anthropic.APIConnectionTimeoutError) return { kind: 'timeout' };
    if (!(error instanceof Anthropic.APIError)) return undefined;
    const status = error.status ?? 0;
    return httpFailure(status, anthropicErrorKind(status, error.message), error.message, error.headers);
  },
};

/** Anthropic's 400s say in words what they are: a prompt over the window, an empty balance. */
function anthropicErrorKind(status: number, message: string): CallErrorKind {
  if (status === 400 && message.includes('prompt is too long')) return 'context_length';
  if (status === 400 && message.includes('credit balance is too low')) return 'insufficient_quota';
  return errorKindOfStatus(status);
}
