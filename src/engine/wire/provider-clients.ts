/**
 * `context.call` on the wire: the official client of the model's provider — `openai` for the
 * OpenAI-compatible providers, `@anthropic-ai/sdk` for Anthropic — sends a real HTTP request
 * to the provider's real base URL, and what comes back is read as a CallOutcome the way the
 * direct engine reads the world's verdict (call-outcome.ts). Clients have `maxRetries: 0`:
 * retrying is the strategy's job.
 *
 * What the wire carries decides the outcome: status and error body → kind, `retry-after-ms`
 * → retryAfterMs, usage → cost at the catalog's prices, virtual arrival time → latency. The
 * figures a non-streaming response does not carry — time to first token, logprob
 * confidence (sent only as ln(conf) per token, whose exp may differ in the last bit),
 * self-rated certainty (not sent at all) and Anthropic's thinking tokens (inside output_tokens,
 * not split out) — come from the provider's record of that response. The scenario's reasoning
 * setting is sent as the providers take it: `reasoning_effort` (OpenAI-compatible) or
 * `thinking: { type: "enabled", budget_tokens }` (Anthropic).
 */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import type { CallErrorKind, RouteRequest, Usage, World } from '../../contracts/index.ts';
import type { CallOutcome } from '../../strategies/types.ts';
import { callCost } from '../../world/pricing.ts';
import { MIN_THINKING_BUDGET } from '../../world/reasoning.ts';
import { clientTimeoutOutcome } from '../call-outcome.ts';

/** API key the clients send; the mocks need none and nothing leaves the process. */
export const MOCK_API_KEY = 'routesim-mock-key';

export interface ProviderClients {
  /**
   * Send one call; resolves with the response body or rejects with the SDK's error. `headers`
   * are extra request headers (a judge call's x-routesim-judge-*, src/mock/judge.ts).
   */
  send(
    model: string,
    request: RouteRequest,
    maxTokens: number,
    timeoutMs: number,
    headers?: Record<string, string>,
  ): Promise<WireResponse>;
}

export type WireResponse =
  | { wire: 'openai'; body: OpenAI.ChatCompletion }
  | { wire: 'anthropic'; body: Anthropic.Message };

export function createProviderClients(world: World): ProviderClients {
  const openai = new Map<string, OpenAI>();
  const anthropic = new Map<string, Anthropic>();
  for (const [key, spec] of Object.entries(world.catalog.providers)) {
    if (spec.wire === 'anthropic') {
      anthropic.set(key, new Anthropic({ apiKey: MOCK_API_KEY, baseURL: spec.baseUrl, maxRetries: 0 }));
    } else openai.set(key, new OpenAI({ apiKey: MOCK_API_KEY, baseURL: spec.baseUrl, maxRetries: 0 }));
  }
  return {
    async send(model, request, maxTokens, timeoutMs, headers) {
      const requestOptions = headers === undefined ? { timeout: timeoutMs } : { timeout: timeoutMs, headers };
      const spec = world.model(model);
      const provider = spec?.provider;
      const reasoning = spec?.reasoning;
      const messageClient = provider === undefined ? undefined : anthropic.get(provider);
      if (messageClient !== undefined) {
        const system = request.messages.filter((message) => message.role === 'system');
        const budget = reasoning?.control === 'budget' ? (reasoning.setting.budgetTokens ?? 0) : 0;
        const body = await messageClient.messages.create(
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
          requestOptions,
        );
        return { wire: 'anthropic', body };
      }
      // An unknown model goes to the first OpenAI-compatible provider, which answers 404.
      const client =
        (provider === undefined ? undefined : openai.get(provider)) ?? openai.values().next().value;
      if (client === undefined) throw new Error('no OpenAI-compatible provider in the catalog');
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
        requestOptions,
      );
      return { wire: 'openai', body };
    },
  };
}

/** What the engine needs from a call besides the outcome. */
export interface WireObserved {
  outcome: CallOutcome;
  kind: 'ok' | CallErrorKind;
  status: number;
  responseId: string | undefined;
}

/** An answer as the client read it. `startMs`/`nowMs`: when the call was admitted and answered. */
export function answeredOutcome(
  world: World,
  response: WireResponse,
  startMs: number,
  nowMs: number,
): WireObserved {
  const { id, model, text, usage: wireUsage, finishReason } = readResponse(response);
  const spec = world.model(model);
  const record = world.ledger.get(id);
  const timing = record?.timing;
  // Anthropic bills thinking inside output_tokens without splitting it out, and Claude 4's
  // thinking block is a summary, not the full text: the count comes from the provider's record
  // of the response, like TTFT (src/mock/anthropic/thinking.ts). A reply with no thinking block
  // did not think.
  const usage =
    response.wire === 'anthropic' && response.body.content.some((block) => block.type === 'thinking')
      ? { ...wireUsage, reasoningTokens: record?.usage.reasoningTokens ?? 0 }
      : wireUsage;
  return {
    outcome: {
      ok: true,
      responseId: id,
      model,
      text,
      usage,
      costUsd: spec === undefined ? 0 : callCost(spec, usage),
      latencyMs: nowMs - startMs,
      ttftMs: timing === undefined ? Number.NaN : timing.queueMs + timing.ttftMs,
      logprobConfidence: record?.outcome.logprobConfidence ?? Number.NaN,
      selfRatedCertainty: record?.outcome.selfRatedCertainty ?? Number.NaN,
      finishReason,
    },
    kind: 'ok',
    status: 200,
    responseId: id,
  };
}

function readResponse(response: WireResponse): {
  id: string;
  model: string;
  text: string;
  usage: Usage;
  finishReason: 'stop' | 'length';
} {
  if (response.wire === 'openai') {
    const body = response.body;
    const choice = body.choices[0];
    return {
      id: body.id,
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
    };
  }
  const body = response.body;
  const cached = body.usage.cache_read_input_tokens ?? 0;
  const creation = body.usage.cache_creation_input_tokens ?? 0;
  return {
    id: body.id,
    model: body.model,
    text: body.content.map((block) => (block.type === 'text' ? block.text : '')).join(''),
    usage: {
      // Anthropic's input_tokens excludes cache reads and writes.
      promptTokens: body.usage.input_tokens + cached + creation,
      completionTokens: body.usage.output_tokens,
      cachedTokens: cached,
      cacheCreationTokens: creation,
      // Anthropic reports thinking inside output_tokens, not split out: answeredOutcome fills it in.
      reasoningTokens: 0,
    },
    finishReason: body.stop_reason === 'max_tokens' ? 'length' : 'stop',
  };
}

/** The client timeout as the direct engine words it. */
export function timeoutOutcome(model: string, timeoutMs: number, latencyMs: number): WireObserved {
  return {
    outcome: clientTimeoutOutcome(model, timeoutMs, latencyMs),
    kind: 'timeout',
    status: 0,
    responseId: undefined,
  };
}

/** An SDK error as the client sees it: its status, error body and headers. */
export function failedOutcome(
  model: string,
  error: unknown,
  timeoutMs: number,
  latencyMs: number,
): WireObserved {
  if (
    error instanceof OpenAI.APIConnectionTimeoutError ||
    error instanceof Anthropic.APIConnectionTimeoutError
  ) {
    return timeoutOutcome(model, timeoutMs, latencyMs);
  }
  const status =
    error instanceof OpenAI.APIError || error instanceof Anthropic.APIError ? (error.status ?? 0) : 0;
  const message = error instanceof Error ? error.message : String(error);
  const kind = status === 0 ? 'network' : errorKind(status, error as { code?: unknown }, message);
  const headers = (error as { headers?: Headers }).headers;
  const retryAfter = headers?.get('retry-after-ms');
  return {
    outcome: {
      ok: false,
      model,
      kind,
      status,
      message,
      retryAfterMs: kind === 'rate_limit' && retryAfter != null ? Number(retryAfter) : undefined,
      latencyMs,
    },
    kind,
    status,
    responseId: undefined,
  };
}

/** Kind of an HTTP error, from the status and the provider's error body (both wire formats). */
export function errorKind(status: number, error: { code?: unknown }, message: string): CallErrorKind {
  if (status === 429) return error.code === 'insufficient_quota' ? 'insufficient_quota' : 'rate_limit';
  if (status === 400) {
    if (error.code === 'context_length_exceeded' || message.includes('prompt is too long'))
      return 'context_length';
    if (message.includes('credit balance is too low')) return 'insufficient_quota';
  }
  if (status === 404) return 'not_found';
  if (status === 529) return 'overloaded';
  return 'server_error';
}
