/**
 * Anthropic's answers at the server edge: 413 request_too_large over the Messages API's 32 MB
 * limit, 404 not_found_error for a route it does not have, and 401 for a browser request that
 * did not opt in to direct browser access (what the SDK's `dangerouslyAllowBrowser` sends).
 */
import type { EdgeAnswers } from '../wire-format.ts';
import { anthropicErrorResponse } from './errors.ts';

/** The Messages API's documented request-size limit. */
const ANTHROPIC_MAX_BODY_BYTES = 32 * 1024 * 1024;

export const anthropicEdge: EdgeAnswers = {
  maxBodyBytes: ANTHROPIC_MAX_BODY_BYTES,
  bodyTooLarge: (limitBytes) =>
    anthropicErrorResponse(
      413,
      'request_too_large',
      `Request exceeds the maximum allowed number of bytes (${limitBytes}).`,
    ),
  // Anthropic's own wording for an unknown route, without the method or path.
  routeNotFound: () => anthropicErrorResponse(404, 'not_found_error', 'Not Found'),
  // The API's own answer to a CORS request without the opt-in header.
  browserRequestRefused: (headers) =>
    headers.get('anthropic-dangerous-direct-browser-access') === 'true'
      ? undefined
      : anthropicErrorResponse(
          401,
          'authentication_error',
          "CORS requests must set 'anthropic-dangerous-direct-browser-access' header",
        ),
};
