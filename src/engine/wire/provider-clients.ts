/**
 * `context.call` on the wire: the official client of the provider's wire format (its adapter's
 * client half, src/mock/formats.ts) sends a real HTTP request to the provider's real base URL,
 * and what comes back is read as a CallOutcome the way the direct engine reads the world's
 * verdict (call-outcome.ts). Clients never retry: retrying is the strategy's job.
 *
 * What the wire carries decides the outcome: status and error body → kind, the format's
 * retry hint → retryAfterMs, usage → cost at the catalog's prices, virtual arrival time →
 * latency. The figures a non-streaming response does not carry — time to first token, logprob
 * confidence (sent only as ln(conf) per token, whose exp may differ in the last bit),
 * self-rated certainty (not sent at all) and thinking tokens a format does not split out
 * (Anthropic's) — come from the provider's record of that response.
 */
import type { CallErrorKind, RouteRequest, World } from '../../contracts/index.ts';
import { WIRE_FORMATS } from '../../mock/formats.ts';
import type { WireAnswer, WireClient } from '../../mock/wire-format.ts';
import type { CallOutcome } from '../../strategies/types.ts';
import { callCost } from '../../world/pricing.ts';
import { clientTimeoutOutcome } from '../call-outcome.ts';

/** API key the clients send; the mocks need none and nothing leaves the process. */
export const MOCK_API_KEY = 'routesim-mock-key';

export interface ProviderClients {
  /**
   * Send one call; resolves with the answer or rejects with the SDK's error. `headers` are
   * extra request headers (a judge call's x-routesim-judge-*, src/mock/judge.ts).
   */
  send(
    model: string,
    request: RouteRequest,
    maxTokens: number,
    timeoutMs: number,
    headers?: Record<string, string>,
  ): Promise<WireAnswer>;
}

export function createProviderClients(world: World): ProviderClients {
  const clients = new Map<string, WireClient>();
  let fallback: WireClient | undefined;
  for (const [key, spec] of Object.entries(world.catalog.providers)) {
    const client = WIRE_FORMATS[spec.wire].client.create(spec.baseUrl, MOCK_API_KEY);
    clients.set(key, client);
    // An unknown model goes to the first OpenAI-compatible provider, which answers 404 (the
    // direct engine's wording); any provider when there is none.
    if (spec.wire === 'openai') fallback ??= client;
  }
  fallback ??= clients.values().next().value;
  return {
    send(model, request, maxTokens, timeoutMs, headers) {
      const spec = world.model(model);
      const client = (spec === undefined ? undefined : clients.get(spec.provider)) ?? fallback;
      if (client === undefined) throw new Error('no provider in the catalog');
      return client.send({
        model,
        spec,
        request,
        maxTokens,
        timeoutMs,
        ...(headers === undefined ? {} : { headers }),
      });
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
  answer: WireAnswer,
  startMs: number,
  nowMs: number,
): WireObserved {
  const { id, model, text, finishReason } = answer;
  const spec = world.model(model);
  const record = world.ledger.get(id);
  const timing = record?.timing;
  // A format that bills thinking without splitting it out: the count comes from the provider's
  // record of the response, like TTFT (src/mock/anthropic/thinking.ts).
  const usage = answer.thinkingFromRecord
    ? { ...answer.usage, reasoningTokens: record?.usage.reasoningTokens ?? 0 }
    : answer.usage;
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

/** The client timeout as the direct engine words it. */
export function timeoutOutcome(model: string, timeoutMs: number, latencyMs: number): WireObserved {
  return {
    outcome: clientTimeoutOutcome(model, timeoutMs, latencyMs),
    kind: 'timeout',
    status: 0,
    responseId: undefined,
  };
}

/** An SDK error as the client sees it: its status, error body and headers, read by its format. */
export function failedOutcome(
  world: World,
  model: string,
  error: unknown,
  timeoutMs: number,
  latencyMs: number,
): WireObserved {
  const provider = world.model(model)?.provider;
  const format = provider === undefined ? undefined : world.catalog.providers[provider]?.wire;
  // Each SDK throws its own error classes; an unknown model was sent by the fallback client.
  const failure = (format === undefined ? [] : [format])
    .concat(Object.keys(WIRE_FORMATS) as (keyof typeof WIRE_FORMATS)[])
    .map((name) => WIRE_FORMATS[name].client.readError(error))
    .find((read) => read !== undefined);
  if (failure?.kind === 'timeout') return timeoutOutcome(model, timeoutMs, latencyMs);
  const message = error instanceof Error ? error.message : String(error);
  const { kind, status, retryAfterMs } = failure ?? {
    kind: 'network' as const,
    status: 0,
    retryAfterMs: undefined,
  };
  return {
    outcome: {
      ok: false,
      model,
      kind,
      status,
      message: failure?.message ?? message,
      retryAfterMs,
      latencyMs,
    },
    kind,
    status,
    responseId: undefined,
  };
}
