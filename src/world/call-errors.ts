/**
 * The errors the world answers with, worded like the providers' own messages so that logs
 * and the wire mocks read like production.
 */
import type { CallError, RateLimitSnapshot } from '../contracts/index.ts';

export function notFoundError(model: string, atMs: number): CallError {
  return {
    kind: 'not_found',
    status: 404,
    message: `The model \`${model}\` does not exist or you do not have access to it.`,
    atMs,
  };
}

/** OpenAI's context_length_exceeded wording. */
export function contextLengthError(maxInputTokens: number, promptTokens: number, atMs: number): CallError {
  return {
    kind: 'context_length',
    status: 400,
    message:
      `This model's maximum context length is ${maxInputTokens} tokens. However, your messages ` +
      `resulted in ${promptTokens} tokens. Please reduce the length of the messages.`,
    atMs,
  };
}

/** A 5xx from an 'error' or 'partial' fault: 529 is Anthropic's overload, the rest server errors. */
export function serverError(status: number, atMs: number): CallError {
  return status === 529
    ? { kind: 'overloaded', status, message: 'Overloaded', atMs }
    : {
        kind: 'server_error',
        status,
        message: 'The server had an error while processing your request. Sorry about that!',
        atMs,
      };
}

/** A 'reset' fault: the connection drops, the client sees a network error (no HTTP status). */
export function networkError(atMs: number): CallError {
  return { kind: 'network', status: 0, message: 'Connection reset by peer (ECONNRESET)', atMs };
}

/** A 'timeout' fault: the call hangs; the caller observes it only when it gives up. */
export function timeoutError(): CallError {
  return {
    kind: 'timeout',
    status: 0,
    message: 'The provider did not answer (the call hangs until the client times out).',
    atMs: Number.POSITIVE_INFINITY,
  };
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))}s`;
}

/** A 429 from the RPM/TPM limiter, in OpenAI's wording. */
export function rateLimitError(options: {
  model: string;
  limitType: 'requests' | 'tokens';
  retryAfterMs: number;
  usedRequests: number;
  usedTokens: number;
  requestedTokens: number;
  snapshot: RateLimitSnapshot;
  atMs: number;
}): CallError {
  const { model, limitType, retryAfterMs, snapshot, atMs } = options;
  const detail =
    limitType === 'requests'
      ? `on requests per min (RPM): Limit ${snapshot.limitRequests}, Used ${options.usedRequests}, Requested 1.`
      : `on tokens per min (TPM): Limit ${snapshot.limitTokens}, Used ${options.usedTokens}, Requested ${options.requestedTokens}.`;
  return {
    kind: 'rate_limit',
    status: 429,
    message: `Rate limit reached for ${model} in organization org-routesim ${detail} Please try again in ${seconds(retryAfterMs)}.`,
    atMs,
    retryAfterMs,
    limitType,
    rateLimit: snapshot,
  };
}

/** A 'rate_limit' fault (429 storm): every call refused, whatever the budget says. */
export function rateLimitStormError(
  model: string,
  retryAfterMs: number,
  snapshot: RateLimitSnapshot,
  atMs: number,
): CallError {
  return {
    kind: 'rate_limit',
    status: 429,
    message: `Rate limit reached for ${model} in organization org-routesim on requests per min (RPM). Please try again in ${seconds(retryAfterMs)}.`,
    atMs,
    retryAfterMs,
    limitType: 'requests',
    rateLimit: {
      ...snapshot,
      remainingRequests: 0,
      remainingTokens: 0,
      resetRequestsMs: retryAfterMs,
      resetTokensMs: retryAfterMs,
    },
  };
}
