/**
 * OpenAI's error bodies and statuses: `{"error":{"message","type","param","code"}}`.
 * Messages follow the real API's wording so code that matches on them keeps working.
 */
import type { CallError, ModelSpec } from '../../contracts/index.ts';
import type { Clock } from '../clock.ts';
import { toClientMs } from '../clock.ts';
import { JUDGE_OF_HEADER } from '../judge.ts';
import { formatOpenAIDuration } from '../rate-limit-format.ts';
import { localRequestId } from '../request-ids.ts';
import { openAIRateLimitHeaders, openAIRetryHeaders } from './headers.ts';

export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

export function openAIErrorBody(
  message: string,
  type: string,
  param: string | null = null,
  code: string | null = null,
): OpenAIErrorBody {
  return { error: { message, type, param, code } };
}

/** An error response; every one carries `x-request-id` (a local one unless `headers` has it). */
export function openAIErrorResponse(
  status: number,
  body: OpenAIErrorBody,
  headers: Record<string, string> = {},
): Response {
  return Response.json(body, { status, headers: { 'x-request-id': localRequestId(), ...headers } });
}

export function invalidJson(): Response {
  return openAIErrorResponse(
    400,
    openAIErrorBody(
      "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)",
      'invalid_request_error',
    ),
  );
}

export function missingParameter(param: string): Response {
  return openAIErrorResponse(
    400,
    openAIErrorBody(
      `Missing required parameter: '${param}'.`,
      'invalid_request_error',
      param,
      'missing_required_parameter',
    ),
  );
}

export function invalidValue(param: string, message: string): Response {
  return openAIErrorResponse(400, openAIErrorBody(message, 'invalid_request_error', param, 'invalid_value'));
}

export function modelNotFound(model: string): Response {
  return openAIErrorResponse(
    404,
    openAIErrorBody(
      `The model \`${model}\` does not exist or you do not have access to it.`,
      'invalid_request_error',
      null,
      'model_not_found',
    ),
  );
}

export interface OpenAIErrorInput {
  error: CallError;
  model: ModelSpec;
  clock: Clock;
  promptTokens: number;
  maxTokens: number;
  /** The call was a judge call (judge.ts): a 404 names the judged id, not the model. @default false */
  judgeCall?: boolean;
}

/** The response for a world error other than 'timeout' and 'network' (those never answer). */
export function openAICallError({
  error,
  model,
  clock,
  promptTokens,
  maxTokens,
  judgeCall = false,
}: OpenAIErrorInput): Response {
  switch (error.kind) {
    case 'rate_limit':
      return rateLimited(error, model, clock, promptTokens + maxTokens);
    case 'insufficient_quota':
      // The client would retry any 429; the real API's quota error is final, so say so.
      return openAIErrorResponse(
        429,
        openAIErrorBody(
          'You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.',
          'insufficient_quota',
          null,
          'insufficient_quota',
        ),
        { 'x-should-retry': 'false' },
      );
    case 'context_length':
      return openAIErrorResponse(
        400,
        openAIErrorBody(
          `This model's maximum context length is ${model.max_input_tokens} tokens. However, your messages resulted in ${promptTokens} tokens. Please reduce the length of the messages.`,
          'invalid_request_error',
          'messages',
          'context_length_exceeded',
        ),
      );
    case 'not_found':
      if (judgeCall) {
        return openAIErrorResponse(
          404,
          openAIErrorBody(
            error.message,
            'invalid_request_error',
            JUDGE_OF_HEADER,
            'judged_response_not_found',
          ),
        );
      }
      return modelNotFound(model.id);
    default: {
      const status = Math.max(error.status, 500);
      const message =
        status === 503
          ? 'The server is overloaded or not ready yet.'
          : 'The server had an error while processing your request. Sorry about that!';
      return openAIErrorResponse(status, openAIErrorBody(message, 'server_error'));
    }
  }
}

function rateLimited(error: CallError, model: ModelSpec, clock: Clock, requestedTokens: number): Response {
  const retryAfterMs = error.retryAfterMs ?? 1000;
  const clientMs = toClientMs(clock, retryAfterMs);
  const snapshot = error.rateLimit;
  const onTokens = error.limitType === 'tokens';
  const limit = snapshot === undefined ? 0 : onTokens ? snapshot.limitTokens : snapshot.limitRequests;
  const remaining =
    snapshot === undefined ? 0 : onTokens ? snapshot.remainingTokens : snapshot.remainingRequests;
  const unit = onTokens ? 'tokens per min (TPM)' : 'requests per min (RPM)';
  const message = `Rate limit reached for ${model.id} in organization org-routesim on ${unit}: Limit ${limit}, Used ${Math.max(0, limit - remaining)}, Requested ${onTokens ? requestedTokens : 1}. Please try again in ${formatOpenAIDuration(clientMs)}. Visit https://platform.openai.com/account/rate-limits to learn more.`;
  return openAIErrorResponse(
    429,
    openAIErrorBody(message, onTokens ? 'tokens' : 'requests', null, 'rate_limit_exceeded'),
    {
      ...(snapshot === undefined ? {} : openAIRateLimitHeaders(snapshot, clock)),
      ...openAIRetryHeaders(clientMs),
    },
  );
}
