/**
 * Google's error body, `{"error":{"code","message","status","details"?}}` (google.rpc.Status
 * as JSON), with the API's own wording: 429 RESOURCE_EXHAUSTED (a rate limit carries
 * QuotaFailure and RetryInfo details; an exhausted balance carries no retry hint), 400
 * INVALID_ARGUMENT, 403 PERMISSION_DENIED, 404 NOT_FOUND, 500 INTERNAL, 503 UNAVAILABLE,
 * 504 DEADLINE_EXCEEDED.
 */
import { toClientMs } from '../clock.ts';
import type { CallErrorInput } from '../wire-format.ts';

export type GoogleStatus =
  | 'INVALID_ARGUMENT'
  | 'PERMISSION_DENIED'
  | 'NOT_FOUND'
  | 'RESOURCE_EXHAUSTED'
  | 'INTERNAL'
  | 'UNAVAILABLE'
  | 'DEADLINE_EXCEEDED';

export const RETRY_INFO_TYPE = 'type.googleapis.com/google.rpc.RetryInfo';
const QUOTA_FAILURE_TYPE = 'type.googleapis.com/google.rpc.QuotaFailure';
const RATE_LIMITS_URL = 'https://ai.google.dev/gemini-api/docs/rate-limits';

export function googleError(
  code: number,
  status: GoogleStatus,
  message: string,
  details?: readonly object[],
): Response {
  return Response.json(
    { error: { code, message, status, ...(details === undefined ? {} : { details }) } },
    { status: code },
  );
}

export function invalidArgument(message: string): Response {
  return googleError(400, 'INVALID_ARGUMENT', message);
}

export function geminiModelNotFound(model: string): Response {
  return googleError(
    404,
    'NOT_FOUND',
    `models/${model} is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.`,
  );
}

export function missingApiKey(): Response {
  return googleError(
    403,
    'PERMISSION_DENIED',
    "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
  );
}

/**
 * A protobuf Duration as JSON, whole client milliseconds: "2s", "1.200s". Client ms, so a
 * client that waits exactly this long lands where the world said (as retry-after-ms does).
 */
export function durationText(clientMs: number): string {
  return clientMs % 1000 === 0 ? `${clientMs / 1000}s` : `${(clientMs / 1000).toFixed(3)}s`;
}

/** The response for a world error other than 'timeout' and 'network' (those never answer). */
export function geminiCallError({ error, model, clock, promptTokens, judgeCall }: CallErrorInput): Response {
  switch (error.kind) {
    case 'rate_limit': {
      const clientMs = toClientMs(clock, error.retryAfterMs ?? 1000);
      const onTokens = error.limitType === 'tokens';
      const snapshot = error.rateLimit;
      const limit = snapshot === undefined ? 0 : onTokens ? snapshot.limitTokens : snapshot.limitRequests;
      const metric = `generativelanguage.googleapis.com/generate_content_paid_tier_${onTokens ? 'input_token_count' : 'requests'}`;
      return googleError(
        429,
        'RESOURCE_EXHAUSTED',
        `You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: ${RATE_LIMITS_URL}.\n* Quota exceeded for metric: ${metric}, limit: ${limit}, model: ${model.id}\nPlease retry in ${durationText(clientMs)}.`,
        [
          {
            '@type': QUOTA_FAILURE_TYPE,
            violations: [
              {
                quotaMetric: metric,
                quotaId: onTokens
                  ? 'GenerateContentPaidTierInputTokensPerModelPerMinute'
                  : 'GenerateRequestsPerMinutePerProjectPerModel',
                quotaDimensions: { location: 'global', model: model.id },
                quotaValue: String(limit),
              },
            ],
          },
          { '@type': RETRY_INFO_TYPE, retryDelay: durationText(clientMs) },
        ],
      );
    }
    case 'insufficient_quota':
      // Final, so no RetryInfo: the client has nothing to wait for.
      return googleError(
        429,
        'RESOURCE_EXHAUSTED',
        'Your prepayment credits are depleted. Please go to AI Studio at https://ai.studio/projects to manage your project and billing.',
      );
    case 'context_length':
      return invalidArgument(
        `The input token count (${promptTokens}) exceeds the maximum number of tokens allowed (${model.max_input_tokens}).`,
      );
    case 'not_found':
      return judgeCall ? googleError(404, 'NOT_FOUND', error.message) : geminiModelNotFound(model.id);
    default: {
      const status = Math.max(error.status, 500);
      if (status === 503)
        return googleError(503, 'UNAVAILABLE', 'The model is overloaded. Please try again later.');
      if (status === 504)
        return googleError(504, 'DEADLINE_EXCEEDED', 'Deadline expired before operation could complete.');
      return googleError(
        status,
        'INTERNAL',
        'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting',
      );
    }
  }
}
