/**
 * Anthropic's error shape: `{"type":"error","error":{"type","message"},"request_id"}`
 * with the request id also in the `request-id` header. Overload is HTTP 529.
 */
import type { CallError, ModelSpec } from '../../contracts/index.ts';
import type { Clock } from '../clock.ts';
import { toClientMs } from '../clock.ts';
import { localRequestId } from '../request-ids.ts';
import { anthropicRateLimitHeaders, anthropicRetryHeaders } from './headers.ts';

export type AnthropicErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'not_found_error'
  | 'request_too_large'
  | 'rate_limit_error'
  | 'api_error'
  | 'overloaded_error';

export function anthropicErrorResponse(
  status: number,
  type: AnthropicErrorType,
  message: string,
  requestId: string = localRequestId(),
  headers: Record<string, string> = {},
): Response {
  return Response.json(
    { type: 'error', error: { type, message }, request_id: requestId },
    { status, headers: { ...headers, 'request-id': requestId } },
  );
}

export function anthropicInvalidRequest(message: string): Response {
  return anthropicErrorResponse(400, 'invalid_request_error', message);
}

export function anthropicModelNotFound(model: string): Response {
  return anthropicErrorResponse(404, 'not_found_error', `model: ${model}`);
}

export interface AnthropicErrorInput {
  error: CallError;
  model: ModelSpec;
  clock: Clock;
  promptTokens: number;
  requestId: string;
  /** The call was a judge call (judge.ts): a 404 names the judged id, not the model. @default false */
  judgeCall?: boolean;
}

/** The response for a world error other than 'timeout' and 'network'. */
export function anthropicCallError({
  error,
  model,
  clock,
  promptTokens,
  requestId,
  judgeCall = false,
}: AnthropicErrorInput): Response {
  switch (error.kind) {
    case 'rate_limit': {
      const clientMs = toClientMs(clock, error.retryAfterMs ?? 1000);
      const snapshot = error.rateLimit;
      const onTokens = error.limitType === 'tokens';
      const limit = snapshot === undefined ? 0 : onTokens ? snapshot.limitTokens : snapshot.limitRequests;
      const message = `This request would exceed the rate limit for your organization of ${limit} ${onTokens ? 'input tokens' : 'requests'} per minute. For details, refer to: https://docs.claude.com/en/api/rate-limits. You can see the response headers for current usage. Please reduce the prompt length or the maximum tokens requested, or try again later.`;
      return anthropicErrorResponse(429, 'rate_limit_error', message, requestId, {
        ...(snapshot === undefined ? {} : anthropicRateLimitHeaders(snapshot, clock, error.atMs)),
        ...anthropicRetryHeaders(clientMs),
      });
    }
    case 'insufficient_quota':
      return anthropicErrorResponse(
        400,
        'invalid_request_error',
        'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.',
        requestId,
      );
    case 'context_length':
      return anthropicErrorResponse(
        400,
        'invalid_request_error',
        `prompt is too long: ${promptTokens} tokens > ${model.max_input_tokens} maximum`,
        requestId,
      );
    case 'not_found':
      return anthropicErrorResponse(
        404,
        'not_found_error',
        judgeCall ? error.message : `model: ${model.id}`,
        requestId,
      );
    default:
      if (error.kind === 'overloaded' || error.status === 529) {
        return anthropicErrorResponse(529, 'overloaded_error', 'Overloaded', requestId);
      }
      return anthropicErrorResponse(
        Math.max(error.status, 500),
        'api_error',
        'Internal server error',
        requestId,
      );
  }
}
