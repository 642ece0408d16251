/**
 * OpenAI's answers at the server edge: a body over the limit (413) and an unknown route (404
 * "Invalid URL (POST /v1/foo)", the API's own wording), in its error shape.
 */
import type { EdgeAnswers } from '../wire-format.ts';
import { openAIErrorBody, openAIErrorResponse } from './errors.ts';

/** OpenAI documents no byte limit for Chat Completions; 32 MiB matches Anthropic's and bounds memory. */
const OPENAI_MAX_BODY_BYTES = 32 * 1024 * 1024;

export const openAIEdge: EdgeAnswers = {
  maxBodyBytes: OPENAI_MAX_BODY_BYTES,
  bodyTooLarge: (limitBytes) =>
    openAIErrorResponse(
      413,
      openAIErrorBody(
        `Request too large: the body exceeds the maximum of ${limitBytes} bytes.`,
        'invalid_request_error',
        null,
        'request_too_large',
      ),
    ),
  routeNotFound: (method, path) =>
    openAIErrorResponse(404, openAIErrorBody(`Invalid URL (${method} ${path})`, 'invalid_request_error')),
};
