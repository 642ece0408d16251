/**
 * CORS on the provider paths of `routesim serve`, as the real APIs allow browser clients (an
 * agent in a web page, the SDKs with `dangerouslyAllowBrowser`): a preflight (OPTIONS with
 * `Access-Control-Request-Method`) is answered 204 with any origin allowed and the requested
 * headers reflected — `Access-Control-Allow-Headers: *` would not cover `Authorization`, and
 * the SDKs add their own `x-stainless-*` headers — and a response to a request that carries an
 * `Origin` lets the page read it and its headers (request ids, `retry-after`, rate limits).
 * Requests without `Origin` (every non-browser client: the SDKs on Node, gateways, curl) get
 * no CORS headers at all, so their answers are unchanged. Credentials are never allowed (no
 * cookies are used; keys travel in headers). The control API gets none of this (http-edge.ts).
 */

/** Methods the providers' APIs serve; a preflight for another one is allowed nothing. */
const PROVIDER_METHODS = 'GET, POST, DELETE';

/** How long a browser may cache a preflight answer, seconds (browsers cap it at 2 h or less). */
const PREFLIGHT_MAX_AGE_SECONDS = 600;

/** A comma-separated list of header names (RFC 9110 tokens), as `Access-Control-Request-Headers` carries. */
const HEADER_NAME_LIST = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+(?:\s*,\s*[!#$%&'*+.^_`|~0-9A-Za-z-]+)*$/;

/** A CORS preflight: OPTIONS naming the method the browser wants to send. */
export function isPreflight(method: string, headers: Headers): boolean {
  return method === 'OPTIONS' && headers.has('origin') && headers.has('access-control-request-method');
}

/** The answer to a preflight on a provider path: 204, any origin, the requested headers. */
export function preflightResponse(headers: Headers): Response {
  const answer = new Headers({
    'access-control-allow-origin': '*',
    'access-control-allow-methods': PROVIDER_METHODS,
    'access-control-max-age': String(PREFLIGHT_MAX_AGE_SECONDS),
    vary: 'origin, access-control-request-method, access-control-request-headers',
  });
  const requested = headers.get('access-control-request-headers')?.trim();
  if (requested !== undefined && requested !== '' && HEADER_NAME_LIST.test(requested)) {
    answer.set('access-control-allow-headers', requested.toLowerCase());
  }
  return new Response(null, { status: 204, headers: answer });
}

/**
 * `response` with the headers that let a page of any origin read it, for a request that came
 * with an `Origin`; `response` itself otherwise. `Expose-Headers: *` works because no request
 * is credentialed.
 */
export function withCorsHeaders(response: Response, requestHeaders: Headers): Response {
  if (!requestHeaders.has('origin') || response.type === 'error') return response;
  const headers = new Headers(response.headers);
  headers.set('access-control-allow-origin', '*');
  headers.set('access-control-expose-headers', '*');
  headers.append('vary', 'origin');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
