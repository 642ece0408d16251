/**
 * The drill's client: one simulated request sent to the gateway as an application would, on the
 * OpenAI Chat Completions wire (POST <gateway>/chat/completions) or Anthropic Messages
 * (POST <gateway>/messages), with the user's headers (e.g. x-portkey-config). It reads the whole
 * answer and reports only the status and the time it took: what the gateway did behind it is
 * read from routesim's call log. An edge: real HTTP, real time.
 */
import type { RouteRequest } from '../contracts/index.ts';

export type DrillWire = 'openai' | 'anthropic';

export interface DrillClientOptions {
  /** The gateway's base URL, e.g. "http://127.0.0.1:8787/v1". */
  gateway: string;
  wire: DrillWire;
  /** Model named in the body (a gateway config may override it). */
  model: string;
  headers: Readonly<Record<string, string>>;
  /** Real ms before the client gives up on one request. */
  timeoutMs: number;
}

export interface SentRequest {
  /** HTTP status; 0 = no answer (network error or the client's timeout). */
  status: number;
  /** Send → answer read, real ms. */
  latencyMs: number;
}

export async function sendDrillRequest(
  request: RouteRequest,
  options: DrillClientOptions,
): Promise<SentRequest> {
  const base = options.gateway.replace(/\/+$/, '');
  const isOpenAI = options.wire === 'openai';
  const url = `${base}${isOpenAI ? '/chat/completions' : '/messages'}`;
  const system = request.messages.filter((message) => message.role === 'system').map((m) => m.content);
  const body = isOpenAI
    ? { model: options.model, messages: request.messages, max_tokens: request.maxTokens }
    : {
        model: options.model,
        max_tokens: request.maxTokens,
        ...(system.length === 0 ? {} : { system: system.join('\n\n') }),
        messages: request.messages.filter((message) => message.role !== 'system'),
      };
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    ...(isOpenAI
      ? { authorization: 'Bearer routesim-drill' }
      : { 'x-api-key': 'routesim-drill', 'anthropic-version': '2023-06-01' }),
    ...options.headers,
  };
  const started = performance.now();
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    await response.arrayBuffer();
    return { status: response.status, latencyMs: performance.now() - started };
  } catch {
    return { status: 0, latencyMs: performance.now() - started };
  }
}
